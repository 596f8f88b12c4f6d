"""The end of a timed class quiz: 300 students save their answers, then all submit
within a few seconds, on the default runtime (one daphne, SQLite).

`python -m bench.quiz_burst setup` prepares the quiz, the students and their open
attempts and prints them as JSON; `burst` (run by `make bench` against a daphne
serving the scale data set) sends the saves and submits beside a baseline burst of
the minimal view at the same concurrency; `verify` checks that every attempt was
graded exactly once and no answer was lost.
"""

import asyncio
import json
import os
import statistics
import sys
import time

STUDENTS = 300
QUESTIONS = 10
CSRF = "b" * 32


def setup() -> dict:
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from courses.models import CoursePage, ModulePage
    from courses.progress import enrol
    from quizzes.attempts import start_attempt
    from quizzes.importing import choice_question
    from quizzes.models import Attempt, QuizPage, QuizResult

    course = CoursePage.objects.filter(slug__startswith="scale").first() or (
        CoursePage.objects.order_by("pk").first()
    )
    module = ModulePage.objects.child_of(course).order_by("path").first()
    quiz = QuizPage.objects.child_of(module).filter(slug="bench-quiz").first()
    if quiz is None:
        quiz = QuizPage(
            title="Bench quiz",
            slug="bench-quiz",
            attempts_allowed=0,
            questions=[
                choice_question(f"bench-q{n}", f"Question {n}", ["right", "wrong"], [0])
                for n in range(QUESTIONS)
            ],
        )
        module.add_child(instance=quiz)
        quiz.save_revision().publish()
    Attempt.objects.filter(quiz_key=quiz.translation_key).delete()
    QuizResult.objects.filter(quiz_key=quiz.translation_key).delete()
    users = get_user_model().objects
    students = []
    for number in range(STUDENTS):
        student, _ = users.get_or_create(
            email=f"quiz{number}@bench.example", defaults={"first_name": "Bench"}
        )
        attempt = start_attempt(quiz, student, enrol(student, course))
        session = SessionStore()
        session[SESSION_KEY] = str(student.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = student.get_session_auth_hash()
        session.create()
        students.append({"attempt": attempt.pk, "session": session.session_key})
    return {"quiz": quiz.pk, "questions": attempt.question_ids, "students": students}


def burst(port: int, prepared: dict) -> dict:
    """Saves, then submits, all students at once; the baseline first."""
    return asyncio.run(_burst(port, prepared))


def verify(prepared: dict) -> dict:
    from quizzes.models import Answer, Attempt, QuizResult

    ids = [s["attempt"] for s in prepared["students"]]
    attempts = Attempt.objects.filter(pk__in=ids)
    return {
        "graded": attempts.filter(status="graded").count(),
        "results": QuizResult.objects.filter(
            user__quiz_attempts__pk__in=ids, attempts=1
        ).count(),
        "answers_kept": Answer.objects.filter(
            attempt_id__in=ids, response__isnull=False
        ).count(),
        "answers_sent": len(ids) * len(prepared["questions"]),
    }


async def _burst(port, prepared) -> dict:
    students = prepared["students"]
    questions = prepared["questions"]

    async def ping(_student):
        return await _request(port, "GET", "/bench/ping/", None, {})

    async def saves(student):
        timings = []
        for sequence, question in enumerate(questions):
            body = json.dumps(
                {"sequence": sequence, "answers": {question: f"{question}-c0"}}
            )
            timings.append(
                await _request(
                    port,
                    "POST",
                    f"/en/learning/quizzes/attempts/{student['attempt']}/answers/",
                    body.encode(),
                    _headers(student, "application/json"),
                )
            )
        return timings

    async def submit(student):
        body = f"csrfmiddlewaretoken={CSRF}&action=submit&sequence={len(questions)}"
        return await _request(
            port,
            "POST",
            f"/en/learning/quizzes/attempts/{student['attempt']}/",
            body.encode(),
            _headers(student, "application/x-www-form-urlencoded"),
        )

    results = {}
    baseline = await _timed(ping, students)
    results["baseline"] = _summary(baseline["timings"], baseline["seconds"])
    saved = await _timed(saves, students)
    flat = [t for timings in saved["timings"] for t in timings]
    results["saves"] = _summary(flat, saved["seconds"])
    submitted = await _timed(submit, students)
    results["submits"] = _summary(submitted["timings"], submitted["seconds"])
    return results


async def _timed(action, students) -> dict:
    began = time.monotonic()
    timings = await asyncio.gather(*(action(s) for s in students))
    return {"timings": timings, "seconds": time.monotonic() - began}


async def _request(port, method, path, body, headers) -> tuple[float, int]:
    began = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b""))
    response = await reader.read()
    writer.close()
    status = int(response.split(b" ", 2)[1]) if response else 0
    return time.monotonic() - began, status


def _headers(student, content_type) -> dict:
    return {
        "Content-Type": content_type,
        "Cookie": f"sessionid={student['session']}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
    }


def _summary(timings, seconds) -> dict:
    durations = [duration for duration, _status in timings]
    statuses = [status for _duration, status in timings]
    cuts = statistics.quantiles(durations, n=100)
    return {
        "requests": len(durations),
        "per_second": round(len(durations) / seconds, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "failed": sum(1 for s in statuses if s >= 400 or s == 0),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    import django

    django.setup()
    command = sys.argv[1]
    if command == "setup":
        print(json.dumps(setup()))
    elif command == "verify":
        with open(sys.argv[2], encoding="utf-8") as prepared:
            print(json.dumps(verify(json.load(prepared))))

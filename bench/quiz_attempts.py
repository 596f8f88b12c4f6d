"""The quiz burst's attempts: prepared before the burst, checked after it.

``python -m bench.quiz_attempts setup`` prepares the quiz, the students and their open
attempts and prints them as JSON; ``verify FILE`` checks that every attempt was graded
exactly once and no answer was lost. Both need DJANGO_SETTINGS_MODULE and
BENCH_DATABASE_URL set (the scale data set).
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore

from lms_courses.models import CoursePage, ModulePage
from lms_courses.progress import enrol
from lms_quizzes.attempts import start_attempt
from lms_quizzes.importing import choice_question
from lms_quizzes.models import Answer, Attempt, QuizPage, QuizResult

STUDENTS = 300
QUESTIONS = 10


def setup() -> dict:
    """The bench quiz in the scale course, and an open attempt of each student."""
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


def verify(prepared: dict) -> dict:
    """What the burst left: attempts graded, results kept, answers saved."""
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


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        print(json.dumps(setup()))
    elif sys.argv[1] == "verify":
        with open(sys.argv[2], encoding="utf-8") as prepared:
            print(json.dumps(verify(json.load(prepared))))

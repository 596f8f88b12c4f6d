"""The end of a timed class quiz: 300 students save their answers, then all submit
within a few seconds, on the default runtime (one daphne, SQLite).

`burst` (run by `make bench` against a daphne serving the scale data set) sends the
saves and submits beside a baseline burst of the minimal view at the same concurrency:
once per client (the submits' shape), and ten in a row per client (the saves' shape,
``baseline_in_a_row``).
The attempts are prepared and checked by `bench.quiz_attempts`, which runs in Django.
"""

import asyncio
import json
import statistics
import time

CSRF = "b" * 32


def burst(port: int, prepared: dict) -> dict:
    """Saves, then submits, all students at once; the baseline first."""
    return asyncio.run(_burst(port, prepared))


async def _burst(port, prepared) -> dict:
    students = prepared["students"]
    questions = prepared["questions"]

    async def ping(_student):
        return await _request(port, "GET", "/bench/ping/", None, {})

    async def pings(_student):
        # The saves' shape with the minimal view: each client 10 requests in a row.
        return [await ping(_student) for _question in questions]

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
    in_a_row = await _timed(pings, students)
    flat = [t for timings in in_a_row["timings"] for t in timings]
    results["baseline_in_a_row"] = _summary(flat, in_a_row["seconds"])
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

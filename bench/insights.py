"""The insights pages of a cohort of 5,000 learners, beside a bare Django view.

Run as ``python -m bench.insights`` with DJANGO_SETTINGS_MODULE and
BENCH_DATABASE_URL set (the insights data set: the demo plus
``make_scale_data --students 5000 --lessons 60``): prints JSON.

Two cohorts take the 60-lesson scale course: its first 10 students and all 5,000.
Each page is loaded by a signed-in coordinator through Django's test client (the
whole middleware stack, no network): its SQL queries are counted for both cohorts,
and its time measured for the large one, as the median of several loads, beside the
median of the bare view. On PostgreSQL, the slowest query of all the pages is
explained with ``EXPLAIN (ANALYZE, BUFFERS)``.
"""

import json
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.cohorts import scale_cohort

SIZES = (10, 5_000)
LOADS = 7
BASELINE_LOADS = 200


def measure() -> dict:
    cohorts = {
        size: scale_cohort(size, 800 + len(str(size)), in_room_share=0.3)
        for size in SIZES
    }
    coordinator = get_user_model().objects.get(email="coordinator@school.example")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)
    results = {"learners": {}, "pages": {}}
    for size, cohort in cohorts.items():
        results["learners"][str(size)] = cohort.members().count()
    for name, url_of in pages().items():
        row = {}
        for size, cohort in cohorts.items():
            url = url_of(cohort)
            _get(client, url)  # warm the caches (outlines, Wagtail's site root)
            queries = []
            with connection.execute_wrapper(_recording(queries)):
                _get(client, url)
            row[f"queries_{size}"] = len(queries)
        url = url_of(cohorts[SIZES[-1]])
        row["ms"] = _median_ms(lambda url=url: _get(client, url), LOADS)
        results["pages"][name] = row
    results["baseline_ms"] = _median_ms(
        lambda: _get(client, "/bench/ping/"), BASELINE_LOADS
    )
    if connection.vendor == "postgresql":
        results["explain"] = _explain_slowest(client, cohorts[SIZES[-1]])
    return results


def pages() -> dict:
    return {
        "cohort overview": lambda c: reverse("insights_overview", args=[c.pk]),
        "cohort overview, XLSX export": lambda c: (
            reverse("insights_overview", args=[c.pk]) + "?export=xlsx"
        ),
        "GCM coverage matrix": lambda c: reverse("insights_coverage", args=[c.pk]),
        "mastery per objective": lambda c: reverse("insights_mastery", args=[c.pk]),
        "charts": lambda c: reverse("insights_charts", args=[c.pk]),
        "programme report": lambda c: reverse("insights_programme", args=[c.pk]),
    }


def _get(client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _median_ms(load, times: int) -> float:
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        load()
        spent.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(spent), 2)


def _recording(queries: list):
    def record(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - began, sql, params))

    return record


def _explain_slowest(client, cohort) -> dict:
    queries = []
    with connection.execute_wrapper(_recording(queries)):
        for url_of in pages().values():
            _get(client, url_of(cohort))
    seconds, sql, params = max(
        (q for q in queries if q[1].lstrip().upper().startswith("SELECT")),
        key=lambda q: q[0],
    )
    with connection.cursor() as cursor:
        # The statement is one Django just ran, with its own parameters.
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)  # nosec B608
        plan = [row[0] for row in cursor.fetchall()]
    return {"ms": round(seconds * 1000, 1), "sql": sql, "plan": plan}


if __name__ == "__main__":
    print(json.dumps(measure()))

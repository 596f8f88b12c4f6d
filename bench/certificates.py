"""The certificate sweep over a cohort of 10,000 students, beside reading their ticks.

Run as ``python -m bench.certificates`` with DJANGO_SETTINGS_MODULE and
BENCH_DATABASE_URL set (the scale data set): prints JSON.

Two cohorts take the scale course: the first 100 scale students, and all 10,000. Each
has six past live classes that most students attended. For each cohort the sweep runs
twice: first it issues the certificates that are due (to everyone who finished the
course and came to class), then it finds nothing new. The baseline is the one query the
sweep cannot avoid: reading every tick of the cohort's students.
"""

import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.db import connection

from bench.cohorts import scale_cohort
from lms_certificates.issuing import issue_due
from lms_certificates.models import Certificate, CertificateRule
from lms_courses.models import LessonCompletion

SIZES = (100, 10_000)
SESSIONS = 6


def measure() -> dict:
    results = {}
    for size in SIZES:
        rule = _rule(size)
        # The scale students take no quizzes (the quiz benchmark adds one to the
        # course): lessons and attendance decide.
        rule.quiz_requirement = CertificateRule.QuizRequirement.NONE
        rule.save()
        cohort = rule.cohort
        Certificate.objects.filter(cohort=cohort).delete()  # the same work every run
        row = {"students": cohort.members().count()}
        for label in ("first", "again"):
            queries = []
            began = time.perf_counter()
            with connection.execute_wrapper(_counting(queries)):
                issued = issue_due(rule)
            row[label] = {
                "ms": round((time.perf_counter() - began) * 1000),
                "queries": len(queries),
                "issued": len(issued),
            }
        began = time.perf_counter()
        ticks = LessonCompletion.objects.filter(
            enrolment__user__in=cohort.members(),
            enrolment__course_key__in=cohort.course_keys(),
        ).values_list("enrolment__user_id", "lesson_key")
        row["ticks"] = sum(1 for _ in ticks.iterator(chunk_size=5000))
        row["baseline_ms"] = round((time.perf_counter() - began) * 1000)
        results[str(size)] = row
    return results


def _counting(queries: list):
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return count


def _rule(size: int):
    """The cohort of the first ``size`` scale students and its rule; made once."""
    number = 900 + len(str(size))
    existing = CertificateRule.objects.filter(cohort__number=number).first()
    if existing:
        return existing
    cohort = scale_cohort(size, number, sessions=SESSIONS)
    return CertificateRule.objects.create(cohort=cohort, min_attendance_percent=50)


if __name__ == "__main__":
    print(json.dumps(measure()))

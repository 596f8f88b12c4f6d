"""The certificate sweep over a cohort of 10,000 students, beside reading their ticks.

Run as ``python -m bench.certificates`` with DJANGO_SETTINGS_MODULE and
BENCH_DATABASE_URL set (the scale data set): prints JSON.

Two cohorts take the scale course: the first 100 scale students, and all 10,000. Each
has six past live classes that most students attended. For each cohort the sweep runs
twice: first it issues the certificates that are due (to everyone who finished the
course and came to class), then it finds nothing new. The baseline is the one query the
sweep cannot avoid: reading every tick of the cohort's students.
"""

import datetime
import json
import os
import random
import time

SIZES = (100, 10_000)
SESSIONS = 6


def measure() -> dict:
    import django

    django.setup()
    from django.db import connection

    from certificates.issuing import issue_due
    from certificates.models import Certificate, CertificateRule
    from courses.models import LessonCompletion

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
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from certificates.models import CertificateRule
    from cohorts.models import Application, Cohort, CohortCourse
    from courses.models import CoursePage
    from home import demo_content as demo
    from home.management.commands.make_scale_data import SCALE_SLUG
    from live.models import Attendance, LiveSession

    number = 900 + len(str(size))
    existing = CertificateRule.objects.filter(cohort__number=number).first()
    if existing:
        return existing
    course = CoursePage.objects.get(slug=SCALE_SLUG)
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.create(
            number=number,
            name_az=f"Miqyas kohortu {size}",
            name_en=f"Scale cohort of {size}",
            name_ru=f"Большая когорта {size}",
            starts_on=today - datetime.timedelta(days=180),
            ends_on=today,
            places=size,
            applications_open_at=now - datetime.timedelta(days=240),
            applications_close_at=now - datetime.timedelta(days=200),
        )
        CohortCourse.objects.create(cohort=cohort, course=course)
        students = list(
            get_user_model()
            .objects.filter(email__endswith="@scale.example")
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        Application.objects.bulk_create(
            (
                Application(
                    cohort=cohort,
                    applicant_id=pk,
                    status=Application.Status.ACCEPTED,
                    submitted_at=now,
                    **demo.APPLICATION,
                )
                for pk in students
            ),
            batch_size=2000,
        )
        rng = random.Random(size)
        for day in range(SESSIONS):
            starts = now - datetime.timedelta(days=7 * (day + 1))
            session = LiveSession.objects.create(
                title=f"Scale class {day + 1}",
                cohort=cohort,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=90),
            )
            Attendance.objects.bulk_create(
                (
                    Attendance(session=session, user_id=pk, online_seconds=80 * 60)
                    for pk in students
                    if rng.random() < 0.85
                ),
                batch_size=2000,
            )
        return CertificateRule.objects.create(cohort=cohort, min_attendance_percent=50)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    print(json.dumps(measure()))

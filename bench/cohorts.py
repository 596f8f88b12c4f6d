"""A cohort of the first N scale students, with past live classes they attended.

Imported by the scripts that measure it (certificates, insights), once they have set
Django up.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from demo import content as demo
from demo.scale import SCALE_SLUG
from lms_cohorts.models import Application, Cohort, CohortCourse
from lms_courses.models import CoursePage
from lms_live.models import Attendance, LiveSession


def scale_cohort(size: int, number: int, sessions: int = 6, in_room_share=0.0):
    """Cohort ``number`` of the first ``size`` scale students in the scale course,
    six months long and ending today, with ``sessions`` weekly classes that 85 % of
    them attended (``in_room_share`` of those in the room); made once."""
    existing = Cohort.objects.filter(number=number).first()
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
        for day in range(sessions):
            starts = now - datetime.timedelta(days=7 * (day + 1))
            session = LiveSession.objects.create(
                title=f"Scale class {day + 1}",
                cohort=cohort,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=90),
            )
            Attendance.objects.bulk_create(
                (
                    _attendance(session, pk, rng.random() < in_room_share)
                    for pk in students
                    if rng.random() < 0.85
                ),
                batch_size=2000,
            )
    return cohort


def _attendance(session, user_id: int, in_the_room: bool) -> Attendance:
    if in_the_room:
        return Attendance(
            session=session, user_id=user_id, checked_in_at=session.starts_at
        )
    return Attendance(session=session, user_id=user_id, online_seconds=80 * 60)

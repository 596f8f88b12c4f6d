"""Attendance per cohort, for certificate rules: online and in the room both count."""

import datetime

import pytest
from django.utils import timezone

from live.attendance import attendance_percent
from live.models import Attendance, LiveSession
from tests.cohorts.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def test_attendance_percent_counts_online_and_in_room_presence(school, student):
    cohort = CohortFactory()
    ApplicationFactory(cohort=cohort, applicant=student, status="accepted")
    now = timezone.now()

    def session(days_ago):
        start = now - datetime.timedelta(days=days_ago)
        return LiveSession.objects.create(
            title=f"Class {days_ago}",
            cohort=cohort,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=90),
        )

    online, in_room, missed, too_short = (session(d) for d in (1, 2, 3, 4))
    session(-7)  # next week's class does not count yet
    Attendance.objects.create(session=online, user=student, online_seconds=60 * 60)
    Attendance.objects.create(session=in_room, user=student, checked_in_at=now)
    Attendance.objects.create(session=too_short, user=student, online_seconds=10 * 60)
    assert attendance_percent(student, cohort) == 50
    Attendance.objects.filter(session=missed).delete()
    Attendance.objects.create(session=missed, user=student, present_override=True)
    assert attendance_percent(student, cohort) == 75


def test_no_classes_yet_means_no_percentage(school, student):
    assert attendance_percent(student, CohortFactory()) is None

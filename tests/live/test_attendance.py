"""Attendance per cohort, for certificate rules: online and in the room both count."""

import datetime

import pytest
from django.utils import timezone

from lms_live.attendance import attendance_percent
from lms_live.models import Attendance, LiveSession
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


def test_a_server_that_died_leaves_no_ghost_and_keeps_the_time_attended(
    live_session_factory, student
):
    from lms_live import classroom

    session = live_session_factory()
    now = timezone.now()
    # What a daphne killed mid-class leaves behind: "connected", last seen 5 min ago.
    Attendance.objects.create(
        session=session,
        user=student,
        connections=1,
        connected_since=now - datetime.timedelta(minutes=50),
        last_seen_at=now - datetime.timedelta(minutes=5),
    )
    assert classroom.presence(session.pk)["people"] == []
    row = Attendance.objects.get(user=student)
    assert row.minutes_online == 45  # credited up to when it was last seen
    assert row.present  # 45 of 90 minutes: half the class

    classroom.join(session.pk, student)  # back on another server
    row.refresh_from_db()
    assert (row.connections, row.online_seconds) == (1, 45 * 60)
    assert [p["id"] for p in classroom.presence(session.pk)["people"]] == [student.pk]
    classroom.leave(session.pk, student)
    row.refresh_from_db()
    assert row.connections == 0
    assert 45 * 60 <= row.online_seconds < 46 * 60


@pytest.fixture
def live_session_factory(school):
    def make():
        start = timezone.now() - datetime.timedelta(minutes=60)
        return LiveSession.objects.create(
            title="Interrupted class",
            course=school["course"],
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=90),
        )

    return make

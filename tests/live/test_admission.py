"""A socket at the classroom's door (``classroom.admit``): who comes in, and counted."""

import pytest
from django.utils import timezone

from lms_live import classroom
from lms_live.models import Attendance

pytestmark = pytest.mark.django_db


def test_an_enrolled_student_comes_in_and_is_counted_once_per_tab(
    live_session, enrolled
):
    first = classroom.admit(live_session.pk, enrolled)
    second = classroom.admit(live_session.pk, enrolled)  # another tab
    assert (first.role, first.ended, first.arrived) == ("student", False, True)
    assert (second.role, second.arrived) == ("student", False)
    assert Attendance.objects.get(user=enrolled).connections == 2


def test_the_sessions_trainer_comes_in_as_trainer(live_session, trainer):
    assert classroom.admit(live_session.pk, trainer).role == "trainer"


def test_someone_not_in_the_class_is_refused_and_not_counted(live_session, outsider):
    admission = classroom.admit(live_session.pk, outsider)
    assert admission.role is None
    assert not Attendance.objects.filter(user=outsider).exists()


def test_nobody_is_counted_in_once_the_session_has_ended(live_session, enrolled):
    live_session.ended_at = timezone.now()
    live_session.save()
    admission = classroom.admit(live_session.pk, enrolled)
    assert (admission.role, admission.ended) == ("student", True)
    assert not Attendance.objects.filter(user=enrolled).exists()

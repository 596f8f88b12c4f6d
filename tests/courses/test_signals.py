"""Courses tells other apps about progress with one signal, sent after commit."""

import pytest
from django.core import serializers

from lms_courses.models import LessonCompletion
from lms_courses.progress import mark_complete
from lms_courses.signals import progress_recorded
from tests.conftest import enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """What a receiver connected outside courses hears, as another app's would."""
    calls = []

    def listen(sender, **kwargs):
        calls.append(kwargs)

    progress_recorded.connect(listen, weak=False, dispatch_uid="tests-listen")
    yield calls
    progress_recorded.disconnect(dispatch_uid="tests-listen")


def test_ticking_a_lesson_sends_progress_recorded_once_after_commit(
    school, student, received, django_capture_on_commit_callbacks
):
    enrolment = enrol(student, school["course"])
    with django_capture_on_commit_callbacks() as callbacks:
        mark_complete(enrolment, school["lessons"][0].translation_key)
        assert received == []
    for callback in callbacks:
        callback()
    assert len(received) == 1


def test_a_receiver_in_another_app_gets_the_learner_and_the_kind(
    school, student, received, django_capture_on_commit_callbacks
):
    enrolment = enrol(student, school["course"])
    with django_capture_on_commit_callbacks(execute=True):
        mark_complete(enrolment, school["lessons"][0].translation_key)
    assert received[0]["user_id"] == student.pk
    assert received[0]["kind"] == "lesson"


def test_ticking_a_lesson_again_sends_nothing(
    school, student, received, django_capture_on_commit_callbacks
):
    enrolment = enrol(student, school["course"])
    lesson_key = school["lessons"][0].translation_key
    mark_complete(enrolment, lesson_key)
    with django_capture_on_commit_callbacks(execute=True):
        mark_complete(enrolment, lesson_key)
    assert received == []


def test_a_tick_loaded_from_a_fixture_sends_nothing(
    school, student, received, django_capture_on_commit_callbacks
):
    enrolment = enrol(student, school["course"])
    tick = LessonCompletion(
        enrolment=enrolment, lesson_key=school["lessons"][0].translation_key
    )
    fixture = serializers.serialize("json", [tick])
    with django_capture_on_commit_callbacks(execute=True):
        for loaded in serializers.deserialize("json", fixture):
            loaded.save()
    assert LessonCompletion.objects.count() == 1
    assert received == []

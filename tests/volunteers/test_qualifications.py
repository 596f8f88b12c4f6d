"""Qualifications earned on the platform or by hand, expiring, and leading to active."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import IntegrityError
from django.utils import timezone

from lms_courses.progress import mark_complete
from lms_quizzes.models import QuizResult
from lms_volunteers.models import QualificationGrant
from lms_volunteers.pipeline import apply
from lms_volunteers.qualifications import expiring, grant_by_hand, grant_earned
from tests.conftest import enrol
from tests.volunteers.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def pass_quiz(user, qualification):
    QuizResult.objects.create(
        user=user,
        quiz_key=qualification.quiz_key,
        percent=90,
        passed=True,
        attempts=1,
    )


def test_passing_the_quiz_grants_the_qualification_for_its_validity(
    graduate, desk_basics
):
    volunteer = apply(graduate, **ANSWERS)
    pass_quiz(graduate, desk_basics)
    [grant] = grant_earned(volunteer)
    assert grant.source == "quiz"
    assert (
        grant.expires_at.date()
        == (timezone.now() + datetime.timedelta(days=365)).date()
    )


def test_finishing_every_lesson_of_the_course_grants_its_qualification(
    graduate, first_aid, school
):
    volunteer = apply(graduate, **ANSWERS)
    enrolment = enrol(graduate, school["course"])
    for lesson in school["lessons"][:-1]:
        mark_complete(enrolment, lesson.translation_key)
    assert grant_earned(volunteer) == []
    mark_complete(enrolment, school["lessons"][-1].translation_key)
    [grant] = grant_earned(volunteer)
    assert grant.qualification == first_aid and grant.expires_at is None


def test_in_training_becomes_active_by_itself_when_the_required_training_is_done(
    graduate, desk_basics
):
    volunteer = apply(graduate, **ANSWERS)
    assert volunteer.status == "in_training"
    pass_quiz(graduate, desk_basics)
    grant_earned(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.status == "active"
    assert volunteer.status_changes.last().changed_by is None


def test_an_applicant_earns_the_qualification_but_stays_an_applicant(
    newcomer, desk_basics
):
    volunteer = apply(newcomer, **ANSWERS)
    pass_quiz(newcomer, desk_basics)
    grant_earned(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.status == "applicant"
    assert volunteer.qualifications.count() == 1


def test_the_result_saved_in_the_background_grants_it(
    graduate, desk_basics, django_capture_on_commit_callbacks
):
    apply(graduate, **ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(graduate, desk_basics)
    assert QualificationGrant.objects.filter(volunteer__user=graduate).exists()


def test_a_grant_by_hand_needs_a_reason(newcomer, desk_basics, staff):
    volunteer = apply(newcomer, **ANSWERS)
    with pytest.raises(IntegrityError):
        grant_by_hand(volunteer, desk_basics, by=staff, reason="")


def test_an_expired_qualification_is_earned_again_by_passing_again(
    graduate, desk_basics
):
    volunteer = apply(graduate, **ANSWERS)
    pass_quiz(graduate, desk_basics)
    grant_earned(volunteer)
    QualificationGrant.objects.update(expires_at=timezone.now() - datetime.timedelta(1))
    [renewed] = grant_earned(volunteer)
    assert renewed.is_valid()
    assert QualificationGrant.objects.count() == 1


def test_holders_are_reminded_once_before_expiry(graduate, desk_basics):
    volunteer = apply(graduate, **ANSWERS)
    pass_quiz(graduate, desk_basics)
    grant_earned(volunteer)
    soon = timezone.now() + datetime.timedelta(days=10)
    QualificationGrant.objects.update(expires_at=soon)
    assert expiring(30).count() == 1
    QualificationGrant.objects.update(reminded_at=timezone.now())
    assert expiring(30).count() == 0


def test_a_student_who_is_no_volunteer_queues_no_qualification_check(
    newcomer, graduate, desk_basics, django_capture_on_commit_callbacks, monkeypatch
):
    from lms_volunteers import signals

    queued = []
    monkeypatch.setattr(
        signals, "grant_earned_qualifications", SimpleNamespace(enqueue=queued.append)
    )
    apply(graduate, **ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(newcomer, desk_basics)
        pass_quiz(graduate, desk_basics)
    assert queued == [graduate.pk]

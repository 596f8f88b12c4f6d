"""Where a learner stands against a rule, part by part, in constant queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lms_certificates.eligibility import standing_of, standings
from lms_certificates.models import CertificateRule, ProjectCompletion
from lms_courses.models import Enrolment
from lms_courses.progress import mark_complete
from lms_live.models import Attendance
from lms_quizzes.models import QuizResult
from tests.cohorts.factories import ApplicationFactory
from tests.conftest import enrol
from tests.factories import UserFactory

from .conftest import complete_everything

pytestmark = pytest.mark.django_db


def described(standing) -> list[str]:
    with translation.override("en"):
        return [requirement.describe() for requirement in standing.requirements]


def test_a_new_student_sees_every_part_of_the_rule_still_to_do(rule, holder):
    rule.requires_project = True
    rule.project_label = "Internship"
    rule.save()
    standing = standing_of(rule, holder)
    assert described(standing) == [
        "0 of 2 modules completed",
        "0 of 1 quiz passed",
        "no live class held yet (50% attendance needed)",
        "Internship: not marked done yet",
    ]
    assert not standing.met


def test_progress_counts_modules_quizzes_attendance_and_the_project(
    rule, holder, school, quiz, live_class
):
    rule.requires_project = True
    rule.save()
    enrolment = Enrolment.objects.get(user=holder)
    for lesson in school["lessons"][:2]:  # the whole first module
        mark_complete(enrolment, lesson.translation_key)
    QuizResult.objects.create(
        user=holder, quiz_key=quiz.translation_key, percent=90, passed=True, attempts=1
    )
    Attendance.objects.create(session=live_class, user=holder, online_seconds=3600)
    ProjectCompletion.objects.create(rule=rule, user=holder)
    standing = standing_of(rule, holder)
    assert described(standing) == [
        "1 of 2 modules completed",
        "1 of 1 quiz passed",
        "attendance 100% of 50% needed",
        "Final project: done",
    ]
    assert [r.percent for r in standing.requirements] == [50, 100, 100, 100]
    assert not standing.met


def test_meeting_every_part_meets_the_rule(rule, holder, school, quiz, live_class):
    complete_everything(holder, school, quiz, live_class)
    assert standing_of(rule, holder).met


def test_only_the_chosen_modules_are_required(rule, holder, school):
    rule.required_modules.set([school["modules"][1]])
    rule.quiz_requirement = CertificateRule.QuizRequirement.NONE
    rule.min_attendance_percent = 0
    rule.save()
    mark_complete(
        Enrolment.objects.get(user=holder), school["lessons"][2].translation_key
    )
    standing = standing_of(rule, holder)
    assert described(standing) == ["1 of 1 module completed"]
    assert standing.met


def test_an_average_score_rule_counts_a_quiz_not_taken_as_zero(
    rule, holder, school, quiz
):
    from tests.factories import QuizPageFactory

    second = QuizPageFactory(parent=school["modules"][1], title="Check: identity")
    rule.quiz_requirement = CertificateRule.QuizRequirement.AVERAGE
    rule.min_average_score = 50
    rule.save()
    QuizResult.objects.create(
        user=holder, quiz_key=quiz.translation_key, percent=90, passed=True, attempts=1
    )
    requirement = standing_of(rule, holder).requirements[1]
    with translation.override("en"):
        assert requirement.describe() == "average quiz score 45% of 50% needed"
    assert not requirement.met
    QuizResult.objects.create(
        user=holder,
        quiz_key=second.translation_key,
        percent=20,
        passed=False,
        attempts=1,
    )
    assert standing_of(rule, holder).requirements[1].met


def test_people_outside_the_cohort_are_not_evaluated(rule, holder):
    stranger = UserFactory()
    assert standing_of(rule, stranger) is None
    assert set(standings(rule)) == {holder.pk}


def test_a_course_rule_covers_the_course_s_active_learners(school, student):
    rule = CertificateRule.objects.create(
        course=school["course"], min_attendance_percent=0
    )
    enrol(student, school["course"])
    assert rule.course_key == school["course"].translation_key
    assert set(standings(rule)) == {student.pk}


def test_evaluating_a_cohort_takes_the_same_queries_for_3_or_30_students(
    rule, cohort, school, quiz, live_class
):
    def queries_for_cohort() -> int:
        standings(rule)  # warm the outline cache
        with CaptureQueriesContext(connection) as queries:
            found = standings(rule)
        assert len(found) == cohort.members().count()
        return len(queries.captured_queries)

    def add_students(count):
        for _ in range(count):
            user = UserFactory()
            ApplicationFactory(cohort=cohort, applicant=user, status="accepted")
            complete_everything(
                enrol(user, school["course"]).user, school, quiz, live_class
            )

    add_students(3)
    few = queries_for_cohort()
    add_students(27)
    assert queries_for_cohort() == few
    assert get_user_model().objects.count() >= 30

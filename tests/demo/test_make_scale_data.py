"""`manage.py make_scale_data` builds the benchmark School and reuses it."""

import io

import pytest
from django.core.management import CommandError, call_command

from lms_courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from lms_live.models import Attendance, LiveSession
from lms_quizzes.models import Attempt, QuizPage, QuizResult
from lms_volunteers.models import (
    DepartmentPage,
    HoursEntry,
    ProjectPage,
    Shift,
    SignUp,
    Volunteer,
)

pytestmark = pytest.mark.django_db


def make(**sizes):
    out = io.StringIO()
    call_command("make_scale_data", stdout=out, **sizes)
    return out.getvalue()


def test_it_makes_students_a_curriculum_and_realistic_progress():
    make(students=60, lessons=25)
    course = CoursePage.objects.get(slug="scale-course")
    assert LessonPage.objects.descendant_of(course).count() == 25
    assert Enrolment.objects.for_course(course).count() == 60
    per_student = [
        enrolment.completions.count()
        for enrolment in Enrolment.objects.for_course(course)
    ]
    assert 0 in per_student and 25 in per_student  # some never start, some finish
    # The demo's own cohort has completions too: count the scale course's only.
    ticks = LessonCompletion.objects.filter(
        enrolment__course_key=course.translation_key
    )
    assert 0 < ticks.count() < 60 * 25


def test_a_second_run_reuses_the_data():
    make(students=20, lessons=10)
    assert "Reusing" in make(students=20, lessons=10)
    course = CoursePage.objects.get(slug="scale-course")
    assert Enrolment.objects.for_course(course).count() == 20


def test_other_sizes_on_the_same_database_are_refused():
    make(students=20, lessons=10)
    with pytest.raises(CommandError):
        make(students=30, lessons=10)


def test_sizes_must_be_positive():
    with pytest.raises(CommandError):
        make(students=0, lessons=10)


def test_students_who_finish_a_module_have_taken_its_quiz_and_classes_have_history():
    make(students=60, lessons=25)
    course = CoursePage.objects.get(slug="scale-course")
    assert QuizPage.objects.descendant_of(course).count() == 2  # after 10 and 20
    finished = [
        e.user_id
        for e in Enrolment.objects.for_course(course)
        if e.completions.count() == 25
    ]
    assert finished
    assert QuizResult.objects.filter(user_id__in=finished).count() == 2 * len(finished)
    scale = {"user__email__endswith": "@scale.example"}
    attempts = Attempt.objects.filter(status="graded", **scale)
    assert attempts.count() == QuizResult.objects.filter(**scale).count()
    classes = LiveSession.objects.filter(course_key=course.translation_key)
    assert classes.count() == 6
    assert all(session.has_ended for session in classes)
    assert 0 < Attendance.objects.filter(session__in=classes).count() < 6 * 60


def test_volunteers_come_with_departments_projects_shifts_and_hours(school):
    make(students=0, lessons=1, volunteers=200)
    scale = Volunteer.objects.filter(user__email__endswith="@volunteers.scale.example")
    assert scale.count() == 200
    assert scale.filter(status="active").count() > 100  # mostly active
    assert DepartmentPage.objects.filter(slug__startswith="scale-").count() == 7
    assert ProjectPage.objects.filter(slug__startswith="scale-").count() == 28
    assert Shift.objects.count() == 10
    assert Shift.objects.filter(starts_at__lt="2100-01-01").exists()
    for shift in Shift.objects.all():
        confirmed = SignUp.objects.filter(shift=shift, status="confirmed").count()
        assert shift.places_taken == confirmed <= shift.capacity
    assert HoursEntry.objects.filter(source="shift", status="approved").exists()
    assert HoursEntry.objects.filter(source="claim", status="pending").exists()
    assert not CoursePage.objects.filter(slug="scale-course").exists()


def test_a_second_run_reuses_the_volunteers(school):
    make(students=0, lessons=1, volunteers=40)
    assert "Reusing the scale volunteers" in make(students=0, lessons=1, volunteers=40)
    assert Volunteer.objects.count() == 40
    with pytest.raises(CommandError):
        make(students=0, lessons=1, volunteers=50)

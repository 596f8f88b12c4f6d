"""`manage.py make_scale_data` builds the benchmark School and reuses it."""

import io

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage

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
    assert 0 < LessonCompletion.objects.count() < 60 * 25


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

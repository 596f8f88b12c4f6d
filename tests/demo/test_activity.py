"""The demo's 3rd Migration School has six months of activity to report on."""

import datetime
import os
import random

import pytest
from django.core.management import call_command
from django.db.models import Max, Min
from django.utils import timezone

from demo import activity
from lms_cohorts.models import Application, Cohort
from lms_courses.models import Enrolment, GCMObjective, LessonCompletion, LessonPage
from lms_live.models import Attendance, LiveSession
from lms_quizzes.models import Answer, Attempt, QuestionTag, QuizPage, QuizResult

pytestmark = pytest.mark.django_db

ACTIVITY = [
    Application,
    Enrolment,
    LessonCompletion,
    Attempt,
    Answer,
    QuizResult,
    LiveSession,
    Attendance,
    QuestionTag,
]


@pytest.fixture
def third(demo_school, db) -> Cohort:
    return Cohort.objects.get(number=3)


@pytest.fixture
def quizzes(demo_school, db) -> list[QuizPage]:
    return list(QuizPage.objects.filter(locale__language_code="az").order_by("path"))


def test_the_third_school_is_in_its_last_fortnight(third):
    today = timezone.localdate()
    assert 160 <= (today - third.starts_on).days <= 170
    assert 10 <= (third.ends_on - today).days <= 20


def test_the_third_school_has_at_least_forty_members(third):
    assert third.members().count() >= 40
    assert third.members().count() <= third.places


def test_learners_are_enrolled_through_the_cohort_and_cannot_log_in(third):
    learner = third.members().get(email="learner01@school.example")
    assert not learner.has_usable_password()
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.source == Enrolment.Source.COHORT
    assert enrolment.course_key in third.course_keys()


def test_some_applicants_were_not_selected(third):
    assert third.applications.filter(status=Application.Status.REJECTED).exists()


def test_lesson_completions_span_the_cohorts_months(third):
    span = LessonCompletion.objects.filter(
        enrolment__source=Enrolment.Source.COHORT
    ).aggregate(first=Min("completed_at"), last=Max("completed_at"))
    assert (span["last"] - span["first"]).days >= 150
    assert span["first"].date() >= third.starts_on


def test_some_learners_dropped_out_while_most_were_active_this_week(third):
    now = timezone.now()
    last_seen = list(
        Enrolment.objects.filter(user__in=third.members()).values_list(
            "last_activity_at", flat=True
        )
    )
    month_ago = now - datetime.timedelta(days=30)
    week_ago = now - datetime.timedelta(days=7)
    inactive = [at for at in last_seen if at is None or at < month_ago]
    assert 3 <= len(inactive) <= 8
    assert sum(1 for at in last_seen if at and at >= week_ago) > len(last_seen) / 2


def test_last_activity_is_each_learners_latest_lesson_or_later(third):
    enrolments = Enrolment.objects.filter(
        source=Enrolment.Source.COHORT, completions__isnull=False
    ).annotate(latest=Max("completions__completed_at"))
    assert enrolments.exists()
    for enrolment in enrolments:
        assert enrolment.last_activity_at >= enrolment.latest


def test_nothing_is_dated_in_the_future(demo_school, db):
    now = timezone.now()
    assert not LessonCompletion.objects.filter(completed_at__gt=now).exists()
    assert not Attempt.objects.filter(submitted_at__gt=now).exists()
    assert not Enrolment.objects.filter(last_activity_at__gt=now).exists()
    assert not LiveSession.objects.filter(ended_at__gt=now).exists()


def test_there_are_two_quizzes_in_different_modules(quizzes):
    assert len(quizzes) == 2
    assert quizzes[0].get_parent().pk != quizzes[1].get_parent().pk


def test_both_quizzes_have_their_questions_tagged(quizzes):
    for quiz in quizzes:
        tagged = set(
            QuestionTag.objects.filter(
                quiz_key=quiz.translation_key, objective__isnull=False
            ).values_list("question_id", flat=True)
        )
        assert tagged == {question.id for question in quiz.questions}, quiz.slug


def test_a_question_with_objectives_of_its_own_is_tagged_with_those_only(quizzes):
    borders = quizzes[1]
    smuggling = next(q for q in borders.questions if q.value["gcm_objectives"] == ["9"])
    numbers = QuestionTag.objects.filter(
        quiz_key=borders.translation_key,
        question_id=smuggling.id,
        objective__isnull=False,
    ).values_list("objective__number", flat=True)
    assert list(numbers) == [9]


def test_learners_have_graded_attempts_at_both_quizzes(third, quizzes):
    for quiz in quizzes:
        attempts = Attempt.objects.filter(
            quiz_key=quiz.translation_key,
            status=Attempt.Status.GRADED,
            user__in=third.members(),
        )
        assert attempts.values("user").distinct().count() >= 30, quiz.slug
        attempt = attempts.first()
        answers = attempt.answers.all()
        assert {a.question_id for a in answers} == set(attempt.question_ids)
        assert sum(a.points for a in answers) == attempt.score
        results = QuizResult.objects.filter(quiz_key=quiz.translation_key)
        assert results.filter(passed=True).count() > results.count() / 2
        assert results.filter(passed=False).exists(), quiz.slug


def test_each_learners_result_is_their_best_attempt(third, quizzes):
    results = QuizResult.objects.filter(
        user__email__startswith="learner", quiz_key=quizzes[0].translation_key
    )
    for result in results:
        best = Attempt.objects.filter(
            user=result.user_id, quiz_key=result.quiz_key
        ).aggregate(best=Max("percent"))["best"]
        assert result.percent == best
        assert result.passed == (best >= quizzes[0].pass_mark)


def test_past_classes_have_attendance_in_the_room_and_online(third):
    past = LiveSession.objects.filter(cohort=third, ended_at__isnull=False)
    assert 8 <= past.count() <= 10
    assert all(session.module_id for session in past)
    assert all(session.gcm_objectives.exists() for session in past)
    attendance = Attendance.objects.filter(session__in=past)
    assert attendance.filter(checked_in_at__isnull=False).exists()
    assert attendance.filter(checked_in_at__isnull=True, online_seconds__gt=0).exists()
    members = third.members().count()
    assert all(session.attendance.count() < members for session in past)


def test_the_upcoming_class_is_still_there(demo_school, db):
    upcoming = LiveSession.objects.upcoming().get()
    assert upcoming.starts_at > timezone.now()


def test_some_objectives_are_taught_nowhere(demo_school, db):
    lessons = LessonPage.objects.filter(locale__language_code="az")
    taught = set(lessons.values_list("gcm_objectives__number", flat=True))
    taught |= set(QuestionTag.objects.values_list("objective__number", flat=True))
    taught |= set(LiveSession.objects.values_list("gcm_objectives__number", flat=True))
    gaps = set(GCMObjective.objects.values_list("number", flat=True)) - taught
    assert gaps and len(gaps) <= 4


def test_the_demo_student_has_a_graded_attempt_to_read_mastery_from(quizzes):
    attempt = Attempt.objects.get(user__email="student@school.example")
    assert attempt.quiz_key == quizzes[0].translation_key
    fractions = set(attempt.answers.values_list("fraction", flat=True))
    assert 0 in fractions and 1 in fractions


def test_running_it_again_adds_no_activity(
    demo_school, db, django_capture_on_commit_callbacks
):
    before = [model.objects.count() for model in ACTIVITY]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open(os.devnull, "w"))
    assert [model.objects.count() for model in ACTIVITY] == before


def test_the_same_seed_tells_the_same_story():
    assert activity.profiles(42, random.Random(7)) == activity.profiles(
        42, random.Random(7)
    )


def test_a_drop_out_does_nothing_after_the_day_they_stop():
    steps = [activity.Step(key=n, day=n * 10) for n in range(1, 18)]
    start = timezone.now() - datetime.timedelta(days=200)
    profile = activity.Profile(
        "dropped", pace=1.0, lag=0, skill=0.7, turnout=0.7, stops_on_day=60
    )
    learning = activity.plan_learning(
        profile, steps, start, 180, user_id=1, rng=random.Random(1)
    )
    assert learning.completions
    latest = max(at for _key, at in learning.completions)
    assert latest < start + datetime.timedelta(days=61)
    assert learning.last_activity == latest

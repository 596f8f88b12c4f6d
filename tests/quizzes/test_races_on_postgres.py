"""Real concurrent connections on PostgreSQL: one graded attempt, never too many."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections

from lms_quizzes.attempts import QuizError, start_attempt, submit_attempt
from lms_quizzes.models import Attempt, QuizResult
from tests.quizzes.conftest import RIGHT

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(count, action):
    barrier = Barrier(count)

    def run(_):
        try:
            barrier.wait()
            return action()
        except QuizError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_six_simultaneous_submits_grade_one_attempt_once(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    outcomes = race(6, lambda: submit_attempt(attempt.pk, student, 0, RIGHT).status)
    assert outcomes.count("graded") == 1
    assert set(outcomes) - {"graded"} <= {"submitted", "stale"}
    assert Attempt.objects.get().percent == 100
    assert QuizResult.objects.get().attempts == 1


def test_simultaneous_starts_never_exceed_the_attempts_allowed(
    quiz, student, enrolment
):
    def start_and_submit():
        attempt = start_attempt(quiz, student, enrolment)
        submit_attempt(attempt.pk, student, attempt.sequence, {})
        return "done"

    outcomes = race(6, start_and_submit)
    assert Attempt.objects.filter(user=student).count() <= quiz.attempts_allowed
    assert "done" in outcomes

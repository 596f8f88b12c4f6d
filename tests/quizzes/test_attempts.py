"""Attempts: answers saved as given, graded once on the server, within the rules."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms_courses.progress import learner_outline
from lms_quizzes import grading
from lms_quizzes.attempts import (
    QuizError,
    grade_overdue_attempts,
    regrade_question,
    save_answers,
    start_attempt,
    submit_attempt,
)
from lms_quizzes.models import Answer, Attempt, QuizOverride, QuizResult
from tests.conftest import enrol
from tests.factories import UserFactory
from tests.quizzes.conftest import RIGHT

pytestmark = pytest.mark.django_db


def test_answers_are_saved_and_the_attempt_resumes(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    save_answers(attempt.pk, student, {"q-single": "q-single-c1"}, 0)
    again = start_attempt(quiz, student, enrolment)
    assert again.pk == attempt.pk
    assert again.question_ids == attempt.question_ids
    assert Answer.objects.get(attempt=attempt).response == "q-single-c1"


def test_submitting_grades_on_the_server(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    answers = {**RIGHT, "q-num": "22"}
    graded = submit_attempt(attempt.pk, student, 0, answers)
    assert graded.status == "graded"
    assert (graded.score, graded.max_score, graded.percent) == (4, 5, 80)
    assert graded.passed is True
    assert QuizResult.objects.get(user=student).passed is True


def test_a_passed_quiz_counts_in_module_and_course_progress(
    school, quiz, student, enrolment
):
    for lesson in school["lessons"][:2]:
        from lms_courses.progress import mark_complete

        mark_complete(enrolment, lesson.translation_key)
    outline, _ = learner_outline(school["course"], student)
    first = outline.modules[0]
    assert (first.done_count, len(first.lessons)) == (2, 3)
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, RIGHT)
    outline, _ = learner_outline(school["course"], student)
    assert outline.modules[0].percent == 100
    assert outline.done_count == 3


def test_a_failed_quiz_does_not_complete_the_module(quiz, school, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, {"q-single": "q-single-c0"})
    outline, _ = learner_outline(school["course"], student)
    assert not any(item.done for item in outline.modules[0].items)


def test_a_second_submit_is_refused_and_grades_nothing(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, RIGHT)
    with pytest.raises(QuizError) as refused:
        submit_attempt(attempt.pk, student, 0, {})
    assert refused.value.code == "submitted"
    assert Attempt.objects.get().percent == 100


def test_a_stale_save_is_refused_without_touching_saved_answers(
    quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    save_answers(attempt.pk, student, {"q-single": "q-single-c1"}, 0)
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, student, {"q-single": "q-single-c0"}, 0)
    assert refused.value.code == "stale"
    with pytest.raises(QuizError):
        submit_attempt(attempt.pk, student, 0, {"q-single": "q-single-c0"})
    assert Answer.objects.get().response == "q-single-c1"
    assert Attempt.objects.get().is_open


@pytest.mark.parametrize(
    "answers",
    [
        {"q-single": "q-multi-c0"},
        {"unknown-question": "x"},
        {"q-short": "x" * 500},
        {"q-tf": [1, 2]},
        ["not", "a", "dict"],
        {"q-single": "q-single-c1", "q-num": "not a number"},
    ],
)
def test_bad_answers_are_refused_and_leave_the_attempt_as_it_was(
    quiz, student, enrolment, answers
):
    attempt = start_attempt(quiz, student, enrolment)
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, student, answers, 0)
    assert refused.value.code == "invalid"
    assert not Answer.objects.exists()
    assert Attempt.objects.get().sequence == 0


def test_nobody_saves_into_another_learners_attempt(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, UserFactory(), {"q-tf": True}, 0)
    assert refused.value.code == "not_found"


def test_attempts_allowed_are_enforced_and_overrides_add_more(quiz, student, enrolment):
    for _ in range(2):
        attempt = start_attempt(quiz, student, enrolment)
        submit_attempt(attempt.pk, student, 0, {})
    with pytest.raises(QuizError) as refused:
        start_attempt(quiz, student, enrolment)
    assert refused.value.code == "no_attempts"
    QuizOverride.objects.create(quiz=quiz, user=student, extra_attempts=1)
    assert start_attempt(quiz, student, enrolment).number == 3


def test_the_time_limit_is_enforced_by_the_server(quiz, student, enrolment):
    quiz.time_limit_minutes = 10
    quiz.save_revision().publish()
    start = timezone.now()
    attempt = start_attempt(quiz, student, enrolment, now=start)
    assert attempt.deadline == start + datetime.timedelta(minutes=10)
    save_answers(
        attempt.pk, student, RIGHT, 0, now=start + datetime.timedelta(minutes=5)
    )
    late = start + datetime.timedelta(minutes=11)
    with pytest.raises(QuizError) as refused:
        submit_attempt(attempt.pk, student, 1, {"q-num": "1"}, now=late)
    assert refused.value.code == "time_up"
    attempt.refresh_from_db()
    assert (attempt.status, attempt.timed_out, attempt.percent) == ("graded", True, 100)
    assert attempt.submitted_at == attempt.deadline


def test_extra_time_is_added_for_an_accommodated_learner(quiz, student, enrolment):
    quiz.time_limit_minutes = 10
    quiz.save_revision().publish()
    QuizOverride.objects.create(quiz=quiz, user=student, extra_minutes=5)
    start = timezone.now()
    attempt = start_attempt(quiz, student, enrolment, now=start)
    assert attempt.deadline == start + datetime.timedelta(minutes=15)


def test_a_closed_quiz_refuses_to_start_unless_the_learner_has_a_later_date(
    quiz, student, enrolment
):
    quiz.closes_at = timezone.now() - datetime.timedelta(days=1)
    quiz.save_revision().publish()
    with pytest.raises(QuizError):
        start_attempt(quiz, student, enrolment)
    QuizOverride.objects.create(
        quiz=quiz, user=student, closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    assert start_attempt(quiz, student, enrolment).is_open


def test_abandoned_attempts_are_graded_by_the_job_and_the_command(
    quiz, student, enrolment
):
    quiz.time_limit_minutes = 1
    quiz.save_revision().publish()
    past = timezone.now() - datetime.timedelta(minutes=5)
    attempt = start_attempt(quiz, student, enrolment, now=past)
    save_answers(attempt.pk, student, {"q-tf": False}, 0, now=past)
    assert grade_overdue_attempts() == 1
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == ("graded", 1)
    call_command("grade_overdue_attempts", stdout=open("/dev/null", "w"))
    assert Attempt.objects.get().score == 1


def test_one_attempt_that_cannot_be_graded_is_logged_and_the_others_are_graded(
    quiz, school, student, enrolment, caplog
):
    quiz.time_limit_minutes = 1
    quiz.save_revision().publish()
    past = timezone.now() - datetime.timedelta(minutes=5)
    broken = start_attempt(quiz, student, enrolment, now=past)
    # Stored by hand, as no path would store it: a multiple choice answer that is
    # not a list of choices makes grading raise.
    Answer.objects.create(attempt=broken, question_id="q-multi", response=5)
    other = UserFactory()
    fine = start_attempt(quiz, other, enrol(other, school["course"]), now=past)
    save_answers(fine.pk, other, {"q-tf": False}, 0, now=past)

    with caplog.at_level("ERROR", logger="lms_quizzes.attempts"):
        assert grade_overdue_attempts() == 1

    fine.refresh_from_db()
    broken.refresh_from_db()
    assert (fine.status, fine.score) == ("graded", 1)
    assert broken.is_open and broken.score is None
    assert Answer.objects.filter(attempt=broken).count() == 1  # rolled back
    [record] = caplog.records
    assert f"attempt {broken.pk}" in record.getMessage()
    assert record.exc_info is not None


def test_the_score_policy_decides_which_attempt_counts(quiz, student, enrolment):
    first = start_attempt(quiz, student, enrolment)
    submit_attempt(first.pk, student, 0, RIGHT)
    second = start_attempt(quiz, student, enrolment)
    submit_attempt(second.pk, student, 0, {})
    assert QuizResult.objects.get().percent == 100
    quiz.score_policy = "last"
    quiz.save_revision().publish()
    third_override = QuizOverride.objects.create(
        quiz=quiz, user=student, extra_attempts=1
    )
    assert third_override.quiz_key == quiz.translation_key
    third = start_attempt(quiz, student, enrolment)
    submit_attempt(third.pk, student, 0, {"q-tf": False})
    result = QuizResult.objects.get()
    assert (result.percent, result.passed, result.attempts) == (20, False, 3)


def test_regrading_applies_a_corrected_key_to_every_attempt(
    school, quiz, student, enrolment
):
    other = enrol(UserFactory(), school["course"])
    for learner, enrolled in ((student, enrolment), (other.user, other)):
        attempt = start_attempt(quiz, learner, enrolled)
        submit_attempt(attempt.pk, learner, 0, {"q-single": "q-single-c0"})
    assert set(Attempt.objects.values_list("score", flat=True)) == {0}
    raw = list(quiz.questions.raw_data)
    for choice in raw[0]["value"]["choices"]:
        choice["value"]["correct"] = choice["id"] == "q-single-c0"
    quiz.questions = raw
    quiz.save_revision().publish()
    assert regrade_question(quiz, "q-single") == 2
    assert set(Attempt.objects.values_list("score", flat=True)) == {1}
    assert set(QuizResult.objects.values_list("percent", flat=True)) == {20}


def test_questions_are_drawn_and_shuffled_once_per_attempt(quiz, student, enrolment):
    quiz.draw_count = 3
    quiz.shuffle_questions = quiz.shuffle_choices = True
    quiz.save_revision().publish()
    attempt = start_attempt(quiz, student, enrolment)
    assert len(attempt.question_ids) == 3
    assert set(attempt.question_ids) <= {q.id for q in quiz.questions}
    again = Attempt.objects.get(pk=attempt.pk)
    assert again.question_ids == attempt.question_ids
    assert again.choice_order == attempt.choice_order
    submit_attempt(attempt.pk, student, 0, {})
    assert Attempt.objects.get().max_score == 3


def test_learners_who_are_not_enrolled_cannot_start(client, quiz, student):
    client.force_login(student)
    response = client.post(f"/en/learning/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    assert not Attempt.objects.exists()


# A save checks its answers before it writes: what may happen meanwhile


def overtaken_by(monkeypatch, action):
    """While the next save checks its answers, ``action`` runs first (another tab)."""
    clean = grading.clean_response

    def meanwhile(question, raw):
        monkeypatch.setattr(grading, "clean_response", clean)
        action()
        return clean(question, raw)

    monkeypatch.setattr(grading, "clean_response", meanwhile)


def test_a_save_overtaken_by_another_tab_is_refused_and_writes_nothing(
    quiz, student, enrolment, monkeypatch
):
    attempt = start_attempt(quiz, student, enrolment)
    overtaken_by(
        monkeypatch, lambda: save_answers(attempt.pk, student, {"q-tf": False}, 0)
    )
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, student, {"q-tf": True}, 0)
    assert (refused.value.code, refused.value.sequence) == ("stale", 1)
    assert Answer.objects.get().response is False
    assert Attempt.objects.get().sequence == 1


def test_a_save_overtaken_by_the_submit_is_refused_and_writes_nothing(
    quiz, student, enrolment, monkeypatch
):
    attempt = start_attempt(quiz, student, enrolment)
    overtaken_by(monkeypatch, lambda: submit_attempt(attempt.pk, student, 0, {}))
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, student, {"q-tf": False}, 0)
    assert refused.value.code == "submitted"
    assert not Answer.objects.filter(response__isnull=False).exists()
    assert Attempt.objects.get().score == 0


def test_answers_are_checked_against_the_quiz_as_it_is_now(quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    save_answers(attempt.pk, student, {"q-single": "q-single-c0"}, 0)
    raw = list(quiz.questions.raw_data)
    raw[0]["value"]["choices"] = raw[0]["value"]["choices"][1:]
    quiz.questions = raw
    quiz.save_revision().publish()
    with pytest.raises(QuizError) as refused:
        save_answers(attempt.pk, student, {"q-single": "q-single-c0"}, 1)
    assert refused.value.code == "invalid"
    save_answers(attempt.pk, student, {"q-single": "q-single-c1"}, 1)
    assert Answer.objects.get().response == "q-single-c1"


def test_grading_gives_each_question_left_blank_an_answer_worth_nothing(
    quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    save_answers(attempt.pk, student, {"q-tf": False}, 0)
    submit_attempt(attempt.pk, student, 1)
    answers = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    assert set(answers) == set(attempt.question_ids)
    assert (answers["q-tf"].fraction, answers["q-tf"].points) == (1, 1)
    blank = answers["q-single"]
    assert (blank.response, blank.fraction, blank.points) == (None, 0, 0)
    assert Attempt.objects.get().score == 1

"""Attempts at a quiz: starting, saving answers as they come, submitting, grading.

Every change to an attempt is guarded by its row, so a double submit, two tabs or two
concurrent requests leave one graded attempt. Each save raises the attempt's
``sequence``; a request that carries an older one is stale and refused without
touching what is saved. A save checks its answers before it writes, then raises the
sequence only where the attempt is still open, on time and at the sequence it read:
its write transaction is two statements, as short as SQLite's one writer needs.
Grading locks the row and writes every answer's score in one statement. Saving and
grading cost the same number of queries whatever the number of questions.
"""

import json
import logging
import random
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_courses.models import Enrolment
from lms_courses.outline import original_page

from . import grading
from .models import Answer, Attempt, QuizPage, QuizResult
from .rules import Rules, rules_for

logger = logging.getLogger(__name__)

# What grading writes on an attempt.
SCORE_FIELDS = ["score", "max_score", "percent", "passed"]


class QuizError(Exception):
    """A request the quiz rules refuse: ``code`` for programs, the text for people."""

    code = "refused"

    def __init__(self, message, code=None, *, sequence=None):
        super().__init__(message)
        self.code = code or self.code
        self.sequence = sequence  # the attempt's current one, for a stale request


def quiz_for(attempt: Attempt) -> QuizPage:
    """The original of the attempt's quiz: the one whose key grades every language."""
    quiz = QuizPage.objects.filter(translation_key=attempt.quiz_key).order_by("pk")
    return quiz.first()


def start_attempt(quiz: QuizPage, user, enrolment: Enrolment, *, now=None) -> Attempt:
    """The learner's open attempt, or a new one if the rules allow it."""
    now = now or timezone.now()
    quiz = original_page(quiz).specific
    rules = rules_for(quiz, user)
    with transaction.atomic():
        # The enrolment row serialises a learner's starts: never two new attempts.
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        attempts = Attempt.objects.filter(user=user, quiz_key=quiz.translation_key)
        current = attempts.filter(status=Attempt.Status.IN_PROGRESS).first()
        if current is not None:
            if not current.is_overdue(now):
                return current
            grade_attempt(current, quiz, now=now, timed_out=True)
        used = attempts.count()
        if rules.attempts_allowed and used >= rules.attempts_allowed:
            raise QuizError(
                _("You have used every attempt at this quiz."), "no_attempts"
            )
        if not rules.is_open(now):
            raise QuizError(_("This quiz is not open now."), "closed")
        if not len(quiz.questions):
            raise QuizError(_("This quiz has no questions yet."), "empty")
        return Attempt.objects.create(
            user=user,
            quiz_key=quiz.translation_key,
            number=used + 1,
            started_at=now,
            deadline=_deadline(rules, now),
            question_ids=_draw(quiz),
            choice_order=_choice_order(quiz),
        )


def save_answers(attempt_id: int, user, answers: dict, sequence: int, *, now=None):
    """Store answers to questions of the attempt; returns the attempt, saved."""
    now = now or timezone.now()
    with _ending_late_attempts(attempt_id, now):
        attempts = _with_questions(Attempt.objects.all())
        attempt = _checked(attempts, attempt_id, user, sequence, now)
        questions = _converted_questions(attempt.questions_json or "[]")
        cleaned = _cleaned(attempt, questions, answers)
        with transaction.atomic():
            written = (
                Attempt.objects.filter(pk=attempt.pk)
                .writable(sequence)
                .update(sequence=F("sequence") + 1)
            )
            if written:
                _store(attempt, cleaned, now)
        if not written:
            # Saved, submitted or out of time since it was read: say which.
            current = _checked(Attempt.objects, attempt_id, user, sequence, now)
            raise _stale(current.sequence)
    attempt.sequence += 1
    return attempt


def answered_count(attempt: Attempt) -> int:
    """How many of the attempt's questions have a saved answer (a cleared one is
    stored blank and does not count)."""
    answers = dict(attempt.answers.values_list("question_id", "response"))
    return sum(
        1 for qid in attempt.question_ids if answers.get(qid) not in (None, "", [])
    )


def submit_attempt(attempt_id: int, user, sequence: int, answers=None, *, now=None):
    """Store the last answers and grade the attempt, once."""
    now = now or timezone.now()
    with _ending_late_attempts(attempt_id, now), transaction.atomic():
        locked = Attempt.objects.select_for_update()
        attempt = _checked(locked, attempt_id, user, sequence, now)
        quiz = _quiz_to_grade(attempt)
        if answers:
            _store(attempt, _cleaned(attempt, _questions(quiz), answers), now)
        grade_attempt(attempt, quiz, now=now)
    return attempt


def grade_attempt(attempt: Attempt, quiz=None, *, now=None, timed_out=False) -> None:
    """Grade an open attempt with what is saved (the caller holds its lock)."""
    now = now or timezone.now()
    quiz = quiz or _quiz_to_grade(attempt)
    saved = dict(attempt.answers.values_list("question_id", "response"))
    # A question left unanswered gets a blank answer, scored 0, in the same statement.
    responses = {qid: saved.get(qid) for qid in attempt.question_ids} | saved
    _score(attempt, quiz, responses, now)
    attempt.status = Attempt.Status.GRADED
    attempt.submitted_at = min(now, attempt.deadline) if timed_out else now
    attempt.timed_out = timed_out
    attempt.save(update_fields=[*SCORE_FIELDS, "status", "submitted_at", "timed_out"])
    record_result(attempt.user_id, quiz)


def grade_overdue_attempts(*, now=None) -> int:
    """Grade every attempt whose time ran out while its learner was away.

    Each attempt is graded in its own transaction: one that fails is logged, left
    as it was and tried again next time, and the others are graded all the same.
    """
    now = now or timezone.now()
    graded = 0
    overdue = list(
        Attempt.objects.filter(
            status=Attempt.Status.IN_PROGRESS, deadline__lte=now
        ).values_list("pk", flat=True)
    )
    for pk in overdue:
        try:
            with transaction.atomic():
                attempt = (
                    Attempt.objects.select_for_update()
                    .filter(pk=pk, status=Attempt.Status.IN_PROGRESS)
                    .first()
                )
                if attempt is None:
                    continue
                grade_attempt(attempt, now=now, timed_out=True)
        except Exception:
            logger.exception("Could not grade overdue quiz attempt %s", pk)
        else:
            graded += 1
    return graded


def regrade_question(quiz: QuizPage, question_id: str) -> int:
    """Grade every graded answer to a question again, with its current key."""
    quiz = original_page(quiz).specific
    attempts = Attempt.objects.filter(
        quiz_key=quiz.translation_key,
        status=Attempt.Status.GRADED,
        answers__question_id=question_id,
    ).distinct()
    count = 0
    for attempt in attempts:
        with transaction.atomic():
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
            saved = dict(locked.answers.values_list("question_id", "response"))
            _score(locked, quiz, saved, timezone.now())
            locked.save(update_fields=SCORE_FIELDS)
            count += 1
    for user_id in attempts.values_list("user_id", flat=True).distinct():
        record_result(user_id, quiz)
    return count


def record_result(user_id: int, quiz: QuizPage) -> QuizResult | None:
    """Keep the learner's counted score (highest or last) in step with attempts."""
    graded = Attempt.objects.filter(
        user_id=user_id, quiz_key=quiz.translation_key, status=Attempt.Status.GRADED
    )
    summary = graded.aggregate(best=Max("percent"), count=Count("pk"))
    counted = summary["best"]
    if quiz.score_policy == QuizPage.ScorePolicy.LAST:
        counted = graded.order_by("-number").values_list("percent", flat=True).first()
    if counted is None:
        return None
    result, _created = QuizResult.objects.update_or_create(
        user_id=user_id,
        quiz_key=quiz.translation_key,
        defaults={
            "percent": counted,
            "passed": counted >= quiz.pass_mark,
            "attempts": summary["count"],
        },
    )
    return result


def shows_feedback(quiz: QuizPage, rules: Rules, now=None) -> bool:
    now = now or timezone.now()
    if quiz.feedback_when == QuizPage.FeedbackWhen.AFTER_SUBMIT:
        return True
    if quiz.feedback_when == QuizPage.FeedbackWhen.AFTER_CLOSE:
        return rules.closes_at is not None and now >= rules.closes_at
    return False


def _checked(attempts, attempt_id: int, user, sequence, now) -> Attempt:
    """The learner's attempt from ``attempts``, if a request carrying ``sequence``
    may change it now; otherwise the reason, raised."""
    attempt = attempts.filter(pk=attempt_id, user=user).first()
    if attempt is None:
        raise QuizError(_("There is no such attempt of yours."), "not_found")
    if not attempt.is_open:
        raise QuizError(_("This attempt is already submitted."), "submitted")
    if attempt.is_overdue(now):
        raise _Overdue
    if sequence != attempt.sequence:
        raise _stale(attempt.sequence)
    return attempt


def _stale(current: int) -> QuizError:
    return QuizError(
        _(
            "This page is out of date (the attempt was saved since, maybe in "
            "another tab). Reload it: nothing saved is lost."
        ),
        "stale",
        sequence=current,
    )


def _with_questions(attempts):
    """``attempts``, each with the JSON of its quiz's questions (``questions_json``):
    a save reads the attempt and what checks its answers in one query."""
    questions = (
        QuizPage.objects.filter(translation_key=OuterRef("quiz_key"))
        .order_by("pk")
        .values_list(Cast("questions", TextField()))[:1]
    )
    return attempts.annotate(questions_json=Subquery(questions))


def _quiz_to_grade(attempt: Attempt) -> QuizPage:
    """``quiz_for(attempt)`` with only what checking and grading answers read."""
    return (
        QuizPage.objects.filter(translation_key=attempt.quiz_key)
        .order_by("pk")
        .only("translation_key", "questions", "pass_mark", "score_policy")
        .first()
    )


def _questions(quiz: QuizPage) -> dict:
    """The quiz's questions by id, converted from their JSON once per content: a
    conversion costs more than the query, and an edited quiz is new content."""
    raw = quiz.questions.get_prep_value()
    return _converted_questions(json.dumps(raw, cls=DjangoJSONEncoder))


@lru_cache(maxsize=64)
def _converted_questions(questions_json: str) -> dict:
    field = QuizPage._meta.get_field("questions")
    return {question.id: question for question in field.to_python(questions_json)}


class _Overdue(Exception):
    """Raised where a request must not save: the attempt's time is up."""


@contextmanager
def _ending_late_attempts(attempt_id: int, now):
    """Turn a late request into a graded attempt (in its own transaction) and a
    refusal, so that nothing sent after the deadline is saved."""
    try:
        yield
    except _Overdue:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
            if attempt.is_open:
                grade_attempt(attempt, now=now, timed_out=True)
        raise QuizError(
            _("Time is up: the attempt was graded with the answers saved in time."),
            "time_up",
        ) from None


def _cleaned(attempt: Attempt, questions: dict, answers) -> dict:
    """The responses to store for ``answers`` ({question id: raw answer}), checked
    against ``questions`` (the quiz's, by id)."""
    if not isinstance(answers, dict):
        raise QuizError(_("Send answers as question: answer pairs."), "invalid")
    cleaned = {}
    for question_id, raw in answers.items():
        question = (
            questions.get(question_id) if question_id in attempt.question_ids else None
        )
        if question is None:
            raise QuizError(_("That question is not part of this attempt."), "invalid")
        try:
            cleaned[question_id] = grading.clean_response(question, raw)
        except grading.InvalidAnswer as error:
            raise QuizError(str(error), "invalid") from error
    return cleaned


def _store(attempt: Attempt, cleaned: dict, now) -> None:
    Answer.objects.bulk_create(
        [
            Answer(attempt=attempt, question_id=qid, response=response, saved_at=now)
            for qid, response in cleaned.items()
        ],
        update_conflicts=True,
        unique_fields=["attempt", "question_id"],
        update_fields=["response", "saved_at"],
    )


def _score(attempt: Attempt, quiz: QuizPage, responses: dict, now) -> None:
    """Score ``responses`` ({question id: response}) and store each answer's score,
    inserting the blank ones not saved yet, in one statement."""
    questions = _questions(quiz)
    total = possible = Decimal(0)
    answers = []
    for question_id, response in responses.items():
        answer = Answer(
            attempt=attempt, question_id=question_id, response=response, saved_at=now
        )
        question = questions.get(question_id)
        # A question removed from the quiz since no longer counts.
        if question is not None:
            answer.fraction = grading.grade(question, response)
            answer.points = (answer.fraction * question.value["points"]).quantize(
                Decimal("0.01")
            )
            total += answer.points
            possible += question.value["points"]
        answers.append(answer)
    Answer.objects.bulk_create(
        answers,
        update_conflicts=True,
        unique_fields=["attempt", "question_id"],
        update_fields=["fraction", "points"],
    )
    attempt.score, attempt.max_score = total, possible
    attempt.percent = (
        (100 * total / possible).quantize(Decimal("0.01")) if possible else Decimal(0)
    )
    attempt.passed = attempt.percent >= quiz.pass_mark


def _deadline(rules: Rules, now):
    ends = [rules.closes_at] if rules.closes_at else []
    if rules.time_limit_minutes:
        ends.append(now + timedelta(minutes=rules.time_limit_minutes))
    return min(ends) if ends else None


def _draw(quiz: QuizPage) -> list[str]:
    ids = [question.id for question in quiz.questions]
    if quiz.draw_count and quiz.draw_count < len(ids):
        ids = sorted(random.sample(ids, quiz.draw_count), key=ids.index)
    if quiz.shuffle_questions:
        random.shuffle(ids)
    return ids


def _choice_order(quiz: QuizPage) -> dict[str, list[str]]:
    order = {}
    for question in quiz.questions:
        if question.block.kind in ("single_choice", "multiple_choice"):
            ids = grading.choice_ids(question)
            if quiz.shuffle_choices:
                random.shuffle(ids)
            order[question.id] = ids
    return order

"""A learner's side of a quiz: its page, an attempt, saving answers, the result."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale

from lms_courses.models import Enrolment

from . import grading
from .attempts import (
    QuizError,
    answered_count,
    grade_attempt,
    quiz_for,
    save_answers,
    shows_feedback,
    start_attempt,
    submit_attempt,
)
from .formatting import render_text
from .models import Attempt, QuizPage
from .quiz_page import course_of, next_steps
from .rules import rules_for

# The HTTP status of each refusal of the JSON endpoint.
ERROR_STATUS = {
    "invalid": 400,
    "not_found": 404,
    "stale": 409,
    "submitted": 410,
    "time_up": 410,
}


@require_POST
def start(request, page_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    enrolment = _active_enrolment(request.user, quiz)
    if enrolment is None:
        messages.error(request, _("Enrol in the course to take its quizzes."))
        return redirect(quiz.url)
    try:
        attempt = start_attempt(quiz, request.user, enrolment)
    except QuizError as error:
        messages.error(request, str(error))
        return redirect(quiz.url)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_page(request, attempt_id: int):
    attempt = get_object_or_404(Attempt, pk=attempt_id, user=request.user)
    if not attempt.is_open:
        return redirect("quizzes:result", attempt_id=attempt.pk)
    if attempt.is_overdue():
        return _time_up(request, attempt)
    ids = attempt.question_ids
    position = _position(request, len(ids))
    if request.method == "GET":
        return _render_attempt(request, attempt, position)

    action = request.POST.get("action", "save")
    shown = request.POST.getlist("shown")
    answers = {qid: _posted(request, qid) for qid in shown}
    try:
        sequence = int(request.POST.get("sequence", ""))
    except ValueError:
        sequence = -1
    try:
        if action == "submit":
            submit_attempt(attempt.pk, request.user, sequence, answers)
            messages.success(request, _("Your attempt is submitted and graded."))
            return redirect("quizzes:result", attempt_id=attempt.pk)
        save_answers(attempt.pk, request.user, answers, sequence)
    except QuizError as error:
        if error.code in ("time_up", "submitted"):
            messages.error(request, str(error))
            return redirect("quizzes:result", attempt_id=attempt.pk)
        attempt.refresh_from_db()
        status = ERROR_STATUS.get(error.code, 400)
        return _render_attempt(request, attempt, position, str(error), status)
    if action == "save":
        messages.success(request, _("Your answers are saved."))
    step = {"next": 1, "previous": -1}.get(action, 0)
    target = min(max(position + step, 0), len(ids) - 1)
    url = reverse("quizzes:attempt", kwargs={"attempt_id": attempt.pk})
    return redirect(f"{url}?q={target + 1}" if _one_per_page(attempt) else url)


@require_POST
def save_answer(request, attempt_id: int):
    """The page's script saves each answer as it is given: JSON in, JSON out."""
    if not request.user.is_authenticated:
        return _json_error("not_found", _("Log in to answer."), status=403)
    if len(request.body) > 64 * 1024:
        return _json_error("invalid", _("That is too much to save at once."))
    try:
        payload = json.loads(request.body or b"{}")
        sequence = int(payload["sequence"])
        answers = payload["answers"]
    except (ValueError, KeyError, TypeError):
        return _json_error(
            "invalid", _("Send JSON with a sequence number and answers.")
        )
    try:
        attempt = save_answers(attempt_id, request.user, answers, sequence)
    except QuizError as error:
        response = _json_error(
            error.code, str(error), ERROR_STATUS.get(error.code, 400)
        )
        if error.sequence is not None:  # a client may resend its latest answer
            response = JsonResponse(
                {
                    "error": error.code,
                    "message": str(error),
                    "sequence": error.sequence,
                },
                status=409,
            )
        return response
    return JsonResponse(
        {
            "sequence": attempt.sequence,
            "saved": True,
            "answered": answered_count(attempt),
            "total": len(attempt.question_ids),
        }
    )


@login_required
@require_GET
def result(request, attempt_id: int):
    attempt = get_object_or_404(Attempt, pk=attempt_id, user=request.user)
    if attempt.is_open:
        if not attempt.is_overdue():
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        return _time_up(request, attempt)
    quiz = quiz_for(attempt)
    shown = _in_reader_language(quiz)
    show = shows_feedback(quiz, rules_for(quiz, request.user))
    items = []
    if show:
        answers = {a.question_id: a for a in attempt.answers.all()}
        for number, qid in enumerate(attempt.question_ids, start=1):
            question = shown.question(qid) or quiz.question(qid)
            answer = answers.get(qid)
            if question is None or answer is None:
                continue
            text_format = question.value["text_format"]
            items.append(
                {
                    "number": number,
                    "text": render_text(question.value["text"], text_format),
                    "your_answer": _response_text(question, answer.response),
                    "right": answer.fraction == 1,
                    "points": answer.points,
                    "max_points": question.value["points"],
                    "correct_answer": grading.correct_answer_text(question),
                    "feedback": [
                        render_text(note, text_format)
                        for note in grading.feedback_for(question, answer.response)
                    ],
                }
            )
    context = {
        "page": shown,
        "quiz": shown,
        "attempt": attempt,
        "items": items,
        "shows_feedback": show,
        **next_steps(shown, quiz, request.user),
    }
    return TemplateResponse(request, "quizzes/result.html", context)


def _render_attempt(request, attempt, position, error="", status=200):
    quiz = quiz_for(attempt)
    shown = _in_reader_language(quiz)
    answers = dict(attempt.answers.values_list("question_id", "response"))
    ids = attempt.question_ids
    visible = [ids[position]] if _one_per_page(attempt) else ids
    items = []
    for qid in visible:
        question = shown.question(qid) or quiz.question(qid)
        if question is None:
            continue
        items.append(_question_item(question, ids.index(qid) + 1, attempt, answers))
    context = {
        "page": shown,
        "quiz": shown,
        "attempt": attempt,
        "items": items,
        "position": position,
        "total": len(ids),
        "one_per_page": _one_per_page(attempt),
        "answered": sum(1 for qid in ids if answers.get(qid) not in (None, "", [])),
        "error": error,
        "seconds_left": attempt.seconds_left(),
        "minutes_left": -(-(attempt.seconds_left() or 0) // 60),
    }
    return TemplateResponse(request, "quizzes/attempt.html", context, status=status)


def _question_item(question, number, attempt, answers) -> dict:
    """What a learner may see of a question: never its key, points or feedback."""
    kind = question.block.kind
    item = {
        "id": question.id,
        "number": number,
        "kind": kind,
        "text": render_text(question.value["text"], question.value["text_format"]),
        "response": answers.get(question.id),
        "template": question.block.meta.template,
    }
    if kind in ("single_choice", "multiple_choice"):
        texts = {c.id: c.value["text"] for c in question.value["choices"].bound_blocks}
        order = attempt.choice_order.get(question.id) or list(texts)
        item["choices"] = [(cid, texts[cid]) for cid in order if cid in texts]
    return item


def _response_text(question, response) -> str:
    if response is None:
        return "—"
    kind = question.block.kind
    if kind in ("single_choice", "multiple_choice"):
        chosen = {response} if kind == "single_choice" else set(response)
        return "; ".join(
            c.value["text"]
            for c in question.value["choices"].bound_blocks
            if c.id in chosen
        )
    if kind == "true_false":
        return _("True") if response else _("False")
    return str(response)


def _posted(request, question_id: str):
    values = request.POST.getlist(f"q-{question_id}")
    return values if len(values) > 1 else (values[0] if values else None)


def _time_up(request, attempt):
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.is_open:
            grade_attempt(locked, timed_out=True)
    messages.error(
        request, _("Time is up: the attempt was graded with the answers saved in time.")
    )
    return redirect("quizzes:result", attempt_id=attempt.pk)


def _position(request, total: int) -> int:
    try:
        return min(max(int(request.GET.get("q", "1")) - 1, 0), max(total - 1, 0))
    except ValueError:
        return 0


def _one_per_page(attempt) -> bool:
    return quiz_for(attempt).layout == QuizPage.Layout.ONE


def _in_reader_language(quiz: QuizPage) -> QuizPage:
    translated = (
        QuizPage.objects.live()
        .filter(translation_key=quiz.translation_key, locale=Locale.get_active())
        .first()
    )
    return translated or quiz


def _active_enrolment(user, quiz: QuizPage) -> Enrolment | None:
    course = course_of(quiz)
    return (
        Enrolment.objects.for_user(user)
        .active()
        .filter(course_key=course.translation_key)
        .first()
    )


def _json_error(code: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)

"""Moodle GIFT files into a quiz: parsed, turned into question blocks, saved at once.

The questions are added to the quiz's latest revision, as a draft for the trainer to
review and publish (or published at once, when asked). An error anywhere leaves the
quiz as it was. A question the quiz already has (same kind, name, text and answers)
is not added again, so importing a file twice adds nothing the second time.

Learners in every language answer the questions of a quiz's original (see
``lms_quizzes.attempts.quiz_for``), so a translation takes no import: questions go into
the original and reach the translation when the translation is synced.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms_courses.outline import original_page

from .gift import GiftQuestion, GiftSkipped, parse_gift
from .models import QuizPage


@dataclass
class ImportReport:
    imported: int
    skipped: list[GiftSkipped]
    already_in_quiz: int = 0


class ImportRefused(Exception):
    """The quiz takes no import; the message tells the trainer where to import."""


def import_refusal(quiz: QuizPage) -> str | None:
    """Why ``quiz`` takes no import, in words for the trainer; None when it does."""
    original = original_page(quiz)
    if original.pk == quiz.pk:
        return None
    return _(
        "This quiz is the %(language)s translation of “%(original)s”, written in "
        "%(original_language)s. Learners in every language answer the questions of "
        "the original, so import the questions into “%(original)s” "
        "(%(original_language)s), then sync this translation."
    ) % {
        "language": quiz.locale.get_display_name(),
        "original": original.title,
        "original_language": original.locale.get_display_name(),
    }


def import_gift(quiz: QuizPage, text: str, *, user=None, publish=False) -> ImportReport:
    """Add the questions of a GIFT file to ``quiz``.

    Raises GiftSyntaxError for a file that cannot be read and ImportRefused for a
    translated quiz.
    """
    refusal = import_refusal(quiz)
    if refusal:
        raise ImportRefused(refusal)
    parsed = parse_gift(text)
    blocks = [question_block(question) for question in parsed.questions]
    with transaction.atomic():
        # Two imports at once would each miss the other's questions.
        list(Page.objects.select_for_update().filter(pk=quiz.pk).values_list("pk"))
        draft = quiz.get_latest_revision_as_object()
        existing = list(draft.questions.raw_data)
        present = {fingerprint(block) for block in existing}
        added = [block for block in blocks if fingerprint(block) not in present]
        if added:
            draft.questions = existing + added
            revision = draft.save_revision(user=user)
            if publish:
                revision.publish(user=user)
    return ImportReport(len(added), parsed.skipped, len(blocks) - len(added))


def question_block(question: GiftQuestion) -> dict:
    """The raw StreamField data of one question, with new ids."""
    value = {
        "title": question.title[:255],
        "text": question.text[:2000],
        "text_format": question.text_format,
        "points": "1",
        "general_feedback": question.general_feedback[:2000],
    }
    if question.kind in ("single_choice", "multiple_choice"):
        value["choices"] = [
            _item(
                {
                    "text": choice.text[:500],
                    "correct": choice.correct,
                    "feedback": choice.feedback[:500],
                }
            )
            for choice in question.choices
        ]
    elif question.kind == "true_false":
        wrong, right = question.true_false_feedback
        value |= {
            "correct_answer": bool(question.correct_answer),
            "feedback_right": right[:500],
            "feedback_wrong": wrong[:500],
        }
    elif question.kind == "short_answer":
        value |= {
            "accepted_answers": [
                _item({"answer": answer.text[:200], "credit": _credit(answer.credit)})
                for answer in question.accepted_answers
            ],
            "case_sensitive": False,
        }
    elif question.kind == "numeric":
        value["answers"] = [
            _item(
                {
                    "value": str(answer.value),
                    "tolerance": str(answer.tolerance),
                    "credit": _credit(answer.credit),
                }
            )
            for answer in question.numeric_answers
        ]
    return {"type": f"{question.kind}_block", "id": str(uuid.uuid4()), "value": value}


def fingerprint(block: dict) -> tuple:
    """What makes two questions the same, from their raw StreamField data: kind,
    name, text and answers, whatever the ids, spacing or order of the answers."""
    value = block["value"]
    kind = block["type"]
    if kind in ("single_choice_block", "multiple_choice_block"):
        answers = sorted(
            (_words(choice.get("text")), bool(choice.get("correct")))
            for choice in _items(value.get("choices"))
        )
    elif kind == "true_false_block":
        answers = [bool(value.get("correct_answer"))]
    elif kind == "short_answer_block":
        answers = sorted(
            (_words(answer.get("answer")), _number(answer.get("credit", 100)))
            for answer in _items(value.get("accepted_answers"))
        ) + [bool(value.get("case_sensitive"))]
    elif kind == "numeric_block":
        answers = sorted(
            (
                _number(answer.get("value")),
                _number(answer.get("tolerance", 0)),
                _number(answer.get("credit", 100)),
            )
            for answer in _items(value.get("answers"))
        )
    else:
        answers = []
    return (
        kind,
        _words(value.get("title")),
        _words(value.get("text")),
        tuple(answers),
    )


def choice_question(
    qid: str,
    text: str,
    choices: list[str],
    right: list[int],
    *,
    multiple: bool = False,
    points: int = 1,
    general_feedback: str = "",
    choice_feedback: str = "",
) -> dict:
    """Raw StreamField data of a choice question whose ``right`` indexes are correct,
    with ids ``<qid>-c<index>`` for code that answers it (demo, scale data, tests);
    ``choice_feedback`` may use ``{choice}``."""
    return {
        "type": "multiple_choice_block" if multiple else "single_choice_block",
        "id": qid,
        "value": {
            "text": text,
            "points": str(points),
            "general_feedback": general_feedback,
            "choices": [
                {
                    "type": "item",
                    "id": f"{qid}-c{index}",
                    "value": {
                        "text": choice,
                        "correct": index in right,
                        "feedback": choice_feedback.format(choice=choice),
                    },
                }
                for index, choice in enumerate(choices)
            ],
        },
    }


def _item(value) -> dict:
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def _credit(credit: Decimal) -> str:
    # The credit field keeps five decimals, as Moodle's 33.33333% does.
    return f"{credit.quantize(Decimal('0.00001')).normalize():f}"


def _items(list_value) -> list[dict]:
    """The values of a ListBlock's raw data; items may be bare (older data)."""
    values = []
    for item in list_value or []:
        if isinstance(item, dict) and item.get("type") == "item":
            item = item.get("value")
        values.append(item if isinstance(item, dict) else {"answer": item})
    return values


def _words(text) -> str:
    return " ".join(str(text or "").split())


def _number(number) -> str:
    try:
        return f"{Decimal(str(number)).normalize():f}"
    except ArithmeticError:
        return str(number)

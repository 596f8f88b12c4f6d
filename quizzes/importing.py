"""Moodle GIFT files into a quiz: parsed, turned into question blocks, saved at once.

The questions are added to the quiz's latest revision, as a draft for the trainer to
review and publish (or published at once, when asked). An error anywhere leaves the
quiz as it was.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction

from .gift import GiftQuestion, GiftSkipped, parse_gift
from .models import QuizPage


@dataclass
class ImportReport:
    imported: int
    skipped: list[GiftSkipped]


def import_gift(quiz: QuizPage, text: str, *, user=None, publish=False) -> ImportReport:
    """Add the questions of a GIFT file to ``quiz``; raises GiftSyntaxError."""
    parsed = parse_gift(text)
    with transaction.atomic():
        draft = quiz.get_latest_revision_as_object()
        draft.questions = list(draft.questions.raw_data) + [
            question_block(question) for question in parsed.questions
        ]
        revision = draft.save_revision(user=user)
        if publish:
            revision.publish(user=user)
    return ImportReport(len(parsed.questions), parsed.skipped)


def question_block(question: GiftQuestion) -> dict:
    """The raw StreamField data of one question, with new ids."""
    text = (
        f"{question.title}: {question.text}" if _title_adds(question) else question.text
    )
    value = {
        "text": text[:2000],
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
            "accepted_answers": [_item(a[:200]) for a in question.accepted_answers],
            "case_sensitive": False,
        }
    elif question.kind == "numeric":
        value["answers"] = [
            _item({"value": str(number), "tolerance": str(tolerance)})
            for number, tolerance in question.numeric_answers
        ]
    return {"type": f"{question.kind}_block", "id": str(uuid.uuid4()), "value": value}


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


def _title_adds(question: GiftQuestion) -> bool:
    # Moodle titles are often the question's first words: keep them only when new.
    return bool(question.title) and question.title not in question.text


def _item(value) -> dict:
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}

"""Questions written before per-answer credit keep working: their accepted answers
and numeric answers become full credit, in the page and in every revision."""

import importlib
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection

from lms_quizzes.grading import grade
from lms_quizzes.models import QuizPage
from tests.factories import QuizPageFactory

pytestmark = pytest.mark.django_db

credit_migration = importlib.import_module(
    "lms_quizzes.migrations.0003_question_names_formats_and_credit"
)


def old_short_answer(qid: str, accepted: list[str]) -> dict:
    return {
        "type": "short_answer_block",
        "id": qid,
        "value": {
            "text": "Capital of Azerbaijan?",
            "points": "1",
            "general_feedback": "",
            "accepted_answers": [
                {"type": "item", "id": f"{qid}-a{i}", "value": answer}
                for i, answer in enumerate(accepted)
            ],
            "case_sensitive": False,
        },
    }


OLD_NUMERIC = {
    "type": "numeric_block",
    "id": "q-num",
    "value": {
        "text": "How many objectives?",
        "points": "1",
        "general_feedback": "",
        "answers": [
            {
                "type": "item",
                "id": "q-num-n0",
                "value": {"value": "23", "tolerance": "0"},
            }
        ],
    },
}


def stored_before_the_migration(quiz: QuizPage, live: list, draft: list):
    """Write question data as the quiz app stored it before 0003."""
    revision = quiz.save_revision()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {QuizPage._meta.db_table} SET questions = %s "
            f"WHERE {QuizPage._meta.pk.column} = %s",
            [json.dumps(live), quiz.pk],
        )
    revision.content = {**revision.content, "questions": json.dumps(draft)}
    revision.save(update_fields=["content"])
    return revision


def migrate():
    credit_migration.Migration.operations[-1].code(apps, None)


def test_old_accepted_answers_and_numeric_answers_become_full_credit(school):
    quiz = QuizPageFactory(parent=school["modules"][0], questions=[])
    revision = stored_before_the_migration(
        quiz,
        live=[old_short_answer("q-short", ["Baku", "Bakı"]), OLD_NUMERIC],
        # A draft may hold an empty list of answers: it is left as it is.
        draft=[old_short_answer("q-short", ["Baku"]), old_short_answer("q-new", [])],
    )

    migrate()

    quiz = QuizPage.objects.get(pk=quiz.pk)
    short, numeric = quiz.questions
    assert [dict(a) for a in short.value["accepted_answers"]] == [
        {"answer": "Baku", "credit": Decimal(100)},
        {"answer": "Bakı", "credit": Decimal(100)},
    ]
    assert [a.id for a in short.value["accepted_answers"].bound_blocks] == [
        "q-short-a0",
        "q-short-a1",
    ]
    assert dict(numeric.value["answers"][0]) == {
        "value": Decimal(23),
        "tolerance": Decimal(0),
        "credit": Decimal(100),
    }
    assert grade(short, "bakı") == 1
    assert grade(numeric, "23") == 1

    revision.refresh_from_db()
    draft = json.loads(revision.content["questions"])
    assert draft[0]["value"]["accepted_answers"] == [
        {
            "type": "item",
            "id": "q-short-a0",
            "value": {"answer": "Baku", "credit": "100"},
        }
    ]
    assert draft[1]["value"]["accepted_answers"] == []

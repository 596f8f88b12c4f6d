"""Each kind of question is graded on the server by its stated rule."""

from decimal import Decimal

import pytest

from quizzes.grading import InvalidAnswer, clean_response, grade

pytestmark = pytest.mark.django_db


def questions(quiz):
    return {q.id: q for q in quiz.questions}


@pytest.mark.parametrize(
    ("qid", "response", "expected"),
    [
        ("q-single", "q-single-c1", "1"),
        ("q-single", "q-single-c0", "0"),
        ("q-multi", ["q-multi-c0", "q-multi-c2"], "1"),
        ("q-multi", ["q-multi-c0"], "0.5"),
        ("q-multi", ["q-multi-c0", "q-multi-c1"], "0"),
        ("q-multi", ["q-multi-c0", "q-multi-c1", "q-multi-c2"], "0.5"),
        ("q-multi", ["q-multi-c1"], "0"),
        ("q-tf", False, "1"),
        ("q-tf", True, "0"),
        ("q-short", "bakı", "1"),
        ("q-short", "BAKU", "1"),
        ("q-short", "Ganja", "0"),
        ("q-num", "23", "1"),
        ("q-num", "23.5", "0"),
        ("q-num", None, "0"),
    ],
)
def test_each_kind_is_graded_by_its_rule(quiz, qid, response, expected):
    assert grade(questions(quiz)[qid], response) == Decimal(expected)


def test_numeric_answers_count_within_the_tolerance(school):
    from tests.factories import QuizPageFactory, numeric_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[numeric_question("q", "Share of migrants (%)?", "3.6", "0.2")],
    )
    question = quiz.questions[0]
    assert grade(question, clean_response(question, "3,5")) == 1
    assert grade(question, clean_response(question, "3.9")) == 0


def test_case_sensitive_short_answers_need_the_exact_case(school):
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[
            short_answer_question("q", "Acronym?", ["IOM"], case_sensitive=True)
        ],
    )
    assert grade(quiz.questions[0], "iom") == 0
    assert grade(quiz.questions[0], "IOM") == 1


@pytest.mark.parametrize(
    ("qid", "raw"),
    [
        ("q-single", "q-multi-c0"),  # a choice of another question
        ("q-single", ["q-single-c0"]),
        ("q-multi", ["q-multi-c0", "unknown"]),
        ("q-tf", "maybe"),
        ("q-num", "twenty"),
        ("q-short", "x" * 201),
        ("q-short", {"nested": 1}),
    ],
)
def test_answers_the_question_cannot_take_are_refused(quiz, qid, raw):
    with pytest.raises(InvalidAnswer):
        clean_response(questions(quiz)[qid], raw)

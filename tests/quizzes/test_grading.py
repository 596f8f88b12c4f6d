"""Each kind of question is graded on the server by its stated rule."""

from decimal import Decimal

import pytest

from lms_quizzes.grading import InvalidAnswer, clean_response, grade

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


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


# Partial credit, as Moodle gives it


def test_a_short_answer_earns_the_credit_of_the_answer_it_matches(school):
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[
            short_answer_question(
                "q", "Capital?", ["Baku", ("Baki", 50), ("Bakou", "33.33333")]
            )
        ],
    )
    question = quiz.questions[0]
    assert grade(question, "baku") == 1
    assert grade(question, " BAKI ") == Decimal("0.5")
    assert grade(question, "Bakou") == Decimal("0.3333")
    assert grade(question, "Ganja") == 0


def test_a_short_answer_matching_several_answers_earns_the_highest_credit(school):
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[short_answer_question("q", "Capital?", [("Baku", 40), "baku"])],
    )
    assert grade(quiz.questions[0], "Baku") == 1


def test_a_number_earns_the_highest_credit_of_the_answers_it_falls_within(school):
    from tests.factories import QuizPageFactory, numeric_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[
            numeric_question(
                "q", "Adopted in?", 2018, 0, partial=[(2018, 1, 50), (2020, 5, 25)]
            )
        ],
    )
    question = quiz.questions[0]
    assert grade(question, "2018") == 1
    assert grade(question, "2019") == Decimal("0.5")
    assert grade(question, "2024") == Decimal("0.25")
    assert grade(question, "2030") == 0


def test_partial_credit_scores_its_share_of_the_points_in_an_attempt(
    school, student, enrolment
):
    from lms_quizzes.attempts import start_attempt, submit_attempt
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[
            short_answer_question("q", "Capital?", ["Baku", ("Baki", 50)], points=4)
        ],
    )
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, {"q": "Baki"})
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent) == (2, 4, 50)


def test_the_right_answer_shown_names_the_credit_of_partial_answers(school):
    from lms_quizzes.grading import correct_answer_text
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[short_answer_question("q", "Capital?", ["Baku", ("Baki", 50)])],
    )
    assert correct_answer_text(quiz.questions[0]) == "Baku; Baki (50%)"


# Answers that could break grading


@pytest.mark.parametrize(
    "raw", ["1e999999999", "-1E+400", "1" * 199, "1e-30", "0.00000000001", 1e308]
)
def test_numbers_too_large_or_too_precise_are_refused_with_the_limits(quiz, raw):
    with pytest.raises(InvalidAnswer) as refused:
        clean_response(questions(quiz)["q-num"], raw)
    assert "at most 15 digits before the decimal point and 10 after" in str(
        refused.value
    )


@pytest.mark.parametrize(
    "raw", ["NaN", "nan", "Infinity", "-inf", "sNaN", float("nan"), float("inf")]
)
def test_not_a_number_and_infinities_are_refused(quiz, raw):
    with pytest.raises(InvalidAnswer) as refused:
        clean_response(questions(quiz)["q-num"], raw)
    assert "Type a number" in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("23", "23"), ("3,5", "3.5"), ("1 000", "1000"), ("-0.25", "-0.25"), (7, "7")],
)
def test_ordinary_numbers_and_decimal_commas_are_still_taken(quiz, raw, stored):
    assert clean_response(questions(quiz)["q-num"], raw) == stored


def test_a_number_saved_before_the_limits_grades_as_wrong_instead_of_failing(quiz):
    assert grade(questions(quiz)["q-num"], "1E+999999999") == 0


def test_nul_characters_are_stripped_from_typed_answers(quiz):
    assert clean_response(questions(quiz)["q-short"], "Ba\x00ku") == "Baku"
    assert clean_response(questions(quiz)["q-num"], "2\x003") == "23"

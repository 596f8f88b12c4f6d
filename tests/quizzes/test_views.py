"""What a learner's browser receives: questions, never their answers, and results."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms_quizzes.attempts import start_attempt, submit_attempt
from lms_quizzes.models import Answer, Attempt
from tests.factories import QuizPageFactory, UserFactory, choice_question
from tests.quizzes.conftest import RIGHT

pytestmark = pytest.mark.django_db

# What would give the answers away: correctness flags, choice feedback, points,
# accepted answers and numeric keys of the demo questions.
SECRETS = [
    "Feedback on",
    "Why:",
    '"correct"',
    "Well done",
    "Read the lesson again",
    "Bakı",
    "points",
]


def en(url):
    return url.replace("/az/", "/en/", 1)


def attempt_url(attempt, suffix=""):
    return f"/en/learning/quizzes/attempts/{attempt.pk}/{suffix}"


def save(client, attempt, answers, sequence):
    return client.post(
        attempt_url(attempt, "answers/"),
        json.dumps({"sequence": sequence, "answers": answers}),
        content_type="application/json",
    )


def test_student_starts_answers_and_submits_through_the_pages(
    client, quiz, student, enrolment
):
    client.force_login(student)
    page = client.get(en(quiz.url)).content.decode()
    assert "Start the quiz" in page
    response = client.post(f"/en/learning/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.get()
    assert response["Location"] == attempt_url(attempt)
    form = {"sequence": 0, "action": "submit", "shown": attempt.question_ids}
    form |= {f"q-{qid}": value for qid, value in RIGHT.items() if qid != "q-multi"}
    form["q-q-multi"] = RIGHT["q-multi"]
    form["q-q-tf"] = "false"
    response = client.post(attempt_url(attempt), form)
    assert response["Location"] == attempt_url(attempt, "result/")
    result = client.get(attempt_url(attempt, "result/")).content.decode()
    assert "Score: 100%" in result
    assert "Feedback on" in result  # shown after grading, as the quiz allows


def test_no_answer_reaches_the_browser_before_grading(client, quiz, student, enrolment):
    client.force_login(student)
    client.post(f"/en/learning/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.get()
    bodies = [
        client.get(en(quiz.url)).content.decode(),
        client.get(attempt_url(attempt)).content.decode(),
        save(client, attempt, {"q-tf": "true"}, 0).content.decode(),
        client.get(attempt_url(attempt)).content.decode(),
        client.get("/en/search/?q=GCM").content.decode(),
    ]
    for body in bodies:
        for secret in SECRETS:
            assert secret not in body, secret
        assert not re.search(r"\b23\b", body)


def test_a_student_cannot_open_anothers_attempt(client, quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(UserFactory())
    assert client.get(attempt_url(attempt)).status_code == 404
    assert client.get(attempt_url(attempt, "result/")).status_code == 404
    assert save(client, attempt, {"q-tf": "true"}, 0).status_code == 404
    response = client.post(attempt_url(attempt), {"sequence": 0, "action": "submit"})
    assert response.status_code == 404
    assert Attempt.objects.get().is_open


def test_the_save_endpoint_explains_each_refusal(client, quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    ok = save(client, attempt, {"q-tf": "true"}, 0)
    assert ok.status_code == 200 and ok.json()["sequence"] == 1
    stale = save(client, attempt, {"q-tf": "false"}, 0)
    assert stale.status_code == 409 and stale.json()["error"] == "stale"
    wrong = save(client, attempt, {"q-single": "q-multi-c0"}, 1)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid"
    garbage = client.post(
        attempt_url(attempt, "answers/"), "{not json", content_type="application/json"
    )
    assert garbage.status_code == 400
    huge = save(client, attempt, {"q-short": "x" * 70000}, 1)
    assert huge.status_code == 400
    submit_attempt(attempt.pk, student, 1, {})
    closed = save(client, attempt, {"q-tf": "true"}, 2)
    assert closed.status_code == 410 and closed.json()["error"] == "submitted"
    assert Answer.objects.get(question_id="q-tf").response is True


def test_a_stale_page_is_refused_and_keeps_saved_answers(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    save(client, attempt, {"q-tf": "false"}, 0)
    response = client.post(
        attempt_url(attempt),
        {"sequence": 0, "action": "submit", "shown": ["q-tf"], "q-q-tf": "true"},
    )
    assert response.status_code == 409
    assert "out of date" in response.content.decode()
    assert Answer.objects.get().response is False
    assert Attempt.objects.get().is_open


def test_one_question_per_page_moves_on_and_keeps_answers(
    client, quiz, student, enrolment
):
    quiz.layout = "one"
    quiz.save_revision().publish()
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    first = attempt.question_ids[0]
    page = client.get(attempt_url(attempt)).content.decode()
    assert page.count('name="shown"') == 1
    response = client.post(
        attempt_url(attempt),
        {"sequence": 0, "action": "next", "shown": [first], f"q-{first}": ""},
    )
    assert response["Location"].endswith("?q=2")
    second = client.get(response["Location"]).content.decode()
    assert 'name="sequence" value="1"' in second
    assert f'value="{attempt.question_ids[1]}"' in second


def test_feedback_waits_until_the_quiz_closes_when_set_so(
    client, quiz, student, enrolment
):
    quiz.feedback_when = "after_close"
    quiz.save_revision().publish()
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, RIGHT)
    client.force_login(student)
    page = client.get(attempt_url(attempt, "result/")).content.decode()
    assert "Score: 100%" in page
    assert "Feedback on" not in page
    assert "not shown for this quiz yet" in page


def test_a_restricted_quiz_is_closed_to_outsiders(client, school, student):
    from lms_courses.models import CoursePage

    course = school["course"]
    course.access = CoursePage.Access.RESTRICTED
    course.save_revision().publish()
    quiz = QuizPageFactory(parent=school["modules"][0])
    client.force_login(student)
    response = client.get(en(quiz.url))
    assert response.status_code == 403
    assert "Start the quiz" not in response.content.decode()


@pytest.mark.parametrize("path", ["answers/", ""])
def test_saving_costs_the_same_queries_for_5_or_40_questions(
    client, school, student, enrolment, path
):
    counts = []
    for size in (5, 40):
        questions = [
            choice_question(f"q{size}-{n}", f"Question {n}", ["a", "b"], [0])
            for n in range(size)
        ]
        quiz = QuizPageFactory(parent=school["modules"][0], questions=questions)
        attempt = start_attempt(quiz, student, enrolment)
        client.force_login(student)
        first = attempt.question_ids[0]
        with CaptureQueriesContext(connection) as queries:
            if path:
                response = save(client, attempt, {first: f"{first}-c0"}, 0)
            else:
                response = client.post(
                    attempt_url(attempt),
                    {
                        "sequence": 0,
                        "action": "submit",
                        "shown": attempt.question_ids,
                        **{f"q-{q}": f"{q}-c0" for q in attempt.question_ids},
                    },
                )
        assert response.status_code in (200, 302)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


# Formatted question text


def formatted(question: dict, text_format: str, text: str, feedback: str) -> dict:
    question["value"] |= {
        "text": text,
        "text_format": text_format,
        "general_feedback": feedback,
    }
    return question


@pytest.fixture
def formatted_quiz(school):
    return QuizPageFactory(
        parent=school["modules"][0],
        questions=[
            formatted(
                choice_question("q-md", "", ["2016", "2018"], [1]),
                "markdown",
                "Which year was the **GCM** adopted?\n\n- in *Marrakesh*\n\n"
                "<script>alert('md')</script>",
                "See [the text](https://un.org/gcm).",
            ),
            formatted(
                choice_question("q-html", "", ["yes", "no"], [0]),
                "html",
                "<p>Is it <em>binding</em>?</p><img src=x onerror=alert('html')>"
                "<script>alert('html')</script>",
                "<p onclick=alert('fb')>It is <strong>not</strong>.</p>",
            ),
            formatted(
                choice_question("q-plain", "", ["a", "b"], [0]),
                "plain",
                "Is <b>this</b> bold?\nSecond line.",
                "<i>plain</i> feedback",
            ),
        ],
    )


def test_markdown_and_html_questions_show_their_formatting_and_nothing_that_runs(
    client, formatted_quiz, student, enrolment
):
    attempt = start_attempt(formatted_quiz, student, enrolment)
    client.force_login(student)
    page = client.get(attempt_url(attempt)).content.decode()

    assert "Which year was the <strong>GCM</strong> adopted?" in page
    assert "<li>in <em>Marrakesh</em></li>" in page
    assert "<p>Is it <em>binding</em>?</p>" in page
    assert "Is &lt;b&gt;this&lt;/b&gt; bold?<br>Second line." in page
    for dangerous in ("<script>alert", "onerror", "<img"):
        assert dangerous not in page


def test_feedback_is_shown_in_the_questions_format_too(
    client, formatted_quiz, student, enrolment
):
    attempt = start_attempt(formatted_quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, {})
    client.force_login(student)
    page = client.get(attempt_url(attempt, "result/")).content.decode()

    assert 'See <a href="https://un.org/gcm" rel="nofollow">the text</a>.' in page
    assert "<p>It is <strong>not</strong>.</p>" in page
    assert "&lt;i&gt;plain&lt;/i&gt; feedback" in page
    for dangerous in ("<script>alert", "onerror", "onclick"):
        assert dangerous not in page


# Answers that could break grading


@pytest.mark.parametrize(
    "number", ["1e999999999", "NaN", "Infinity", "-inf", "9" * 400, "1" * 100]
)
def test_the_save_endpoint_refuses_absurd_numbers_with_a_reason(
    client, quiz, student, enrolment, number
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    response = save(client, attempt, {"q-num": number}, 0)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert response.json()["message"].startswith(("Type a number", "Answers are"))
    assert not Answer.objects.exists()


def test_the_save_endpoint_refuses_a_json_nan(client, quiz, student, enrolment):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    response = client.post(
        attempt_url(attempt, "answers/"),
        '{"sequence": 0, "answers": {"q-num": NaN}}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_submitting_an_absurd_number_shows_a_message_and_keeps_the_attempt_open(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    response = client.post(
        attempt_url(attempt),
        {
            "sequence": 0,
            "action": "submit",
            "shown": ["q-num", "q-tf"],
            "q-q-num": "1e999999999",
            "q-q-tf": "false",
        },
    )
    assert response.status_code == 400
    assert (
        "Type a number with at most 15 digits before the decimal point and 10 after it"
        in response.content.decode()
    )
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not Answer.objects.exists()


def test_a_nul_character_in_an_answer_is_stripped_before_it_is_saved(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    assert save(client, attempt, {"q-short": "Ba\u0000ku"}, 0).status_code == 200
    response = client.post(
        attempt_url(attempt),
        {"sequence": 1, "action": "save", "shown": ["q-num"], "q-q-num": "2\x003"},
    )
    assert response.status_code == 302
    saved = dict(Answer.objects.values_list("question_id", "response"))
    assert saved == {"q-short": "Baku", "q-num": "23"}


# Translations


def test_a_translated_quiz_counts_and_draws_the_questions_of_its_original(
    client, quiz, english_quiz, student, enrolment
):
    client.force_login(student)
    page = client.get(english_quiz.url).content.decode()
    assert "5 questions" in page
    client.post(f"/en/learning/quizzes/{english_quiz.pk}/start/")
    attempt = Attempt.objects.get()
    assert sorted(attempt.question_ids) == sorted(q.id for q in quiz.questions)
    shown = client.get(attempt_url(attempt)).content.decode()
    assert "Added in English." not in shown


# Feedback after each action


def test_the_answered_counter_follows_the_saved_answers_up_and_down(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    first = save(client, attempt, {"q-tf": "true"}, 0).json()
    assert (first["answered"], first["total"]) == (1, 5)
    second = save(client, attempt, {"q-short": "Baku"}, 1).json()
    assert second["answered"] == 2
    cleared = save(client, attempt, {"q-short": ""}, 2).json()
    assert cleared["answered"] == 1
    page = client.get(attempt_url(attempt)).content.decode()
    assert "1 of 5 answered" in page


def test_saving_answers_without_scripts_says_they_are_saved(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    response = client.post(
        attempt_url(attempt),
        {"sequence": 0, "action": "save", "shown": ["q-tf"], "q-q-tf": "true"},
        follow=True,
    )
    assert "Your answers are saved." in response.content.decode()


def submitted_result(client, quiz, student, enrolment) -> str:
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, {"q-tf": "true"})
    client.force_login(student)
    return client.get(attempt_url(attempt, "result/")).content.decode()


def test_a_result_leads_to_the_next_step_of_the_course(
    client, school, quiz, student, enrolment
):
    result = submitted_result(client, quiz, student, enrolment)
    # The quiz ends the first module: next is the second module's first lesson.
    assert (
        f'<a class="button" href="{school["lessons"][2].url}" rel="next">'
        "Next: Legal identity</a>"
    ) in result
    assert f'<a href="{school["course"].url}">Back to the course</a>' in result


def test_a_result_offers_another_attempt_and_says_how_many_remain(
    client, quiz, student, enrolment
):
    result = submitted_result(client, quiz, student, enrolment)
    assert f'action="/en/learning/quizzes/{quiz.pk}/start/"' in result
    assert "Try again" in result
    assert "1 attempt left" in result


def test_a_result_offers_no_retry_once_every_attempt_is_used(
    client, quiz, student, enrolment
):
    submitted_result(client, quiz, student, enrolment)
    result = submitted_result(client, quiz, student, enrolment)
    assert "Try again" not in result
    assert "You have used every attempt at this quiz." in result


# What the end of a timed quiz costs: every student saves, then submits, at once.


def test_an_answer_save_reads_the_attempt_once_and_writes_twice(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    save(client, attempt, {"q-tf": "true"}, 0)
    with CaptureQueriesContext(connection) as queries:
        response = save(client, attempt, {"q-single": "q-single-c1"}, 1)
    assert response.json() == {"sequence": 2, "saved": True, "answered": 2, "total": 5}
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # The signed-in user, the attempt with its questions, then in one transaction the
    # sequence and the answer, then the count of answers.
    assert statements.count("SELECT") <= 3
    assert statements.count("UPDATE") == 1 and statements.count("INSERT") == 1
    assert len(statements) <= 8


def test_a_submit_grades_every_answer_in_one_statement(
    client, quiz, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    client.force_login(student)
    save(client, attempt, {"q-tf": "false"}, 0)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            attempt_url(attempt), {"sequence": 1, "action": "submit"}
        )
    assert response["Location"] == attempt_url(attempt, "result/")
    answers = [
        q["sql"] for q in queries.captured_queries if "quizzes_answer" in q["sql"]
    ]
    assert len(answers) == 2  # read what is saved, then score (and fill in) all
    assert len(queries.captured_queries) <= 18
    assert Answer.objects.filter(attempt=attempt).count() == 5

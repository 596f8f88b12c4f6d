"""Trainers author quizzes, import GIFT files, read results and regrade."""

import csv
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.test.utils import WagtailPageTestCase

from lms_courses.models import LessonPage, ModulePage
from lms_quizzes.attempts import start_attempt, submit_attempt
from lms_quizzes.models import Attempt, QuizOverride, QuizPage
from tests.conftest import enrol
from tests.factories import UserFactory, admin_in_english
from tests.quizzes.conftest import RIGHT

pytestmark = pytest.mark.django_db

GIFT = """// A question bank exported from Moodle
$CATEGORY: GCM/Objective 11

::Adopted::In which year was the GCM adopted? {=2018 ~2016#Two years early ~2020}

The GCM is a treaty. {F}

::Capital::Capital of Azerbaijan? {=Baku =Bakı}

How many objectives has the GCM? {#23}

Match the terms. {=IOM -> Organisation =UNHCR -> Refugees}

Write an essay on migration. {}
"""


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator, student):
    admin_in_english(trainer, coordinator, student)


class TestQuizPageTree(WagtailPageTestCase):
    def test_quizzes_live_in_modules_only(self):
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage})
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})


def test_trainer_imports_gift_and_sees_what_was_not_imported(client, quiz, trainer):
    client.force_login(trainer)
    response = client.post(
        f"/admin/quizzes/{quiz.pk}/import/",
        {"gift_file": SimpleUploadedFile("bank.gift", GIFT.encode())},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "4 questions imported" in page
    assert "Line 12" in page and "Line 14" in page
    quiz.refresh_from_db()
    draft = quiz.get_latest_revision_as_object()
    assert len(draft.questions) == 5 + 4
    kinds = [block.block.kind for block in draft.questions][5:]
    assert kinds == ["single_choice", "true_false", "short_answer", "numeric"]
    assert len(quiz.questions) == 5  # a draft until the trainer publishes


def test_a_broken_gift_file_imports_nothing(client, quiz, trainer):
    client.force_login(trainer)
    revisions = quiz.revisions.count()
    response = client.post(
        f"/admin/quizzes/{quiz.pk}/import/",
        {"gift_file": SimpleUploadedFile("bank.gift", b"Question? {=a ~b\n")},
    )
    assert response.status_code == 400
    assert "cannot be read" in response.content.decode()
    assert quiz.revisions.count() == revisions


def test_import_gift_command_reports_and_fails_on_an_unreadable_file(quiz, tmp_path):
    bank = tmp_path / "bank.gift"
    bank.write_text(GIFT, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_gift", str(bank), "--quiz", str(quiz.pk), "--publish", stdout=out
    )
    text = out.getvalue()
    assert "Imported 4 question(s)" in text
    assert "line 12" in text and "line 14" in text
    quiz.refresh_from_db()
    assert len(quiz.questions) == 9
    broken = tmp_path / "broken.gift"
    broken.write_text("Question? {=a\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_gift", str(broken), "--quiz", str(quiz.pk))


def test_import_gift_exits_non_zero_from_the_shell(quiz, tmp_path):
    broken = tmp_path / "broken.gift"
    broken.write_text("{", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "manage.py", "import_gift", str(broken), "--quiz", "999999"],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0


def test_results_show_item_statistics_and_export(client, school, quiz, trainer):
    learners = [UserFactory() for _ in range(6)]
    for index, learner in enumerate(learners):
        enrolment = enrol(learner, school["course"])
        attempt = start_attempt(quiz, learner, enrolment)
        answers = RIGHT if index < 3 else {"q-single": "q-single-c0"}
        submit_attempt(attempt.pk, learner, 0, answers)
    client.force_login(trainer)
    page = client.get(f"/admin/quizzes/{quiz.pk}/results/").content.decode()
    assert "6 graded attempts by 6 learners" in page
    assert "Pass rate: 50%" in page
    # Everyone in the top third right, everyone in the bottom third wrong.
    assert "1.00" in page
    response = client.get(f"/admin/quizzes/{quiz.pk}/results/", {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert len(rows) == 6
    assert {row["Score (%)"] for row in rows} == {"100.00", "0.00"}


def test_students_cannot_see_results_or_import(client, quiz, student):
    client.force_login(student)
    for url in (
        f"/admin/quizzes/{quiz.pk}/results/",
        f"/admin/quizzes/{quiz.pk}/import/",
    ):
        assert client.get(url).status_code in (302, 403)


def test_regrade_from_the_results_page(
    client, school, quiz, trainer, student, enrolment
):
    attempt = start_attempt(quiz, student, enrolment)
    submit_attempt(attempt.pk, student, 0, {"q-num": "22"})
    raw = list(quiz.questions.raw_data)
    raw[4]["value"]["answers"][0]["value"]["tolerance"] = "1"
    quiz.questions = raw
    quiz.save_revision().publish()
    client.force_login(trainer)
    response = client.post(f"/admin/quizzes/{quiz.pk}/regrade/q-num/", follow=True)
    assert "1 attempt(s) regraded" in response.content.decode()
    assert Attempt.objects.get().score == 1


def test_coordinator_gives_a_learner_extra_time(client, quiz, coordinator, student):
    client.force_login(coordinator)
    response = client.post(
        "/admin/quiz_overrides/new/",
        {
            "learner_email": student.email,
            "quiz": quiz.pk,
            "extra_minutes": 15,
            "extra_attempts": 1,
            "closes_at": "",
            "reason": "Accessibility accommodation",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = QuizOverride.objects.get()
    assert (override.user, override.extra_minutes) == (student, 15)
    assert override.quiz_key == quiz.translation_key


def test_the_quiz_menu_leads_to_results_and_import(client, quiz, trainer):
    client.force_login(trainer)
    page = client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert f"/admin/quizzes/{quiz.pk}/results/" in page
    assert f"/admin/quizzes/{quiz.pk}/import/" in page
    assert client.get(f"/admin/pages/{quiz.pk}/edit/").status_code == 200


def admin_form_data(credit: str) -> dict:
    """What the page editor posts for one short answer question with two answers."""
    prefix = "questions-0-value"
    data = {
        "questions-count": "1",
        "questions-0-type": "short_answer_block",
        "questions-0-deleted": "",
        "questions-0-order": "0",
        "questions-0-id": "q-capital",
        f"{prefix}-title": "Capital",
        f"{prefix}-text": "Capital of **Azerbaijan**?",
        f"{prefix}-text_format": "markdown",
        f"{prefix}-points": "2",
        f"{prefix}-general_feedback": "",
        f"{prefix}-accepted_answers-count": "2",
    }
    for index, (answer, share) in enumerate([("Baku", "100"), ("Baki", credit)]):
        item = f"{prefix}-accepted_answers-{index}"
        data |= {
            f"{item}-deleted": "",
            f"{item}-order": str(index),
            f"{item}-id": f"a{index}",
            f"{item}-value-answer": answer,
            f"{item}-value-credit": share,
        }
    return data


def test_a_trainer_gives_an_answer_partial_credit_in_the_page_editor(quiz):
    from lms_quizzes.grading import grade

    stream = QuizPage._meta.get_field("questions").stream_block
    questions = stream.clean(
        stream.value_from_datadict(admin_form_data("50"), {}, "questions")
    )

    [question] = questions
    assert (question.value["title"], question.value["text_format"]) == (
        "Capital",
        "markdown",
    )
    assert grade(question, "Baki") == Decimal("0.5")
    quiz.questions = questions
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    assert grade(quiz.questions[0], "baki") == Decimal("0.5")


def test_the_page_editor_refuses_a_credit_above_a_hundred_percent():
    from wagtail.blocks import StreamBlockValidationError

    stream = QuizPage._meta.get_field("questions").stream_block
    with pytest.raises(StreamBlockValidationError):
        stream.clean(
            stream.value_from_datadict(admin_form_data("150"), {}, "questions")
        )


def test_the_page_editor_opens_a_quiz_with_partial_credit_answers(
    client, school, trainer
):
    from tests.factories import QuizPageFactory, short_answer_question

    quiz = QuizPageFactory(
        parent=school["modules"][0],
        questions=[short_answer_question("q", "Capital?", ["Baku", ("Baki", 50)])],
    )
    client.force_login(trainer)
    page = client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert "credit (%)" in page
    assert "Baki" in page

"""GIFT files into quizzes: what Moodle keeps is kept, nothing is added twice, and a
translated quiz sends the trainer to its original."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lms_quizzes.attempts import start_attempt, submit_attempt
from lms_quizzes.importing import ImportRefused, import_gift
from lms_quizzes.models import QuizPage
from tests.factories import admin_in_english

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

BANK = """// Exported from Moodle
::Capital::What is the capital of Azerbaijan? {=Baku =%50%Baki#Mind the spelling.}

::Adopted::When was the GCM adopted? {#
    =2018
    =%25%2016..2020
}

::Binding::[markdown]Is the GCM **legally binding**? {F####It is *not*.}

::Principles::[html]<p>Which are <em>guiding principles</em>?</p>{
    ~%50%People-centred
    ~%50%Gender-responsive
    ~%-100%Profit-driven
}
"""


@pytest.fixture
def empty_quiz(school):
    from tests.factories import QuizPageFactory

    return QuizPageFactory(parent=school["modules"][0], questions=[])


def imported(quiz):
    quiz.refresh_from_db()
    return {q.value["title"]: q for q in quiz.get_latest_revision_as_object().questions}


def import_through_the_admin(client, quiz, text: str):
    return client.post(
        f"/admin/quizzes/{quiz.pk}/import/",
        {"gift_file": SimpleUploadedFile("bank.gift", text.encode())},
    )


# What the questions keep


def test_the_title_becomes_the_questions_name_and_stays_out_of_its_text(empty_quiz):
    import_gift(empty_quiz, BANK)

    capital = imported(empty_quiz)["Capital"]
    assert capital.value["text"] == "What is the capital of Azerbaijan?"


def test_partial_credit_answers_are_imported_with_their_credit(empty_quiz):
    import_gift(empty_quiz, BANK)

    questions = imported(empty_quiz)
    accepted = questions["Capital"].value["accepted_answers"]
    assert [(a["answer"], a["credit"]) for a in accepted] == [
        ("Baku", Decimal(100)),
        ("Baki", Decimal(50)),
    ]
    numbers = questions["Adopted"].value["answers"]
    assert [(n["value"], n["tolerance"], n["credit"]) for n in numbers] == [
        (Decimal(2018), Decimal(0), Decimal(100)),
        (Decimal(2018), Decimal(2), Decimal(25)),
    ]


def test_an_imported_partial_answer_scores_its_share(empty_quiz, student, enrolment):
    import_gift(empty_quiz, BANK, publish=True)
    empty_quiz.refresh_from_db()
    ids = {q.value["title"]: q.id for q in empty_quiz.questions}
    attempt = start_attempt(empty_quiz, student, enrolment)
    submit_attempt(
        attempt.pk, student, 0, {ids["Capital"]: "baki", ids["Adopted"]: "2019"}
    )
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.75")


def test_markdown_and_html_questions_keep_their_format(empty_quiz):
    import_gift(empty_quiz, BANK)

    questions = imported(empty_quiz)
    assert questions["Binding"].value["text_format"] == "markdown"
    assert questions["Binding"].value["text"] == "Is the GCM **legally binding**?"
    assert questions["Principles"].value["text_format"] == "html"
    assert questions["Capital"].value["text_format"] == "plain"


def test_nul_characters_in_a_file_never_reach_the_quiz(empty_quiz):
    import_gift(empty_quiz, "::Ca\x00pital:: Capital?\x00 {=Baku\x00 =Bakı}\n")

    [question] = imported(empty_quiz).values()
    assert "\x00" not in repr(question.block.get_prep_value(question.value))


# Importing twice


def test_importing_the_same_file_twice_adds_nothing_the_second_time(empty_quiz):
    first = import_gift(empty_quiz, BANK)
    revisions = empty_quiz.revisions.count()

    second = import_gift(empty_quiz, BANK)

    assert (first.imported, first.already_in_quiz) == (4, 0)
    assert (second.imported, second.already_in_quiz) == (0, 4)
    assert len(imported(empty_quiz)) == 4
    assert empty_quiz.revisions.count() == revisions


def test_a_file_with_one_new_question_adds_only_that_one(empty_quiz):
    import_gift(empty_quiz, BANK)

    report = import_gift(empty_quiz, BANK + "\n::New:: Sky is blue. {T}\n")

    assert (report.imported, report.already_in_quiz) == (1, 4)
    assert len(imported(empty_quiz)) == 5


def test_a_changed_answer_is_a_different_question(empty_quiz):
    import_gift(empty_quiz, BANK)

    report = import_gift(
        empty_quiz, "::Capital::What is the capital of Azerbaijan? {=Baku =%40%Baki}"
    )

    assert (report.imported, report.already_in_quiz) == (1, 0)


def test_the_admin_says_how_many_questions_were_already_in_the_quiz(
    client, empty_quiz, trainer
):
    admin_in_english(trainer)
    client.force_login(trainer)
    import_through_the_admin(client, empty_quiz, BANK)

    page = import_through_the_admin(client, empty_quiz, BANK).content.decode()

    assert "0 questions imported" in page
    assert "4 questions are already in the quiz and were not added again." in page
    assert len(imported(empty_quiz)) == 4


def test_the_command_says_how_many_questions_were_already_in_the_quiz(
    empty_quiz, tmp_path
):
    bank = tmp_path / "bank.gift"
    bank.write_text(BANK, encoding="utf-8")
    call_command(
        "import_gift", str(bank), "--quiz", str(empty_quiz.pk), stdout=io.StringIO()
    )
    out = io.StringIO()

    call_command("import_gift", str(bank), "--quiz", str(empty_quiz.pk), stdout=out)

    assert "Imported 0 question(s)" in out.getvalue()
    assert "4 question(s) already in the quiz: not added again." in out.getvalue()


# Questions not imported


def test_the_admin_names_each_run_together_question_with_its_line_and_title(
    client, empty_quiz, trainer
):
    admin_in_english(trainer)
    client.force_login(trainer)
    page = import_through_the_admin(
        client,
        empty_quiz,
        "::First:: One? {T}\n::Second:: Two? {F}\n\n::Essay:: Why? {}\n",
    ).content.decode()

    assert "0 questions imported" in page
    assert (
        "Line 1 (First): no blank line between the questions at line 1 (First)" in page
    )
    assert "Line 2 (Second): no blank line between the questions at line 1" in page
    assert "Line 4 (Essay): essay questions" in page


def test_an_absurd_number_is_refused_in_the_admin_with_its_line(
    client, empty_quiz, trainer
):
    admin_in_english(trainer)
    client.force_login(trainer)
    response = import_through_the_admin(
        client, empty_quiz, "Fine. {T}\n\n::Huge:: How many? {#1..1e999999999}\n"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 question imported" in page
    assert "Line 3 (Huge): the number 1e999999999 is out of range" in page


# Translated quizzes


def test_a_translated_quiz_refuses_an_import_and_names_the_original(english_quiz, quiz):
    revisions = english_quiz.revisions.count()

    with pytest.raises(ImportRefused) as refused:
        import_gift(english_quiz, BANK)

    message = str(refused.value)
    assert "the English translation of “Check: borders”" in message
    assert "written in Azərbaycanca" in message
    assert "then sync this translation" in message
    assert english_quiz.revisions.count() == revisions


def test_the_admin_sends_a_trainer_from_a_translation_to_the_original(
    client, quiz, english_quiz, trainer
):
    admin_in_english(trainer)
    client.force_login(trainer)
    page = client.get(f"/admin/quizzes/{english_quiz.pk}/import/").content.decode()
    assert "import the questions into “Check: borders” (Azərbaycanca)" in page
    assert f"/admin/quizzes/{quiz.pk}/import/" in page
    assert 'type="file"' not in page

    response = import_through_the_admin(client, english_quiz, BANK)

    assert response.status_code == 400
    english_quiz.refresh_from_db()
    assert len(english_quiz.get_latest_revision_as_object().questions) == 6


def test_the_command_refuses_a_translated_quiz(english_quiz, tmp_path):
    bank = tmp_path / "bank.gift"
    bank.write_text(BANK, encoding="utf-8")

    with pytest.raises(CommandError, match="English translation of “Check: borders”"):
        call_command("import_gift", str(bank), "--quiz", str(english_quiz.pk))


def test_the_original_of_a_translated_quiz_still_takes_an_import(quiz, english_quiz):
    assert import_gift(quiz, BANK).imported == 4


# Results


def test_the_results_show_each_questions_name(client, empty_quiz, trainer):
    import_gift(empty_quiz, BANK, publish=True)
    admin_in_english(trainer)
    client.force_login(trainer)

    page = client.get(f"/admin/quizzes/{empty_quiz.pk}/results/").content.decode()

    assert "<strong>Capital</strong>" in page
    assert "Which are guiding principles?" in page  # markup taken out


def test_questions_with_and_without_a_name_can_be_sent_for_translation(quiz):
    from wagtail_localize.models import TranslationSource

    # The quiz's own questions were written before questions had names.
    import_gift(quiz, BANK, publish=True)
    quiz.refresh_from_db()

    source, _created = TranslationSource.get_or_create_from_instance(quiz)

    texts = {s.string.data for s in source.stringsegment_set.all()}
    assert {"Capital", "Capital of Azerbaijan?", "Baki"} <= texts


# Editing a translation by hand


def test_the_editor_refuses_questions_a_translation_adds_and_names_the_original(
    quiz, english_quiz
):
    from lms_quizzes.forms import QuizPageForm, new_questions_refusal

    assert issubclass(QuizPage.get_edit_handler().get_form_class(), QuizPageForm)
    refusal = new_questions_refusal(english_quiz, english_quiz.questions)
    assert "add questions to “Check: borders” (Azərbaycanca)" in refusal


def test_the_editor_lets_a_translation_keep_or_drop_the_originals_questions(
    quiz, english_quiz
):
    from lms_quizzes.forms import new_questions_refusal

    assert new_questions_refusal(english_quiz, quiz.questions) is None
    assert new_questions_refusal(english_quiz, list(quiz.questions)[:2]) is None
    assert new_questions_refusal(quiz, english_quiz.questions) is None

"""Reading Moodle GIFT files: every question kind, the syntax, and what we refuse."""

from decimal import Decimal

import pytest

from lms_quizzes.gift import (
    GiftAccepted,
    GiftChoice,
    GiftNumber,
    GiftQuestion,
    GiftResult,
    GiftSkipped,
    GiftSyntaxError,
    parse_gift,
)

# The parser's reasons are for the trainer, in the active language.
pytestmark = pytest.mark.usefixtures("in_english")


def only_question(text):
    result = parse_gift(text)
    assert result.skipped == []
    assert len(result.questions) == 1
    return result.questions[0]


def only_skipped(text):
    result = parse_gift(text)
    assert result.questions == []
    assert len(result.skipped) == 1
    return result.skipped[0]


def syntax_error(text):
    with pytest.raises(GiftSyntaxError) as caught:
        parse_gift(text)
    return caught.value


# Question kinds


def test_one_equals_and_tildes_make_a_single_choice_question():
    question = only_question(
        "What is the capital of Azerbaijan? {=Baku ~Ganja ~Sumqayit}"
    )

    assert question == GiftQuestion(
        kind="single_choice",
        text="What is the capital of Azerbaijan?",
        line=1,
        choices=[
            GiftChoice("Baku", correct=True),
            GiftChoice("Ganja", correct=False),
            GiftChoice("Sumqayit", correct=False),
        ],
    )


def test_right_answer_may_carry_a_hundred_percent_weight():
    question = only_question("Capital? {~Ganja =%100%Baku}")

    assert question.kind == "single_choice"
    assert question.choices == [
        GiftChoice("Ganja", correct=False),
        GiftChoice("Baku", correct=True),
    ]


def test_partial_credit_choice_in_a_single_choice_question_counts_as_wrong():
    question = only_question("Capital? {=Baku ~%50%Absheron ~Ganja}")

    assert [choice.correct for choice in question.choices] == [True, False, False]
    assert question.choices[1].text == "Absheron"


def test_each_choice_may_have_its_own_feedback():
    question = only_question(
        "Capital? {=Baku#Right, well done. ~Ganja#Not quite: second city. ~Quba}"
    )

    assert question.choices == [
        GiftChoice("Baku", correct=True, feedback="Right, well done."),
        GiftChoice("Ganja", correct=False, feedback="Not quite: second city."),
        GiftChoice("Quba", correct=False, feedback=""),
    ]


def test_weighted_choices_without_equals_make_a_multiple_choice_question():
    question = only_question(
        "Which are GCM objectives? {~%50%Safe migration#Yes ~%50%Data ~%-100%Walls}"
    )

    assert question.kind == "multiple_choice"
    assert question.choices == [
        GiftChoice("Safe migration", correct=True, feedback="Yes"),
        GiftChoice("Data", correct=True),
        GiftChoice("Walls", correct=False),
    ]


def test_decimal_weights_are_read_in_multiple_choice():
    question = only_question(
        "Pick three. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-50%d}"
    )

    assert [choice.correct for choice in question.choices] == [True, True, True, False]


def test_choice_question_without_any_positive_weight_is_skipped():
    skipped = only_skipped("Pick. {~a ~%0%b ~%-50%c}")

    assert skipped.reason == "none of the choices has a positive weight"


def test_choice_question_with_several_equals_answers_is_skipped():
    skipped = only_skipped("Pick. {=a =b ~c}")

    assert "more than one '=' answer" in skipped.reason


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_true_false_question_accepts_every_spelling(answer, expected):
    question = only_question(f"Baku is on the Caspian Sea. {{{answer}}}")

    assert question.kind == "true_false"
    assert question.correct_answer is expected
    assert question.text == "Baku is on the Caspian Sea."
    assert question.choices == []


def test_true_false_feedback_is_wrong_feedback_then_right_feedback():
    question = only_question(
        "The sun rises in the west. {F#It rises in the east.#Yes.}"
    )

    assert question.correct_answer is False
    assert question.true_false_feedback == ("It rises in the east.", "Yes.")


def test_true_false_with_only_wrong_feedback_leaves_right_feedback_empty():
    question = only_question("Water is wet. {TRUE#Think again.}")

    assert question.true_false_feedback == ("Think again.", "")


def test_several_equals_answers_make_a_short_answer_question():
    question = only_question("Name the capital. {=Baku =Bakı =Баку}")

    assert question.kind == "short_answer"
    assert question.accepted_answers == [
        GiftAccepted("Baku"),
        GiftAccepted("Bakı"),
        GiftAccepted("Баку"),
    ]
    assert question.choices == []


def test_a_single_equals_answer_makes_a_short_answer_question():
    question = only_question("Two plus two in words? {=four}")

    assert question.kind == "short_answer"
    assert question.accepted_answers == [GiftAccepted("four", Decimal(100))]


def test_short_answer_keeps_partial_weights_as_credit_but_not_zero_or_negative_ones():
    question = only_question(
        "Name the capital. {=%100%Baku =%50%Baki#Spelling! =%0%Ganja#No =%-50%Quba}"
    )

    assert question.accepted_answers == [
        GiftAccepted("Baku", Decimal(100)),
        GiftAccepted("Baki", Decimal(50)),
    ]


def test_short_answer_without_any_accepted_answer_is_skipped():
    skipped = only_skipped("Name it. {=%0%Ganja}")

    assert skipped.reason == "none of the short answers has a positive weight"


def test_numeric_value_and_tolerance():
    question = only_question("What is pi to two decimals? {#3.14:0.005}")

    assert question.kind == "numeric"
    assert question.numeric_answers == [GiftNumber(Decimal("3.14"), Decimal("0.005"))]
    assert all(isinstance(n, Decimal) for n in question.numeric_answers[0])


def test_numeric_range_becomes_value_and_tolerance():
    question = only_question("A number between 1 and 2? {#1..2}")

    assert question.numeric_answers == [GiftNumber(Decimal("1.5"), Decimal("0.5"))]


def test_numeric_negative_range_becomes_value_and_tolerance():
    question = only_question("Winter temperature? {#-10..-4}")

    assert question.numeric_answers == [GiftNumber(Decimal("-7"), Decimal("3"))]


def test_numeric_exact_value_has_zero_tolerance():
    question = only_question("How many continents? {#7}")

    assert question.numeric_answers == [GiftNumber(Decimal("7"), Decimal("0"))]


def test_numeric_answer_may_have_feedback():
    question = only_question("How many continents? {#7#Well counted.}")

    assert question.numeric_answers == [GiftNumber(Decimal("7"), Decimal("0"))]


def test_numeric_multiple_answers_keep_each_positive_equals_answer_with_its_credit():
    question = only_question(
        "When was the GCM adopted? {#\n"
        "    =2018:0#Exactly.\n"
        "    =%50%2018..2019#Close.\n"
        "    =%0%2016#That was the New York Declaration.\n"
        "    ~#Look it up.\n"
        "}"
    )

    assert question.numeric_answers == [
        GiftNumber(Decimal("2018"), Decimal("0"), Decimal(100)),
        GiftNumber(Decimal("2018.5"), Decimal("0.5"), Decimal(50)),
    ]


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ("{#abc}", "'abc' is not a number"),
        ("{#1,5}", "'1,5' is not a number"),
        ("{#NaN}", "'NaN' is not a number"),
        ("{#1.5:x}", "'x' is not a number"),
        ("{#=1 =two}", "'two' is not a number"),
        ("{#2..1}", "the numeric range 2..1 has its minimum above its maximum"),
        ("{#5:-1}", "the numeric tolerance in 5:-1 is negative"),
        ("{#=%0%5}", "the numeric question has no answer"),
    ],
)
def test_invalid_numeric_answers_are_skipped_with_a_reason(answers, reason):
    skipped = only_skipped(f"::Bad number:: How many? {answers}")

    assert skipped == GiftSkipped(line=1, title="Bad number", reason=reason)


def test_short_answer_credit_above_a_hundred_percent_is_full_credit():
    question = only_question("Name the capital. {=%150%Baku}")

    assert question.accepted_answers == [GiftAccepted("Baku", Decimal(100))]


def test_a_tilde_still_makes_a_choice_question_as_in_moodle():
    # Moodle reads "~" as a choice: "~%50%Baki" is a half-right choice, not a
    # partial short answer.
    question = only_question("Name the capital. {=Baku ~%50%Baki}")

    assert question.kind == "single_choice"


@pytest.mark.parametrize(
    "answers",
    [
        "{#1..1e999999999}",
        "{#1e999999999}",
        "{#=%50%5:1e400}",
        "{#1" + "0" * 400 + "}",
        "{#0.00000000001}",
    ],
)
def test_absurd_numbers_are_refused_with_their_line(answers):
    result = parse_gift(f"Fine. {{T}}\n\n\n::Huge:: How many?\n{answers}\n")

    assert len(result.questions) == 1
    [skipped] = result.skipped
    assert (skipped.line, skipped.title) == (4, "Huge")
    assert "out of range" in skipped.reason


# Titles, formats, categories and comments


def test_title_is_read_and_kept_out_of_the_text():
    question = only_question("::Capital city:: What is the capital? {=Baku ~Ganja}")

    assert question.title == "Capital city"
    assert question.text == "What is the capital?"


def test_title_may_contain_escaped_colons():
    question = only_question("::Time\\: 10\\:30:: When? {=morning ~evening}")

    assert question.title == "Time: 10:30"


def test_question_without_title_has_an_empty_title():
    assert only_question("Capital? {=Baku ~Ganja}").title == ""


@pytest.mark.parametrize("text_format", ["html", "moodle", "plain", "markdown"])
def test_format_prefix_is_removed_from_the_text(text_format):
    question = only_question(f"::Q1::[{text_format}]<p>Capital?</p>{{=Baku ~Ganja}}")

    assert question.text == "<p>Capital?</p>"


@pytest.mark.parametrize(
    ("prefix", "text_format"),
    [
        ("[html]", "html"),
        ("[markdown]", "markdown"),
        ("[plain]", "plain"),
        ("[moodle]", "plain"),
        ("", "plain"),
    ],
)
def test_format_prefix_says_how_the_text_is_written(prefix, text_format):
    question = only_question(f"::Q1::{prefix}**Capital?**{{=Baku ~Ganja ####*Baku*}}")

    assert question.text_format == text_format
    assert question.text == "**Capital?**"
    assert question.general_feedback == "*Baku*"


def test_format_prefix_is_only_removed_at_the_start_of_the_text():
    question = only_question("Is [html] a GIFT format marker? {T}")

    assert question.text == "Is [html] a GIFT format marker?"


def test_category_applies_to_the_questions_that_follow_it():
    result = parse_gift(
        "Before any category. {T}\n"
        "\n"
        "$CATEGORY: $course$/Migration/GCM\n"
        "\n"
        "First. {T}\n"
        "\n"
        "Second. {F}\n"
        "\n"
        "$CATEGORY: $course$/Migration/SDG\n"
        "Third, right under its category. {T}\n"
    )

    assert [q.category for q in result.questions] == [
        "",
        "$course$/Migration/GCM",
        "$course$/Migration/GCM",
        "$course$/Migration/SDG",
    ]
    assert result.questions[3].line == 10


def test_category_applies_to_skipped_items_too_without_being_an_item_itself():
    result = parse_gift("$CATEGORY: Intro\n\nJust some words.\n")

    assert result.questions == []
    assert [s.line for s in result.skipped] == [3]


def test_comment_lines_are_ignored_between_and_inside_questions():
    question = only_question(
        "// question: 12  name: capital\n"
        "  // an indented comment\n"
        "::Capital::What is\n"
        "// a comment in the middle of the question\n"
        "the capital? {\n"
        "  =Baku\n"
        "  // and one among the answers\n"
        "  ~Ganja\n"
        "}\n"
        "// trailing comment\n"
    )

    assert question.line == 3
    assert question.text == "What is\nthe capital?"
    assert [choice.text for choice in question.choices] == ["Baku", "Ganja"]


def test_double_slash_in_the_middle_of_a_line_is_not_a_comment():
    question = only_question("Is https://un.org the UN site? {T}")

    assert question.text == "Is https://un.org the UN site?"


# Escapes


@pytest.mark.parametrize(
    ("escaped", "literal"),
    [
        ("\\=", "="),
        ("\\~", "~"),
        ("\\#", "#"),
        ("\\{", "{"),
        ("\\}", "}"),
        ("\\:", ":"),
        ("\\\\", "\\"),
        ("\\n", "\n"),
    ],
)
def test_each_escape_gives_a_literal_character_everywhere(escaped, literal):
    question = only_question(
        f"::T{escaped}itle::Text {escaped} here {{"
        f"=a{escaped}b#fb{escaped}x ~c{escaped}d ####gf{escaped}y}}"
    )

    assert question.kind == "single_choice"
    assert question.title == f"T{literal}itle"
    assert question.text == f"Text {literal} here"
    assert question.choices == [
        GiftChoice(f"a{literal}b", correct=True, feedback=f"fb{literal}x"),
        GiftChoice(f"c{literal}d", correct=False),
    ]
    assert question.general_feedback == f"gf{literal}y"


def test_escaped_characters_never_act_as_syntax():
    question = only_question("What is 1 \\= 1 \\{really\\}? {=yes\\~no ~no\\#1}")

    assert question.text == "What is 1 = 1 {really}?"
    assert question.choices == [
        GiftChoice("yes~no", correct=True),
        GiftChoice("no#1", correct=False),
    ]


def test_escaped_backslash_before_n_is_not_a_newline():
    question = only_question("Path C\\\\new\\\\file? {T}")

    assert question.text == "Path C\\new\\file?"


def test_escaped_colon_is_not_a_numeric_tolerance():
    skipped = only_skipped("How many? {#1\\:2}")

    assert skipped.reason == "'1:2' is not a number"


def test_unknown_backslash_sequences_are_kept_as_written():
    question = only_question("Is \\(x^2\\) LaTeX? {T}")

    assert question.text == "Is \\(x^2\\) LaTeX?"


# Feedback and the missing-word format


def test_general_feedback_follows_four_hashes():
    question = only_question(
        "Capital? {=Baku#Yes ~Ganja ####Baku has been the capital since 1920.}"
    )

    assert question.general_feedback == "Baku has been the capital since 1920."
    assert question.choices[1] == GiftChoice("Ganja", correct=False)


def test_general_feedback_works_for_true_false_and_numeric_questions():
    result = parse_gift("Sky is blue. {T####Mostly.}\n\nSeven? {#7####Count them.}")

    assert [q.general_feedback for q in result.questions] == ["Mostly.", "Count them."]
    assert result.questions[0].correct_answer is True
    assert result.questions[1].numeric_answers == [GiftNumber(Decimal(7), Decimal(0))]


def test_missing_word_question_puts_a_blank_where_the_answers_were():
    question = only_question("The capital is {=Baku ~Ganja} city.")

    assert question.text == "The capital is _____ city."
    assert question.kind == "single_choice"


def test_missing_word_keeps_punctuation_right_after_the_blank():
    question = only_question("The capital of Azerbaijan is {=Baku =Bakı}.")

    assert question.text == "The capital of Azerbaijan is _____."
    assert question.accepted_answers == [GiftAccepted("Baku"), GiftAccepted("Bakı")]


def test_answers_at_the_start_of_the_text_leave_a_blank_at_the_start():
    question = only_question("{=Baku ~Ganja} is the capital of Azerbaijan.")

    assert question.text == "_____ is the capital of Azerbaijan."


def test_answers_at_the_end_leave_no_blank():
    assert only_question("The capital is {=Baku ~Ganja}\n").text == "The capital is"


# What we do not import


def test_matching_question_is_skipped_with_its_line():
    result = parse_gift(
        "Fine. {T}\n"
        "\n"
        "::Pairs:: Match the cities. {\n"
        "  =Baku -> Azerbaijan\n"
        "  =Tbilisi -> Georgia\n"
        "}\n"
    )

    assert len(result.questions) == 1
    assert result.skipped == [
        GiftSkipped(
            line=3, title="Pairs", reason="matching questions are not supported"
        )
    ]


def test_essay_question_is_skipped_with_its_line():
    skipped = only_skipped("\n\n::Essay:: Describe your journey. {}")

    assert skipped == GiftSkipped(
        line=3,
        title="Essay",
        reason="essay questions (empty answer block) are not supported",
    )


def test_essay_question_with_general_feedback_is_still_an_essay():
    skipped = only_skipped("Describe your journey. {####Any answer is fine.}")

    assert skipped.reason == "essay questions (empty answer block) are not supported"


def test_description_without_answer_block_is_skipped_with_its_line():
    result = parse_gift(
        "Fine. {T}\n\n// intro\n::Intro:: The next questions are about the GCM.\n"
    )

    assert result.skipped == [
        GiftSkipped(
            line=4,
            title="Intro",
            reason="description items (text without an answer block) are not supported",
        )
    ]


def test_unrecognised_answer_block_is_skipped():
    skipped = only_skipped("Name the capital. {Baku}")

    assert skipped.line == 1
    assert skipped.reason == (
        "the answer block {Baku} is not a recognised question type; "
        "answers must start with '=' or '~'"
    )


def test_text_before_the_first_choice_is_skipped():
    skipped = only_skipped("Pick. {oops =a ~b}")

    assert skipped.reason == "unexpected text 'oops' before the first answer"


def test_empty_choice_is_skipped():
    skipped = only_skipped("Pick. {=a ~ }")

    assert skipped.reason == "an answer after '~' is empty"


def test_questions_without_a_blank_line_between_them_are_each_named():
    result = parse_gift(
        "Fine. {T}\n"
        "\n"
        "::Capital:: Capital of Azerbaijan? {=Baku ~Ganja}\n"
        "::Sea:: Baku is on the Caspian Sea. {T}\n"
        "\n"
        "Also fine. {F}\n"
    )

    assert [q.text for q in result.questions] == ["Fine.", "Also fine."]
    assert [(s.line, s.title) for s in result.skipped] == [(3, "Capital"), (4, "Sea")]
    for skipped in result.skipped:
        assert skipped.reason.startswith(
            "no blank line between the questions at line 3 (Capital), line 4 (Sea)"
        )


def test_run_together_questions_spanning_lines_are_each_named_by_their_first_line():
    result = parse_gift(
        "// no titles here\n"
        "Capital?\n{\n=Baku\n~Ganja\n}\n"
        "Sky is blue. {T}\n"
        "Grass is red.\n{F}\n"
    )

    assert result.questions == []
    assert [(s.line, s.title) for s in result.skipped] == [(2, ""), (7, ""), (8, "")]
    assert "line 2, line 7, line 8" in result.skipped[0].reason


def test_question_with_two_answer_blocks_is_skipped():
    skipped = only_skipped("Baku is {=big} and {=old}.")

    assert (
        skipped.reason == "questions with more than one answer block are not supported"
    )


def test_question_without_text_is_skipped():
    skipped = only_skipped("::Empty:: [html]{=Baku ~Ganja}")

    assert skipped == GiftSkipped(
        line=1, title="Empty", reason="the question has no text"
    )


# Files we cannot read


def test_unclosed_brace_is_a_syntax_error_on_its_line():
    error = syntax_error("Fine. {T}\n\nCapital?\n{=Baku\n~Ganja\n")

    assert error.line == 4
    assert error.message == "'{' is never closed"


def test_closing_brace_without_an_opening_one_is_a_syntax_error_on_its_line():
    error = syntax_error("Fine. {T}\n\nCapital? =Baku\n~Ganja}\n")

    assert error.line == 4
    assert "'}' without an opening '{'" in error.message


def test_closing_brace_after_the_answers_is_a_syntax_error():
    error = syntax_error("Capital? {=Baku ~Ganja} city}")

    assert error.line == 1


def test_brace_inside_answers_is_a_syntax_error():
    error = syntax_error("Capital?\n{=Baku\n~{Ganja}")

    assert error.line == 3
    assert "'{' inside an answer block" in error.message


def test_brace_error_counts_lines_past_comments():
    error = syntax_error("// comment\nCapital?\n// comment\n// comment\n{=Baku ~Ganja")

    assert error.line == 5


def test_unclosed_title_is_a_syntax_error():
    error = syntax_error("\n::Capital? {=Baku ~Ganja}")

    assert error.line == 2
    assert error.message == "the title has no closing '::'"


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", "\ufeff", "// only a comment\n$CATEGORY: Empty\n\n// another\n"],
)
def test_file_without_question_blocks_is_a_syntax_error(text):
    error = syntax_error(text)

    assert error.message == "no questions found"
    assert error.line == 1


def test_syntax_error_is_a_value_error_that_names_its_line():
    error = syntax_error("\n\nCapital? {=Baku")

    assert isinstance(error, ValueError)
    assert str(error) == "line 3: '{' is never closed"


# Encodings and languages


def test_nul_characters_are_dropped_from_the_file():
    question = only_question("::Ca\x00pital:: Capital?\x00 {=Ba\x00ku ~Ganja#No\x00}")

    assert question.title == "Capital"
    assert question.text == "Capital?"
    assert question.choices == [
        GiftChoice("Baku", correct=True),
        GiftChoice("Ganja", correct=False, feedback="No"),
    ]


def test_crlf_line_endings_and_byte_order_mark_are_accepted():
    result = parse_gift(
        "\ufeff// exported from Moodle\r\n"
        "::Q1::Capital?{\r\n"
        "  =Baku#Yes\r\n"
        "  ~Ganja\r\n"
        "}\r\n"
        "\r\n"
        "Sky is blue.{T}\r\n"
    )

    assert [q.line for q in result.questions] == [2, 7]
    assert result.questions[0].title == "Q1"
    assert result.questions[0].choices == [
        GiftChoice("Baku", correct=True, feedback="Yes"),
        GiftChoice("Ganja", correct=False),
    ]
    assert result.questions[1].text == "Sky is blue."


def test_old_mac_line_endings_are_accepted():
    result = parse_gift("First. {T}\r\rSecond. {F}\r")

    assert [q.line for q in result.questions] == [1, 3]


def test_azerbaijani_and_russian_text_is_kept_intact():
    result = parse_gift(
        "::Miqrasiya::Qlobal Miqrasiya Sazişi hansı ildə qəbul edilib? {\n"
        "  =2018-ci ildə#Düzdür, Mərakeşdə.\n"
        "  ~2015-ci ildə#Yox, o il DİM-lər qəbul edildi.\n"
        "  ####Çox güman ki, bunu bilirsiniz: Şuşa, Gəncə, Ağdam, Ördəkli, Üçüncü.\n"
        "}\n"
        "\n"
        "::Миграция::Столица Азербайджана — {=Баку ~Гянджа ~Сумгаит}.\n"
        "\n"
        "Я знаю ответ. {ДА}\n"
    )

    azerbaijani, russian = result.questions
    assert azerbaijani.title == "Miqrasiya"
    assert azerbaijani.text == "Qlobal Miqrasiya Sazişi hansı ildə qəbul edilib?"
    assert azerbaijani.choices[0] == GiftChoice(
        "2018-ci ildə", correct=True, feedback="Düzdür, Mərakeşdə."
    )
    assert azerbaijani.general_feedback.startswith("Çox güman ki")
    assert russian.title == "Миграция"
    assert russian.text == "Столица Азербайджана — _____."
    assert russian.kind == "single_choice"
    assert russian.choices[0] == GiftChoice("Баку", correct=True)
    assert result.skipped[0].line == 9
    assert "{ДА}" in result.skipped[0].reason


def test_realistic_moodle_export_mixing_every_kind():
    text = (
        "\ufeff// Exported from the Migration School Moodle\r\n"
        "// question: 0  name: Switch category to $course$/GCM\r\n"
        "$CATEGORY: $course$/GCM\r\n"
        "\r\n"
        "\r\n"
        "// question: 101  name: Adopted\r\n"
        "::Adopted::[html]<p>The GCM was adopted in Marrakesh.</p>{TRUE#Check "
        "the date.#Yes, in December 2018.}\r\n"
        "\r\n"
        "// question: 102  name: Objectives\r\n"
        "::Objectives::[html]<p>How many objectives does the GCM have?</p>{#\r\n"
        "\t=%100%23:0#Exactly.\r\n"
        "\t=%50%22..24#Close.\r\n"
        "####The GCM lists 23 objectives.}\r\n"
        "\r\n"
        "::Principles::[html]Which are GCM guiding principles?{\r\n"
        "\t~%50%People-centred#Yes\r\n"
        "\t~%50%Rule of law\r\n"
        "\t~%-100%Closed borders#No\r\n"
        "}\r\n"
        "\r\n"
        "$CATEGORY: $course$/Azerbaijan\r\n"
        "\r\n"
        "::Capital::Paytaxt {=Bakı =Baku} şəhəridir.\r\n"
        "\r\n"
        "::Region::Naxçıvan \\{MR\\} harada yerləşir?{\r\n"
        "\t=Cənub-qərbdə#Düzdür\r\n"
        "\t~Şimalda\r\n"
        "\t~Şərqdə\r\n"
        "}\r\n"
        "\r\n"
        "::Intro::[html]<p>The next part is about the SDGs.</p>\r\n"
        "\r\n"
        "::Pairs::Match. {=SDG 10 -> Reduced inequalities =SDG 8 -> Decent work}\r\n"
        "\r\n"
        "::Reflect::Describe a migration story you know.{}\r\n"
        "\r\n"
        "::Broken::How many SDGs? {#seventeen}\r\n"
        "\r\n"
        "// the end\r\n"
    )

    result = parse_gift(text)

    assert isinstance(result, GiftResult)
    assert [(q.title, q.kind, q.line) for q in result.questions] == [
        ("Adopted", "true_false", 7),
        ("Objectives", "numeric", 10),
        ("Principles", "multiple_choice", 15),
        ("Capital", "short_answer", 23),
        ("Region", "single_choice", 25),
    ]
    adopted, objectives, principles, capital, region = result.questions
    assert adopted.text == "<p>The GCM was adopted in Marrakesh.</p>"
    assert adopted.correct_answer is True
    assert adopted.true_false_feedback == ("Check the date.", "Yes, in December 2018.")
    assert adopted.category == "$course$/GCM"
    assert objectives.numeric_answers == [
        GiftNumber(Decimal("23"), Decimal("0"), Decimal(100)),
        GiftNumber(Decimal("23"), Decimal("1"), Decimal(50)),
    ]
    assert objectives.general_feedback == "The GCM lists 23 objectives."
    assert [c.correct for c in principles.choices] == [True, True, False]
    assert principles.choices[2].feedback == "No"
    assert capital.text == "Paytaxt _____ şəhəridir."
    assert capital.accepted_answers == [GiftAccepted("Bakı"), GiftAccepted("Baku")]
    assert capital.category == "$course$/Azerbaijan"
    assert region.text == "Naxçıvan {MR} harada yerləşir?"
    assert region.choices[0] == GiftChoice(
        "Cənub-qərbdə", correct=True, feedback="Düzdür"
    )

    assert [(s.title, s.line) for s in result.skipped] == [
        ("Intro", 31),
        ("Pairs", 33),
        ("Reflect", 35),
        ("Broken", 37),
    ]
    assert [s.reason for s in result.skipped] == [
        "description items (text without an answer block) are not supported",
        "matching questions are not supported",
        "essay questions (empty answer block) are not supported",
        "'seventeen' is not a number",
    ]


def test_arrow_among_choices_is_choice_text_not_matching():
    question = only_question("Which is right? {=Baku -> capital ~Ganja -> capital}")

    assert question.kind == "single_choice"
    assert question.choices[0].text == "Baku -> capital"

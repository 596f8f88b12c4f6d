"""Question blocks of a quiz. Each answer's correctness stays on the server.

Questions and their choices keep the ids Wagtail gives StreamField blocks and list
items: attempts, answers and item statistics refer to them, across revisions and
across the translations of a quiz.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from lms_courses.models import GCMObjective, SDGTarget

from .formatting import TextFormat


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500, label=_("choice"))
    correct = blocks.BooleanBlock(
        required=False, label=_("correct"), help_text=_("Tick the right answers.")
    )
    feedback = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("feedback"),
        help_text=_("Shown to a learner who picked this choice, after grading."),
    )

    class Meta:
        icon = "radio-full"


def gcm_objective_choices() -> list[tuple[str, str]]:
    return [(str(o.number), str(o)) for o in GCMObjective.objects.all()]


def sdg_target_choices() -> list[tuple[str, str]]:
    return [(t.code, f"{t.code}: {t.title}") for t in SDGTarget.objects.all()]


class QuestionBlock(blocks.StructBlock):
    """What every question has: its name, text, points and general feedback."""

    title = blocks.CharBlock(
        required=False,
        # Not None: translation tools read every text block as a string.
        default="",
        max_length=255,
        label=_("name"),
        help_text=_(
            "A short name to find the question by in results and statistics. "
            "Learners do not see it."
        ),
    )
    text = blocks.TextBlock(
        max_length=2000,
        label=_("question"),
        help_text=_("The question as learners read it."),
    )
    text_format = blocks.ChoiceBlock(
        choices=TextFormat.choices,
        default=TextFormat.PLAIN,
        label=_("text format"),
        help_text=_(
            "How the question and its feedback are written. Markdown and HTML may "
            "use bold, italics, lists, links and code; anything else is removed "
            "before learners see it. Choices are always plain text."
        ),
    )
    points = blocks.DecimalBlock(
        default=Decimal(1),
        min_value=0,
        max_value=100,
        decimal_places=2,
        label=_("points"),
        help_text=_("What a fully right answer is worth."),
    )
    general_feedback = blocks.TextBlock(
        required=False,
        max_length=2000,
        label=_("general feedback"),
        help_text=_("Shown to everyone after grading: why the answer is what it is."),
    )
    gcm_objectives = blocks.MultipleChoiceBlock(
        required=False,
        choices=gcm_objective_choices,
        label=_("GCM objectives"),
        help_text=_(
            "The objectives this question tests, for learners' mastery. "
            "Leave empty to use the quiz's objectives."
        ),
    )
    sdg_targets = blocks.MultipleChoiceBlock(
        required=False,
        choices=sdg_target_choices,
        label=_("SDG targets"),
        help_text=_("The SDG targets it tests. Leave empty to use the quiz's."),
    )

    kind = ""

    class Meta:
        icon = "help"


class SingleChoiceBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, label=_("choices"))

    kind = "single_choice"

    class Meta:
        icon = "radio-full"
        template = "quizzes/blocks/choice_question.html"
        description = _("One right answer among several choices.")

    def clean(self, value):
        value = super().clean(value)
        if sum(bool(choice["correct"]) for choice in value["choices"]) != 1:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Tick exactly one right choice."))
                }
            )
        return value


class MultipleChoiceBlock(QuestionBlock):
    choices = blocks.ListBlock(
        ChoiceBlock(),
        min_num=2,
        label=_("choices"),
        help_text=_(
            "Partial credit: each right choice ticked earns an equal share of the "
            "points, each wrong choice ticked takes one share away, never below zero."
        ),
    )

    kind = "multiple_choice"

    class Meta:
        icon = "tick-inverse"
        template = "quizzes/blocks/choice_question.html"
        description = _("Several right answers, with partial credit.")

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Tick at least one right choice."))
                }
            )
        return value


class TrueFalseBlock(QuestionBlock):
    correct_answer = blocks.BooleanBlock(
        required=False,
        label=_("the statement is true"),
        help_text=_("Tick when the right answer is “True”."),
    )
    feedback_right = blocks.CharBlock(
        required=False, max_length=500, label=_("feedback for a right answer")
    )
    feedback_wrong = blocks.CharBlock(
        required=False, max_length=500, label=_("feedback for a wrong answer")
    )

    kind = "true_false"

    class Meta:
        icon = "tick"
        template = "quizzes/blocks/true_false_question.html"
        description = _("A statement that is true or false.")


def _credit_block() -> blocks.DecimalBlock:
    return blocks.DecimalBlock(
        default=Decimal(100),
        min_value=0,
        max_value=100,
        max_digits=8,
        decimal_places=5,
        label=_("credit (%)"),
        help_text=_(
            "The share of the points this answer earns: 100 for a fully right "
            "answer, 50 for half the points."
        ),
    )


class AcceptedAnswerBlock(blocks.StructBlock):
    answer = blocks.CharBlock(max_length=200, label=_("answer"))
    credit = _credit_block()

    class Meta:
        icon = "edit"


class ShortAnswerBlock(QuestionBlock):
    accepted_answers = blocks.ListBlock(
        AcceptedAnswerBlock(),
        min_num=1,
        label=_("accepted answers"),
        help_text=_(
            "Every answer that counts, with its credit; spaces around are ignored. "
            "A learner whose answer matches several gets the highest credit."
        ),
    )
    case_sensitive = blocks.BooleanBlock(
        required=False,
        label=_("case matters"),
        help_text=_("Leave unticked to accept “baku” for “Baku”."),
    )

    kind = "short_answer"

    class Meta:
        icon = "edit"
        template = "quizzes/blocks/text_question.html"
        description = _("A word or a short phrase typed by the learner.")


class NumericAnswerBlock(blocks.StructBlock):
    # Bounded as learners' answers are (lms_quizzes.numbers), so grading stays exact.
    value = blocks.DecimalBlock(max_digits=25, decimal_places=10, label=_("value"))
    tolerance = blocks.DecimalBlock(
        default=Decimal(0),
        min_value=0,
        max_digits=25,
        decimal_places=10,
        label=_("tolerance"),
        help_text=_("How far from the value an answer may be and still count."),
    )
    credit = _credit_block()


class NumericBlock(QuestionBlock):
    answers = blocks.ListBlock(
        NumericAnswerBlock(),
        min_num=1,
        label=_("right answers"),
        help_text=_(
            "Each answer with its credit. A number within several gets the "
            "highest credit."
        ),
    )

    kind = "numeric"

    class Meta:
        icon = "order"
        template = "quizzes/blocks/text_question.html"
        description = _("A number, right within a tolerance.")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice_block = SingleChoiceBlock(label=_("Single choice"))
    multiple_choice_block = MultipleChoiceBlock(label=_("Multiple choice"))
    true_false_block = TrueFalseBlock(label=_("True or false"))
    short_answer_block = ShortAnswerBlock(label=_("Short answer"))
    numeric_block = NumericBlock(label=_("Numeric"))

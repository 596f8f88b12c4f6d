"""The quiz editor's form: a translation takes its questions from the original."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lms_courses.outline import original_page


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        questions = cleaned_data.get("questions")
        if self.instance.pk and questions is not None:
            refusal = new_questions_refusal(self.instance, questions)
            if refusal:
                self.add_error("questions", refusal)
        return cleaned_data


def new_questions_refusal(quiz, questions) -> str | None:
    """Why ``questions`` cannot be saved on ``quiz``: a translation that would gain
    questions its original does not have (learners would never be asked them)."""
    original = original_page(quiz)
    if original.pk == quiz.pk:
        return None
    original = original.specific
    known = {question.id for question in original.questions}
    known |= {
        question.id for question in original.get_latest_revision_as_object().questions
    }
    if all(question.id in known for question in questions if question.id):
        return None
    return _(
        "This quiz is the %(language)s translation of “%(original)s”. Learners in "
        "every language answer the questions of the original: add questions to "
        "“%(original)s” (%(original_language)s), then sync this translation."
    ) % {
        "language": quiz.locale.get_display_name(),
        "original": original.title,
        "original_language": original.locale.get_display_name(),
    }

"""Trainers' actions on a quiz in the admin: import a GIFT file, regrade a question."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from lms_courses.outline import original_page

from .attempts import regrade_question
from .gift import GiftSyntaxError
from .importing import ImportRefused, import_gift, import_refusal
from .models import QuizPage
from .reports import can_manage

GIFT_SIZE_LIMIT = 1024 * 1024


class GiftImportForm(forms.Form):
    gift_file = forms.FileField(
        label=gettext_lazy("GIFT file"),
        help_text=gettext_lazy(
            "A Moodle GIFT export (.txt or .gift), UTF-8, at most 1 MB."
        ),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish at once"),
        required=False,
        help_text=gettext_lazy(
            "Leave unticked to review the questions as a draft first."
        ),
    )

    def clean_gift_file(self):
        upload = self.cleaned_data["gift_file"]
        if upload.size > GIFT_SIZE_LIMIT:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error


def import_questions(request, page_id: int):
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not can_manage(request.user, quiz):
        return permission_denied(request)
    form = GiftImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    refusal = import_refusal(quiz)
    if request.method == "POST":
        if refusal or not form.is_valid():
            status = 400
        else:
            try:
                report = import_gift(
                    quiz,
                    form.cleaned_data["gift_file"],
                    user=request.user,
                    publish=form.cleaned_data["publish"],
                )
            except GiftSyntaxError as error:
                form.add_error("gift_file", _("The file cannot be read: %s") % error)
                status = 400
            except ImportRefused as error:
                refusal, status = str(error), 400
            else:
                messages.success(
                    request,
                    _("%(count)d question(s) imported into “%(quiz)s”.")
                    % {"count": report.imported, "quiz": quiz.title},
                )
    context = {
        "quiz": quiz,
        "original": original_page(quiz),
        "form": form,
        "report": report,
        "refusal": refusal,
    }
    return TemplateResponse(
        request, "quizzes/admin/import.html", context, status=status
    )


@require_POST
def regrade(request, page_id: int, question_id: str):
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not can_manage(request.user, quiz):
        return permission_denied(request)
    original = original_page(quiz).specific
    if original.question(question_id) is None:
        messages.error(request, _("The quiz has no such question."))
    else:
        count = regrade_question(original, question_id)
        messages.success(
            request, _("%(count)d attempt(s) regraded.") % {"count": count}
        )
    return redirect("quiz_results", original.pk)

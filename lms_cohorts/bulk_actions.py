"""Decide on several applications at once from the applications list."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .admission import AdmissionError, change_status
from .forms import BulkStatusForm
from .models import Application
from .permissions import REVIEW_PERMISSION


class ChangeStatusBulkAction(SnippetBulkAction):
    display_name = _("Change status")
    action_type = "change_status"
    aria_label = _("Change the status of the selected applications")
    template_name = "cohorts/admin/confirm_bulk_status.html"
    action_priority = 20
    form_class = BulkStatusForm
    models = [Application]

    def dispatch(self, request, *args, **kwargs):
        # Even the refusal page would name the applicants: refuse before it.
        if not request.user.has_perm(REVIEW_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, application):
        return self.request.user.has_perm(REVIEW_PERMISSION)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return Application.objects.submitted().filter(pk__in=object_ids)

    @classmethod
    def execute_action(cls, objects, user=None, form=None, refused=None, **kwargs):
        moved = 0
        for application in objects:
            try:
                change_status(
                    application,
                    form.cleaned_data["status"],
                    by=user,
                    note=form.cleaned_data["note"],
                )
            except AdmissionError as error:
                refused.append(f"{application}: {error}")
            else:
                moved += 1
        return moved, 0

    def get_execution_context(self):
        self.refused = []
        return {
            "user": self.request.user,
            "form": self.cleaned_form,
            "refused": self.refused,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        for reason in self.refused:
            messages.error(self.request, reason)
        return ngettext(
            "%(count)d application has moved on.",
            "%(count)d applications have moved on.",
            num_parent_objects,
        ) % {"count": num_parent_objects}

"""Coordinators delete a learner's account from the admin, with a reason."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from .personal_data import can_delete_account, delete_account, is_coordinator

REASON_LIMIT = 500


class DeleteAccountForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the audit log, e.g. “Asked by email on 3 March”. Do not write the "
            "person's name: the log keeps only the account's number."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that the name, email address, application texts and "
            "messages of this person are deleted for good."
        ),
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Please give a reason."))
        return reason


@require_http_methods(["GET", "POST"])
def delete_learner_account(request, user_id: int):
    # Whether the account exists is only for those who may delete accounts.
    if not is_coordinator(request.user):
        return permission_denied(request)
    target = get_object_or_404(get_user_model(), pk=user_id)
    if not can_delete_account(request.user, target):
        return permission_denied(request)
    form = DeleteAccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                deleted_id = delete_account(
                    target, by=request.user, reason=form.cleaned_data["reason"]
                )
            except (IntegrityError, ProtectedError, RestrictedError):
                messages.error(
                    request,
                    _("The account could not be deleted; nothing was changed."),
                )
                status = 409
            else:
                messages.success(
                    request,
                    _(
                        "Account #%(id)s is deleted. Its scores and attendance stay "
                        "in the statistics without a name."
                    )
                    % {"id": deleted_id},
                )
                return redirect("wagtailusers_users:index")
        else:
            status = 400
    context = {
        "target": target,
        "form": form,
        "certificates": target.certificates.count(),
    }
    return TemplateResponse(
        request, "accounts/admin/delete_account.html", context, status=status
    )

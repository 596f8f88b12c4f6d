"""Acting on a volunteer: moving them through the pipeline and granting a
qualification by hand, each time with a reason that is kept."""

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from ..models import Qualification, QualificationGrant, Volunteer
from ..pipeline import MOVES, PipelineError, move
from ..qualifications import activate_if_trained, grant_by_hand
from .row_actions import REASON_LIMIT

Status = Volunteer.Status
MOVE_ACTION = "volunteers.move"
GRANT_ACTION = "volunteers.grant_by_hand"

grant_permission_policy = ModelPermissionPolicy(QualificationGrant)


class MoveForm(forms.Form):
    """The next status and why; ``from_status`` tells a stale form from a fresh one."""

    from_status = forms.CharField(widget=forms.HiddenInput)
    to_status = forms.ChoiceField(label=gettext_lazy("New status"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the volunteer's history, e.g. “Interviewed on 3 March: a good "
            "fit for the desk”."
        ),
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer
        self.fields["from_status"].initial = volunteer.status
        self.fields["to_status"].choices = allowed_moves(volunteer.status)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_status") != self.volunteer.status:
            # The choices offered were for the old status: they mean nothing now.
            self._errors.pop("to_status", None)
            self.offer_moves_again()
            raise forms.ValidationError(self.stale_message())
        return cleaned

    def offer_moves_again(self):
        """Show the form again for the volunteer's status now."""
        self.data = self.data.copy()
        self.data["from_status"] = self.volunteer.status
        self.fields["to_status"].choices = allowed_moves(self.volunteer.status)

    def stale_message(self) -> str:
        return _(
            "Someone moved this volunteer to “%(status)s” while you had this form "
            "open. Nothing was changed: choose the move again."
        ) % {"status": self.volunteer.get_status_display()}


def allowed_moves(status: str) -> list[tuple[str, str]]:
    allowed = MOVES.get(status, set())
    return [(choice.value, choice.label) for choice in Status if choice in allowed]


class GrantForm(forms.Form):
    qualification = forms.ModelChoiceField(
        label=gettext_lazy("Qualification"),
        queryset=Qualification.objects.all(),
        help_text=gettext_lazy(
            "Granting one the volunteer already holds renews it from today."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept with the qualification, e.g. “Trained in person by the Red "
            "Crescent, certificate seen”."
        ),
    )


class VolunteerActionView(WagtailAdminTemplateMixin, FormView):
    """A form about one volunteer, for staff who hold ``permission`` by ``policy``."""

    template_name = "volunteers/admin/form.html"
    header_icon = "user"
    policy = None
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        # Who may act is checked first: whether an id exists is for them only.
        if not self.get_policy().user_has_permission(request.user, self.permission):
            return permission_denied(request)
        self.volunteer = get_object_or_404(
            Volunteer.objects.select_related("user"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_policy(self):
        return self.policy or policy_registry.get_by_type(Volunteer)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("volunteers_admin:index"), "label": _("Volunteers")},
            {"url": self.file_url, "label": str(self.volunteer)},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def file_url(self):
        return reverse("volunteers_admin:inspect", args=[self.volunteer.pk])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "volunteer": self.volunteer,
            "action_url": self.request.path,
            "submit_button_label": self.submit_label,
            "cancel_url": self.file_url,
        }

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MoveView(VolunteerActionView):
    form_class = MoveForm
    permission = "change"
    submit_label = gettext_lazy("Move")

    def get_page_title(self):
        return _("Move %(name)s") % {"name": self.volunteer}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "volunteer": self.volunteer}

    def form_valid(self, form):
        volunteer, reason = self.volunteer, form.cleaned_data["reason"]
        from_status, to_status = volunteer.status, form.cleaned_data["to_status"]
        try:
            with transaction.atomic():
                move(volunteer, to_status, by=self.request.user, reason=reason)
                log(
                    volunteer,
                    MOVE_ACTION,
                    user=self.request.user,
                    data={"from": from_status, "to": to_status, "reason": reason},
                )
        except PipelineError:  # moved in another tab since the form was checked
            volunteer.refresh_from_db()
            form.offer_moves_again()
            form.add_error(None, form.stale_message())
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is now “%(status)s”.")
            % {"name": volunteer, "status": volunteer.get_status_display()},
        )
        return redirect(self.file_url)


class GrantView(VolunteerActionView):
    form_class = GrantForm
    policy = grant_permission_policy
    permission = "add"
    submit_label = gettext_lazy("Grant")

    def get_page_title(self):
        return _("Grant a qualification to %(name)s") % {"name": self.volunteer}

    def form_valid(self, form):
        volunteer, qualification = self.volunteer, form.cleaned_data["qualification"]
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            grant = grant_by_hand(
                volunteer, qualification, by=self.request.user, reason=reason
            )
            log(
                volunteer,
                GRANT_ACTION,
                user=self.request.user,
                data={
                    "qualification": qualification.pk,
                    "name": qualification.name_en,
                    "reason": reason,
                },
            )
        if grant.expires_at:
            message = _("%(name)s holds “%(qualification)s” until %(date)s.") % {
                "name": volunteer,
                "qualification": qualification,
                "date": date_format(timezone.localtime(grant.expires_at)),
            }
        else:
            message = _("%(name)s holds “%(qualification)s”.") % {
                "name": volunteer,
                "qualification": qualification,
            }
        messages.success(self.request, message)
        if activate_if_trained(volunteer):
            messages.success(
                self.request,
                _("With it, %(name)s holds every required qualification: active now.")
                % {"name": volunteer},
            )
        return redirect(self.file_url)

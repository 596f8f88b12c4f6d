"""The union staff's screens that are more than a model form: a volunteer's file,
moving them through the pipeline, granting a qualification by hand, and pledges
that cannot change once volunteers have accepted them."""

from django import forms
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.rich_text import RichText

from courses.exports import ExportInRequestLanguageMixin

from .models import (
    Pledge,
    PledgeAcceptance,
    Qualification,
    QualificationGrant,
    Volunteer,
)
from .pipeline import MOVES, PipelineError, move, pledges_to_accept
from .qualifications import activate_if_trained, grant_by_hand, missing_for_activation

Status = Volunteer.Status
REASON_LIMIT = 500
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


# The volunteers' list and file ------------------------------------------------


class VolunteerIndexView(ExportInRequestLanguageMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "department")
            .prefetch_related(
                Prefetch(
                    "qualifications",
                    queryset=QualificationGrant.objects.valid()
                    .select_related("qualification")
                    .order_by("qualification__name_en"),
                    to_attr="valid_grants",
                )
            )
        )

    def get_edit_url(self, instance):
        return None  # a volunteer's file is read, then acted on: never edited

    def get_list_more_buttons(self, instance):
        buttons = [
            MenuItem(
                _("Details"),
                url=self.get_inspect_url(instance),
                icon_name="info-circle",
                priority=10,
            )
        ]
        if self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Move"),
                    url=reverse("volunteers_admin:move", args=[instance.pk]),
                    icon_name="arrow-right",
                    priority=20,
                )
            )
        if grant_permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                MenuItem(
                    _("Grant a qualification"),
                    url=reverse("volunteers_admin:grant", args=[instance.pk]),
                    icon_name="tick",
                    priority=30,
                )
            )
        return buttons

    def to_row_dict(self, item):
        return {field: export_value(item, field) for field in self.list_export}


def export_value(volunteer: Volunteer, field: str):
    """One cell of the volunteers' spreadsheet."""
    if field == "name":
        return str(volunteer)
    if field == "email":
        return volunteer.user.email
    if field == "status":
        return volunteer.get_status_display()
    if field == "department":
        return department_title(volunteer)
    if field == "fast_tracked":
        return _("yes") if volunteer.fast_tracked else _("no")
    if field == "qualifications":
        return held_qualifications(volunteer)
    return getattr(volunteer, field)


def held_qualifications(volunteer: Volunteer) -> str:
    return ", ".join(str(grant.qualification) for grant in volunteer.valid_grants)


def department_title(volunteer: Volunteer) -> str:
    return volunteer.department.title if volunteer.department else ""


class VolunteerInspectView(InspectView):
    """The volunteer's file: answers, history, pledges and qualifications."""

    template_name = "volunteers/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Volunteer.objects.select_related("user", "department"), pk=self.pk
        )

    def get_page_title(self):
        return str(self.object)

    def get_edit_url(self):
        return None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Volunteers")},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        volunteer = self.object
        user = self.request.user
        context.update(
            volunteer=volunteer,
            history=volunteer.status_changes.select_related("changed_by"),
            pledges=volunteer.pledges_accepted.select_related("pledge").order_by(
                "pledge__kind", "-pledge__version"
            ),
            pledges_to_accept=pledges_to_accept(volunteer),
            grants=volunteer.qualifications.select_related(
                "qualification", "granted_by"
            ).order_by("qualification__name_en"),
            missing=(
                missing_for_activation(volunteer)
                if volunteer.status in (Status.SCREENED, Status.IN_TRAINING)
                else []
            ),
            now=timezone.now(),
            move_url=(
                reverse("volunteers_admin:move", args=[volunteer.pk])
                if self.user_has_permission("change")
                else ""
            ),
            grant_url=(
                reverse("volunteers_admin:grant", args=[volunteer.pk])
                if grant_permission_policy.user_has_permission(user, "add")
                else ""
            ),
            history_url=(
                reverse("volunteers_admin:history", args=[volunteer.pk])
                if self.user_has_permission("change")
                else ""
            ),
        )
        return context


# Acting on a volunteer ----------------------------------------------------------


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
        from wagtail.permissions import policy_registry

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


class QualificationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "quiz")


# Pledges: a version volunteers have accepted never changes -------------------


class PledgeIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().annotate(acceptance_count=Count("acceptances"))
        )

    def get_edit_url(self, instance):
        if instance.acceptance_count:
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.acceptance_count:
            return None
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(
                MenuItem(
                    _("New version"),
                    url=new_version_url(instance.kind),
                    icon_name="plus",
                    priority=15,
                )
            )
        return buttons


class PledgeCreateView(CreateView):
    """Prefilled with the next version of a kind: ``?kind=conduct``."""

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        if kind in Pledge.Kind.values:
            latest = Pledge.objects.filter(kind=kind).order_by("-version").first()
            initial.update(kind=kind, version=latest.version + 1 if latest else 1)
            if latest:
                initial["text"] = latest.text
        return initial


class PledgeInspectView(InspectView):
    def get_text_display_value(self):
        return RichText(self.object.text)


class AlreadyAccepted(Exception):
    pass


class RefuseAcceptedPledgeMixin:
    """For the edit and delete views of a pledge."""

    def get(self, request, *args, **kwargs):
        if self.is_accepted():
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.is_accepted():
            return self.refuse()
        try:
            return super().post(request, *args, **kwargs)
        except AlreadyAccepted:  # accepted while the form was open
            return self.refuse()

    def is_accepted(self) -> bool:
        return PledgeAcceptance.objects.filter(pledge_id=self.pledge_pk).exists()

    def refuse(self):
        pledge = get_object_or_404(Pledge, pk=self.pledge_pk)
        messages.error(
            self.request,
            _(
                "Volunteers have accepted “%(pledge)s”, so it cannot change: add a "
                "new version instead, which they will be asked to accept."
            )
            % {"pledge": pledge},
        )
        return redirect(new_version_url(pledge.kind))

    @property
    def pledge_pk(self):
        return self.kwargs["pk"]


class PledgeEditView(RefuseAcceptedPledgeMixin, EditView):
    def save_instance(self):
        # The row lock waits for a volunteer accepting this version right now (the
        # foreign key of the acceptance locks the pledge's row too).
        Pledge.objects.select_for_update().filter(pk=self.object.pk).first()
        if PledgeAcceptance.objects.filter(pledge_id=self.object.pk).exists():
            raise AlreadyAccepted
        return super().save_instance()


class PledgeDeleteView(RefuseAcceptedPledgeMixin, DeleteView):
    def delete_action(self):
        with transaction.atomic():
            Pledge.objects.select_for_update().filter(pk=self.object.pk).first()
            if PledgeAcceptance.objects.filter(pledge_id=self.object.pk).exists():
                raise AlreadyAccepted
            super().delete_action()


def new_version_url(kind: str) -> str:
    return reverse("volunteer_pledges:add") + "?" + urlencode({"kind": kind})

"""The union staff's screens that are more than a model form: a volunteer's file,
moving them through the pipeline, granting a qualification by hand, pledges that
cannot change once volunteers have accepted them, shifts with their roster, hours to
approve and letters of service to revoke."""

import datetime

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import TitleColumn
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

from . import hours, letters, shifts
from .models import (
    HoursEntry,
    Pledge,
    PledgeAcceptance,
    Qualification,
    QualificationGrant,
    ServiceLetter,
    Shift,
    SignUp,
    Volunteer,
)
from .pipeline import MOVES, PipelineError, move, pledges_to_accept
from .qualifications import activate_if_trained, grant_by_hand, missing_for_activation

Status = Volunteer.Status
REASON_LIMIT = 500
MOVE_ACTION = "volunteers.move"
GRANT_ACTION = "volunteers.grant_by_hand"
CANCEL_SHIFT_ACTION = "volunteers.cancel_shift"
APPROVE_HOURS_ACTION = "volunteers.approve_hours"
REJECT_HOURS_ACTION = "volunteers.reject_hours"
REVOKE_LETTER_ACTION = "volunteers.revoke_letter"

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
        # Every column and export field is read from these: a constant number of
        # queries whatever the number of volunteers (tests/volunteers/test_scale_*).
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


# Shifts ------------------------------------------------------------------------


class ShiftForm(WagtailAdminModelForm):
    """Checks what the database would refuse, to say it in words staff understand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lead" in self.fields:
            self.fields["lead"].queryset = lead_candidates()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A shift ends after it starts."))
        capacity = cleaned.get("capacity")
        if capacity is not None and capacity < 1:
            self.add_error("capacity", _("A shift needs at least one place."))
        elif capacity is not None and self.instance.pk:
            taken = (
                Shift.objects.filter(pk=self.instance.pk)
                .values_list("places_taken", flat=True)
                .first()
            ) or 0
            if capacity < taken:
                self.add_error("capacity", places_taken_message(taken))
        return cleaned


def places_taken_message(taken: int) -> str:
    return ngettext(
        "%(taken)s volunteer holds a place already: keep at least %(taken)s place, "
        "or cancel the shift.",
        "%(taken)s volunteers hold a place already: keep at least %(taken)s places, "
        "or cancel the shift.",
        taken,
    ) % {"taken": taken}


class PlacesTaken(Exception):
    """Volunteers signed up while the form was open: fewer places would over-fill."""

    def __init__(self, taken: int):
        super().__init__(taken)
        self.taken = taken


def shift_when(shift: Shift) -> str:
    starts = timezone.localtime(shift.starts_at)
    ends = timezone.localtime(shift.ends_at)
    same_day = starts.date() == ends.date()
    end_format = "TIME_FORMAT" if same_day else "SHORT_DATETIME_FORMAT"
    return (
        f"{date_format(starts, 'SHORT_DATETIME_FORMAT')}–"
        f"{date_format(ends, end_format)}"
    )


def shift_places(shift: Shift) -> str:
    return f"{shift.places_taken}/{shift.capacity}"


def shift_project(shift: Shift) -> str:
    return shift.project.title


class ShiftIndexView(ExportInRequestLanguageMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("project", "lead")
            .annotate(has_sign_ups=Exists(SignUp.objects.filter(shift=OuterRef("pk"))))
        )

    @property
    def header_buttons(self):
        from wagtail.admin.widgets import HeaderButton

        return [
            *super().header_buttons,
            HeaderButton(
                _("Short of people"),
                url=short_of_people_url(),
                icon_name="warning",
            ),
        ]

    def get_delete_url(self, instance):
        if instance.has_sign_ups:
            return None  # cancelled instead, so that volunteers are told
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Shift.Status.OPEN and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Cancel shift"),
                    url=reverse("volunteer_shifts:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def to_row_dict(self, item):
        return {field: shift_export_value(item, field) for field in self.list_export}


def shift_export_value(shift: Shift, field: str):
    if field == "project":
        return shift_project(shift)
    if field == "status":
        return shift.get_status_display()
    if field == "lead":
        return shift.lead.email if shift.lead else ""
    if field in ("starts_at", "ends_at"):
        return timezone.localtime(getattr(shift, field)).replace(tzinfo=None)
    return getattr(shift, field)


def short_of_people_url() -> str:
    return reverse("volunteer_shifts:index") + "?" + urlencode({"short": "true"})


class ShiftCreateView(CreateView):
    pass


class ShiftEditView(EditView):
    """Saves under the shift's row lock; volunteers holding a place hear of a new
    time or place."""

    def save_instance(self):
        shift = self.form.instance
        # The sign-up functions keep these under the same lock: never overwrite them
        # with the values read when the form opened.
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.capacity < locked.places_taken:
            raise PlacesTaken(locked.places_taken)
        shift.places_taken = locked.places_taken
        shift.status, shift.cancel_reason = locked.status, locked.cancel_reason
        self.before = {
            "starts_at": locked.starts_at,
            "ends_at": locked.ends_at,
            "place": locked.place,
        }
        return super().save_instance()

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except PlacesTaken as taken:
            form.add_error("capacity", places_taken_message(taken.taken))
            return self.form_invalid(form)
        except IntegrityError:  # a check constraint the form did not foresee
            form.add_error(None, _("The shift could not be saved: check its fields."))
            return self.form_invalid(form)
        told = shifts.shift_changed(self.object, self.before)
        if told:
            messages.success(
                self.request,
                ngettext(
                    "%(count)s volunteer was told of the change.",
                    "%(count)s volunteers were told of the change.",
                    told,
                )
                % {"count": told},
            )
        return response


class ShiftDeleteView(DeleteView):
    """Only a shift nobody signed up for goes: the others are cancelled."""

    def get(self, request, *args, **kwargs):
        if self.has_sign_ups():
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.has_sign_ups():
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def has_sign_ups(self) -> bool:
        return SignUp.objects.filter(shift_id=self.object.pk).exists()

    def refuse(self):
        messages.error(
            self.request,
            _(
                "Volunteers signed up for “%(shift)s”: cancel it instead, so that "
                "they are told why."
            )
            % {"shift": self.object},
        )
        return redirect("volunteer_shifts:inspect", self.object.pk)


class ShiftInspectView(InspectView):
    """The shift and its roster: who holds a place, who waits in order, who came."""

    template_name = "volunteers/admin/shift_inspect.html"

    def get_fields_context(self):
        return []  # the template lays the shift out with its roster

    def get_object(self, queryset=None):
        return get_object_or_404(
            Shift.objects.select_related("project", "lead"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shift = self.object
        sign_ups = list(
            SignUp.objects.filter(shift=shift)
            .select_related("volunteer__user", "attendance_confirmed_by")
            .order_by("signed_up_at", "pk")
        )
        waiting = [s for s in sign_ups if s.status == SignUp.Status.WAITLISTED]
        for position, sign_up in enumerate(waiting, start=1):
            sign_up.position = position
        change = self.user_has_permission("change")
        context.update(
            shift=shift,
            project=shift.project,
            qualifications=list(shift.required_qualifications.all()),
            confirmed=[s for s in sign_ups if s.status == SignUp.Status.CONFIRMED],
            waiting=waiting,
            cancelled=[s for s in sign_ups if s.status == SignUp.Status.CANCELLED],
            attendance_url=reverse("volunteers:attendance", args=[shift.pk]),
            cancel_url=(
                reverse("volunteer_shifts:cancel", args=[shift.pk])
                if change and shift.status == Shift.Status.OPEN
                else ""
            ),
            has_started=shift.starts_at <= timezone.now(),
        )
        return context


# Acting on one row: cancel a shift, decide on hours, revoke a letter -------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button is the decision."""


class RowActionView(WagtailAdminTemplateMixin, FormView):
    """A form about one ``model`` row, for staff who may change such rows."""

    template_name = "volunteers/admin/action.html"
    model = None
    permission = "change"
    index_url_name = ""
    index_label = ""
    header_icon = ""
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        from wagtail.permissions import policy_registry

        # Who may act is checked first: whether an id exists is for them only.
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission(request.user, self.permission):
            return permission_denied(request)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.all()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def back_url(self) -> str:
        return reverse(self.index_url_name)

    def summary(self) -> list[tuple[str, str]]:
        """What the form acts on, as (label, value) pairs."""
        return []

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "summary": self.summary(),
            "action_url": self.request.path,
            "submit_button_label": self.submit_label,
            "cancel_url": self.back_url,
        }

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def refuse(self, form, message):
        form.add_error(None, str(message))
        return self.form_invalid(form)


class CancelShiftView(RowActionView):
    model = Shift
    form_class = ReasonForm
    index_url_name = "volunteer_shifts:index"
    index_label = gettext_lazy("Shifts")
    header_icon = "cross"
    submit_label = gettext_lazy("Cancel the shift")

    def get_queryset(self):
        return Shift.objects.select_related("project")

    def get(self, request, *args, **kwargs):
        if self.object.status == Shift.Status.CANCELLED:
            messages.error(request, _("This shift has already been cancelled."))
            return redirect(self.back_url)
        return super().get(request, *args, **kwargs)

    @property
    def back_url(self) -> str:
        return reverse("volunteer_shifts:inspect", args=[self.object.pk])

    def get_page_title(self):
        return _("Cancel “%(shift)s”") % {"shift": self.object}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "help_text": _(
                "Sent to every volunteer holding a place or waiting, e.g. “The "
                "service centre is closed for repairs”."
            ),
        }

    def summary(self):
        shift = self.object
        return [
            (_("Project"), shift.project.title),
            (_("When"), shift_when(shift)),
            (_("Place"), shift.place),
            (_("Places taken"), shift_places(shift)),
        ]

    def form_valid(self, form):
        shift, reason = self.object, form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                told = shifts.cancel_shift(shift, by=self.request.user, reason=reason)
                log(
                    shift,
                    CANCEL_SHIFT_ACTION,
                    user=self.request.user,
                    data={"reason": shift.cancel_reason, "told": told},
                )
        except shifts.SignUpRefused as refused:
            return self.refuse(form, refused)
        messages.success(
            self.request,
            ngettext(
                "“%(shift)s” is cancelled; %(count)s volunteer was told why.",
                "“%(shift)s” is cancelled; %(count)s volunteers were told why.",
                told,
            )
            % {"shift": shift, "count": told},
        )
        return redirect(self.back_url)


class HoursActionView(RowActionView):
    model = HoursEntry
    index_url_name = "volunteer_hours:index"
    index_label = gettext_lazy("Hours")
    header_icon = "time"

    def get_queryset(self):
        return HoursEntry.objects.select_related("volunteer__user", "project", "shift")

    def summary(self):
        entry = self.object
        return [
            (_("Volunteer"), volunteer_name(entry)),
            (_("Project"), entry.project.title if entry.project else ""),
            (_("Date"), date_format(entry.worked_on)),
            (_("Hours"), str(entry.hours)),
            (_("What they did"), entry.description),
            (_("Status"), entry.get_status_display()),
        ]

    def decide(self, form, decision, action: str, message: str, **kwargs):
        entry = self.object
        try:
            with transaction.atomic():
                decision(entry, by=self.request.user, **kwargs)
                log(entry, action, user=self.request.user, data=kwargs)
        except hours.HoursRefused as refused:
            return self.refuse(form, refused)
        messages.success(
            self.request,
            message % {"name": volunteer_name(entry), "hours": entry.hours},
        )
        return redirect(self.back_url)


class ApproveHoursView(HoursActionView):
    form_class = ConfirmForm
    submit_label = gettext_lazy("Approve")

    def get_page_title(self):
        return _("Approve hours")

    def form_valid(self, form):
        return self.decide(
            form,
            hours.approve,
            APPROVE_HOURS_ACTION,
            _("%(hours)s hours of %(name)s approved."),
        )


class RejectHoursView(HoursActionView):
    form_class = ReasonForm
    submit_label = gettext_lazy("Reject")

    def get_page_title(self):
        return _("Reject hours")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "help_text": _(
                "The volunteer reads it, e.g. “This was a training day, not a shift”."
            ),
        }

    def form_valid(self, form):
        return self.decide(
            form,
            hours.reject,
            REJECT_HOURS_ACTION,
            _("%(hours)s hours of %(name)s rejected."),
            reason=form.cleaned_data["reason"],
        )


class RevokeLetterView(RowActionView):
    model = ServiceLetter
    form_class = ReasonForm
    index_url_name = "volunteer_letters:index"
    index_label = gettext_lazy("Letters of service")
    header_icon = "warning"
    submit_label = gettext_lazy("Revoke")

    def get(self, request, *args, **kwargs):
        if self.object.is_revoked:
            messages.error(request, _("This letter has already been revoked."))
            return redirect(self.back_url)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Revoke the letter of %(name)s") % {"name": self.object.holder_name}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "help_text": _(
                "Shown on the public verification page, e.g. “Issued by mistake: "
                "hours counted twice”."
            ),
        }

    def summary(self):
        letter = self.object
        return [
            (_("Name"), letter.holder_name),
            (_("Verification code"), letter.display_code),
            (_("Issued"), date_format(timezone.localtime(letter.issued_at))),
            (_("Hours"), str(letter.total_hours)),
        ]

    def form_valid(self, form):
        letter, reason = self.object, form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                letters.revoke(letter, by=self.request.user, reason=reason)
                log(
                    letter,
                    REVOKE_LETTER_ACTION,
                    user=self.request.user,
                    data={"reason": reason},
                )
        except letters.LetterRefused as refused:
            return self.refuse(form, refused)
        messages.success(
            self.request,
            _("The letter %(code)s is revoked: its verification page says why.")
            % {"code": letter.display_code},
        )
        return redirect(self.back_url)


# Hours and letters' lists ---------------------------------------------------------


def volunteer_name(entry) -> str:
    """The volunteer of hours, or a mark for hours of a deleted account."""
    return str(entry.volunteer) if entry.volunteer else _("(account deleted)")


class HoursIndexView(ExportInRequestLanguageMixin, IndexView):
    @cached_property
    def columns(self):
        # The title column names the volunteer, or says the account is gone.
        title = self._get_title_column_class(TitleColumn)(
            "volunteer",
            label=gettext_lazy("Volunteer"),
            accessor=volunteer_name,
            get_url=self.get_inspect_url,
        )
        return [title, *super().columns[1:]]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("volunteer__user", "project", "shift", "decided_by")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == HoursEntry.Status.PENDING and self.user_has_permission(
            "change"
        ):
            buttons += [
                MenuItem(
                    _("Approve"),
                    url=reverse("volunteer_hours:approve", args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                ),
                MenuItem(
                    _("Reject"),
                    url=reverse("volunteer_hours:reject", args=[instance.pk]),
                    icon_name="cross",
                    priority=6,
                ),
            ]
        return buttons

    def to_row_dict(self, item):
        return {field: hours_export_value(item, field) for field in self.list_export}


def hours_export_value(entry: HoursEntry, field: str):
    if field == "volunteer":
        return volunteer_name(entry)
    if field == "email":
        return entry.volunteer.user.email if entry.volunteer else ""
    if field == "project":
        return entry.project.title if entry.project else ""
    if field == "shift":
        return entry.shift.title if entry.shift else ""
    if field in ("source", "status"):
        return getattr(entry, f"get_{field}_display")()
    if field == "decided_by":
        return entry.decided_by.email if entry.decided_by else ""
    if field == "decided_at":
        return (
            timezone.localtime(entry.decided_at).replace(tzinfo=None)
            if entry.decided_at
            else ""
        )
    return getattr(entry, field)


class LetterIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("volunteer_letters:revoke", args=[instance.pk]),
                    icon_name="warning",
                    priority=40,
                )
            )
        return buttons


def active_since(days: int):
    """Approved hours worked, or a confirmed place on a shift held, in ``days`` days."""
    now = timezone.now()
    since = now - datetime.timedelta(days=days)
    return Q(
        Exists(
            HoursEntry.objects.approved().filter(
                volunteer=OuterRef("pk"), worked_on__gte=since.date()
            )
        )
    ) | Q(
        Exists(
            SignUp.objects.confirmed().filter(
                volunteer=OuterRef("pk"),
                shift__starts_at__gte=since,
                shift__starts_at__lte=now,
            )
        )
    )


def never_active():
    return ~Q(
        Exists(HoursEntry.objects.approved().filter(volunteer=OuterRef("pk")))
    ) & ~Q(
        Exists(
            SignUp.objects.confirmed().filter(
                volunteer=OuterRef("pk"), shift__starts_at__lte=timezone.now()
            )
        )
    )


# Choosing a shift's lead ---------------------------------------------------------


def lead_candidates():
    """Who may lead a shift: active volunteers and the union's staff."""
    from django.contrib.auth import get_user_model

    from . import conf

    return (
        get_user_model()
        .objects.filter(
            Q(volunteer__status=Volunteer.Status.ACTIVE)
            | Q(groups__name=conf.staff_group_name())
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class LeadSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Name or email")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_searching = False
        self.is_filtering_by_collection = False
        self.search_query = None

    def filter(self, users):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return users
        self.is_searching, self.search_query = True, query
        return users.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )


class LeadChooserMixin:
    """People's names and emails: for those who plan shifts only."""

    def dispatch(self, request, *args, **kwargs):
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(Shift)
        if not policy.user_has_any_permission(request.user, ["add", "change"]):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return lead_candidates()

    def get_object(self, pk):
        return lead_candidates().get(pk=pk)

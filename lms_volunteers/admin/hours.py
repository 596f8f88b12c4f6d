"""Hours volunteers gave: listed with what waits for a decision, approved or rejected
with a reason."""

import django_filters
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.log_actions import log

from lms_courses.exports import ExportInRequestLanguageMixin

from .. import hours
from ..models import HoursEntry
from .projects import source_projects
from .row_actions import ConfirmForm, ReadAndActViewSet, ReasonForm, RowActionView

APPROVE_HOURS_ACTION = "volunteers.approve_hours"
REJECT_HOURS_ACTION = "volunteers.reject_hours"


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
        return entry.shift.translated_title if entry.shift else ""
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


class HoursFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=HoursEntry.Status.choices,
        empty_label=gettext_lazy("Any"),
    )
    project = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Project"),
        queryset=source_projects,
        method="filter_project",
        empty_label=gettext_lazy("Any"),
    )
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Recorded"),
        choices=HoursEntry.Source.choices,
        empty_label=gettext_lazy("Any"),
    )
    year = django_filters.NumberFilter(
        label=gettext_lazy("Year"), field_name="worked_on", lookup_expr="year"
    )

    class Meta:
        model = HoursEntry
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Staff open the list to decide: what waits for them, unless they chose.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = HoursEntry.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_project(self, queryset, name, value):
        return queryset.filter(project_key=value.translation_key)


class HoursViewSet(ReadAndActViewSet):
    model = HoursEntry
    name = "volunteer_hours"
    url_namespace = "volunteer_hours"
    icon = "time"
    menu_label = gettext_lazy("Hours")
    index_view_class = HoursIndexView
    filterset_class = HoursFilterSet
    search_fields = [
        "volunteer__user__first_name",
        "volunteer__user__last_name",
        "volunteer__user__email",
        "description",
    ]
    list_per_page = 50
    list_display = [
        "volunteer",  # the title column: see HoursIndexView.columns
        Column(
            "project",
            label=gettext_lazy("Project"),
            accessor=lambda entry: entry.project.title if entry.project else "",
        ),
        Column(
            "worked_on",
            label=gettext_lazy("Date"),
            accessor=lambda entry: entry.worked_on,
            sort_key="worked_on",
        ),
        Column("hours", label=gettext_lazy("Hours"), sort_key="hours"),
        Column("description", label=gettext_lazy("What they did")),
        Column("source", label=gettext_lazy("Recorded"), accessor="get_source_display"),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
    ]
    inspect_view_fields = [
        "volunteer",
        "project",
        "shift",
        "worked_on",
        "hours",
        "description",
        "source",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    list_export = [
        "volunteer",
        "email",
        "project",
        "shift",
        "worked_on",
        "hours",
        "description",
        "source",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    export_headings = {
        "volunteer": gettext_lazy("Volunteer"),
        "email": gettext_lazy("Email"),
        "project": gettext_lazy("Project"),
        "shift": gettext_lazy("Shift"),
        "worked_on": gettext_lazy("Date"),
        "hours": gettext_lazy("Hours"),
        "description": gettext_lazy("What they did"),
        "source": gettext_lazy("Recorded"),
        "status": gettext_lazy("Status"),
        "decided_by": gettext_lazy("Decided by"),
        "decided_at": gettext_lazy("Decided"),
        "decision_note": gettext_lazy("Note"),
    }
    export_filename = "volunteer-hours"

    actions = [
        ("approve", ApproveHoursView),
        ("reject", RejectHoursView),
    ]

"""The volunteers' list and file. Nobody adds a volunteer here (people apply
themselves) or deletes one (that is the account deletion, which keeps the union's
numbers); staff act on one through volunteer_actions."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms_courses.exports import ExportInRequestLanguageMixin

from ..models import (
    DepartmentPage,
    HoursEntry,
    Qualification,
    QualificationGrant,
    SignUp,
    Volunteer,
)
from ..pipeline import pledges_to_accept
from ..qualifications import missing_for_activation
from .volunteer_actions import GrantView, MoveView, grant_permission_policy

Status = Volunteer.Status


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


class VolunteerPermissionPolicy(ModelPermissionPolicy):
    """People apply themselves, and leave through the account deletion."""

    refused = ("add", "delete")

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action not in self.refused]
        )


class VolunteerFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Volunteer.Status.choices,
        empty_label=gettext_lazy("Any"),
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department"),
        queryset=DepartmentPage.objects.order_by("title"),
        empty_label=gettext_lazy("Any"),
    )
    fast_tracked = django_filters.BooleanFilter(label=gettext_lazy("Fast-tracked"))
    language = django_filters.CharFilter(
        label=gettext_lazy("Language"),
        field_name="languages",
        lookup_expr="icontains",
        help_text=gettext_lazy("Part of a language's name, e.g. “Persian”."),
    )
    qualification = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Holds (valid)"),
        queryset=Qualification.objects.all(),
        method="filter_qualification",
        empty_label=gettext_lazy("Any"),
    )

    activity = django_filters.ChoiceFilter(
        label=gettext_lazy("Active"),
        choices=[
            ("30", gettext_lazy("In the last 30 days")),
            ("90", gettext_lazy("In the last 90 days")),
            ("365", gettext_lazy("In the last year")),
            ("never", gettext_lazy("Never")),
        ],
        method="filter_activity",
        empty_label=gettext_lazy("Any"),
        help_text=gettext_lazy(
            "Approved hours, or a place held on a shift that took place."
        ),
    )

    class Meta:
        model = Volunteer
        fields = []

    def filter_activity(self, queryset, name, value):
        if value == "never":
            return queryset.filter(never_active())
        return queryset.filter(active_since(int(value)))

    def filter_qualification(self, queryset, name, value):
        holders = (
            QualificationGrant.objects.valid()
            .filter(qualification=value)
            .values("volunteer")
        )
        return queryset.filter(pk__in=holders)


class VolunteerViewSet(ModelViewSet):
    model = Volunteer
    name = "volunteers"
    url_namespace = "volunteers_admin"  # "volunteers" is the public joining
    icon = "user"
    menu_label = gettext_lazy("Volunteers")
    index_view_class = VolunteerIndexView
    inspect_view_class = VolunteerInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = VolunteerFilterSet
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "languages",
        "skills",
    ]
    list_per_page = 50
    list_display = [
        "__str__",  # the title column, linking to the volunteer's file
        Column(
            "email",
            label=gettext_lazy("Email"),
            accessor="user.email",
            sort_key="user__email",
        ),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        Column(
            "department", label=gettext_lazy("Department"), accessor=department_title
        ),
        "languages",
        Column(
            "qualifications", label=gettext_lazy("Holds"), accessor=held_qualifications
        ),
        BooleanColumn(
            "fast_tracked", label=gettext_lazy("Fast-tracked"), sort_key="fast_tracked"
        ),
        DateColumn("applied_at", label=gettext_lazy("Applied"), sort_key="applied_at"),
        DateColumn(
            "status_changed_at",
            label=gettext_lazy("Status since"),
            sort_key="status_changed_at",
        ),
    ]
    list_export = [
        "name",
        "email",
        "status",
        "department",
        "languages",
        "skills",
        "availability",
        "fast_tracked",
        "applied_at",
        "status_changed_at",
        "qualifications",
    ]
    export_headings = {
        "name": gettext_lazy("Name"),
        "email": gettext_lazy("Email"),
        "status": gettext_lazy("Status"),
        "department": gettext_lazy("Department"),
        "languages": gettext_lazy("Languages spoken"),
        "skills": gettext_lazy("Skills"),
        "availability": gettext_lazy("Availability"),
        "fast_tracked": gettext_lazy("Fast-tracked"),
        "applied_at": gettext_lazy("Applied"),
        "status_changed_at": gettext_lazy("Status since"),
        "qualifications": gettext_lazy("Qualifications held"),
    }
    export_filename = "volunteers"

    def get_common_view_kwargs(self, **kwargs):
        # A volunteer has no edit form: links to "edit" (history, the admin's URL
        # finder) open the volunteer's file instead.
        return super().get_common_view_kwargs(
            edit_url_name=self.get_url_name("inspect"), **kwargs
        )

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/move/",
                MoveView.as_view(),
                name="move",
            ),
            path(
                "<int:pk>/grant/",
                GrantView.as_view(),
                name="grant",
            ),
            path("<int:pk>/history/", self.history_view, name="history"),
            path(
                "<int:pk>/history-results/",
                self.history_results_view,
                name="history_results",
            ),
        ]

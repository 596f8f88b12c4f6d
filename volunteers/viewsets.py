"""The union's staff in the Wagtail admin: volunteers, qualifications and pledges.

Staff move volunteers through the pipeline and grant qualifications by hand, each
time with a reason; Coordinators of the School read the volunteers' list and files.
Nobody adds a volunteer here (people apply themselves) or deletes one (that is the
account deletion, which keeps the union's numbers).
"""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import admin_views
from .models import (
    DepartmentPage,
    Pledge,
    Qualification,
    QualificationGrant,
    Volunteer,
)

MENU_HOOK = "register_migration_volunteers_menu_item"


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
        label=_("Status"), choices=Volunteer.Status.choices, empty_label=_("Any")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=DepartmentPage.objects.order_by("title"),
        empty_label=_("Any"),
    )
    fast_tracked = django_filters.BooleanFilter(label=_("Fast-tracked"))
    language = django_filters.CharFilter(
        label=_("Language"),
        field_name="languages",
        lookup_expr="icontains",
        help_text=_("Part of a language's name, e.g. “Persian”."),
    )
    qualification = django_filters.ModelChoiceFilter(
        label=_("Holds (valid)"),
        queryset=Qualification.objects.all(),
        method="filter_qualification",
        empty_label=_("Any"),
    )

    class Meta:
        model = Volunteer
        fields = []

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
    menu_label = _("Volunteers")
    index_view_class = admin_views.VolunteerIndexView
    inspect_view_class = admin_views.VolunteerInspectView
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
            "email", label=_("Email"), accessor="user.email", sort_key="user__email"
        ),
        Column(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        Column(
            "department", label=_("Department"), accessor=admin_views.department_title
        ),
        "languages",
        Column(
            "qualifications", label=_("Holds"), accessor=admin_views.held_qualifications
        ),
        BooleanColumn("fast_tracked", label=_("Fast-tracked"), sort_key="fast_tracked"),
        DateColumn("applied_at", label=_("Applied"), sort_key="applied_at"),
        DateColumn(
            "status_changed_at", label=_("Status since"), sort_key="status_changed_at"
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
        "name": _("Name"),
        "email": _("Email"),
        "status": _("Status"),
        "department": _("Department"),
        "languages": _("Languages spoken"),
        "skills": _("Skills"),
        "availability": _("Availability"),
        "fast_tracked": _("Fast-tracked"),
        "applied_at": _("Applied"),
        "status_changed_at": _("Status since"),
        "qualifications": _("Qualifications held"),
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
                admin_views.MoveView.as_view(),
                name="move",
            ),
            path(
                "<int:pk>/grant/",
                admin_views.GrantView.as_view(),
                name="grant",
            ),
            path("<int:pk>/history/", self.history_view, name="history"),
            path(
                "<int:pk>/history-results/",
                self.history_results_view,
                name="history_results",
            ),
        ]


def granted_by(qualification: Qualification) -> str:
    """What grants it: the course, the quiz, or staff only."""
    names = [page.title for page in (qualification.course, qualification.quiz) if page]
    return " / ".join(names) or str(_("Staff only, by hand"))


def validity(qualification: Qualification) -> str:
    if qualification.valid_for_days is None:
        return str(_("Never expires"))
    days = qualification.valid_for_days
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


class QualificationViewSet(ModelViewSet):
    model = Qualification
    name = "volunteer_qualifications"
    url_namespace = "volunteer_qualifications"
    index_view_class = admin_views.QualificationIndexView
    icon = "tick"
    menu_label = _("Qualifications")
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["name_az", "name_en", "name_ru"]
    list_display = [
        "__str__",
        Column("granted_by", label=_("Granted through"), accessor=granted_by),
        Column("validity", label=_("Valid for"), accessor=validity),
        BooleanColumn(
            "required_to_become_active",
            label=_("Required to become active"),
            sort_key="required_to_become_active",
        ),
    ]
    inspect_view_fields = [
        "name_az",
        "name_en",
        "name_ru",
        "course",
        "quiz",
        "valid_for_days",
        "required_to_become_active",
    ]


class PledgeViewSet(ModelViewSet):
    model = Pledge
    name = "volunteer_pledges"
    url_namespace = "volunteer_pledges"
    icon = "doc-full"
    menu_label = _("Pledges")
    index_view_class = admin_views.PledgeIndexView
    add_view_class = admin_views.PledgeCreateView
    edit_view_class = admin_views.PledgeEditView
    delete_view_class = admin_views.PledgeDeleteView
    inspect_view_class = admin_views.PledgeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind"]
    ordering = ["kind", "-version"]
    list_display = [
        "__str__",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("version", label=_("Version"), sort_key="version"),
        DateColumn("published_at", label=_("In force from"), sort_key="published_at"),
        Column("acceptance_count", label=_("Accepted by"), sort_key="acceptance_count"),
    ]
    inspect_view_fields = ["kind", "version", "published_at", "text"]


class MigrationVolunteersGroup(ViewSetGroup):
    """One menu for the union's screens; later screens join through MENU_HOOK."""

    menu_label = _("Migration Volunteers")
    menu_icon = "group"
    menu_order = 230
    submenu_hook = MENU_HOOK
    items = (VolunteerViewSet, QualificationViewSet, PledgeViewSet)

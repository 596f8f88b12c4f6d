"""The union's staff in the Wagtail admin: volunteers, qualifications, pledges,
shifts, hours and letters of service.

Staff move volunteers through the pipeline and grant qualifications by hand, each
time with a reason; they plan shifts, approve hours and revoke letters. Coordinators
of the School read all of it. Nobody adds a volunteer here (people apply themselves)
or deletes one (that is the account deletion, which keeps the union's numbers).
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from . import admin_views
from .models import (
    DepartmentPage,
    HoursEntry,
    Pledge,
    ProjectPage,
    Qualification,
    QualificationGrant,
    ServiceLetter,
    Shift,
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

    activity = django_filters.ChoiceFilter(
        label=_("Active"),
        choices=[
            ("30", _("In the last 30 days")),
            ("90", _("In the last 90 days")),
            ("365", _("In the last year")),
            ("never", _("Never")),
        ],
        method="filter_activity",
        empty_label=_("Any"),
        help_text=_("Approved hours, or a place held on a shift that took place."),
    )

    class Meta:
        model = Volunteer
        fields = []

    def filter_activity(self, queryset, name, value):
        if value == "never":
            return queryset.filter(admin_views.never_active())
        return queryset.filter(admin_views.active_since(int(value)))

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


# Shifts ------------------------------------------------------------------------


def source_projects(request=None):
    """Projects in the site's default language: one entry per project."""
    return ProjectPage.objects.filter(locale=Locale.get_default()).order_by("title")


def source_departments(request=None):
    return DepartmentPage.objects.filter(locale=Locale.get_default()).order_by("title")


def projects_of(department):
    """The translation keys of a department's projects."""
    return ProjectPage.objects.descendant_of(department).values("translation_key")


class ShiftFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=source_departments,
        method="filter_department",
        empty_label=_("Any"),
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=source_projects,
        method="filter_project",
        empty_label=_("Any"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Shift.Status.choices, empty_label=_("Any")
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Started or past"))],
        method="filter_when",
        empty_label=_("Any time"),
    )
    short = django_filters.BooleanFilter(
        label=_("Short of people"),
        method="filter_short",
        help_text=_("Open, upcoming, with places left."),
    )

    class Meta:
        model = Shift
        fields = []

    def filter_department(self, queryset, name, value):
        return queryset.filter(project_key__in=projects_of(value))

    def filter_project(self, queryset, name, value):
        return queryset.of_project(value)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gt=now)
        return queryset.filter(starts_at__lte=now)

    def filter_short(self, queryset, name, value):
        short = queryset.open().short_of_people()
        if value:
            return short
        return queryset.exclude(pk__in=short.values("pk"))


class ShiftViewSet(ModelViewSet):
    model = Shift
    name = "volunteer_shifts"
    url_namespace = "volunteer_shifts"
    icon = "date"
    menu_label = _("Shifts")
    index_view_class = admin_views.ShiftIndexView
    add_view_class = admin_views.ShiftCreateView
    edit_view_class = admin_views.ShiftEditView
    delete_view_class = admin_views.ShiftDeleteView
    inspect_view_class = admin_views.ShiftInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ShiftFilterSet
    search_fields = ["title", "place"]
    list_per_page = 50
    list_display = [
        "__str__",
        Column("project", label=_("Project"), accessor=admin_views.shift_project),
        Column(
            "starts_at",
            label=_("When"),
            accessor=admin_views.shift_when,
            sort_key="starts_at",
        ),
        Column("places", label=_("Places taken"), accessor=admin_views.shift_places),
        Column(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
    ]
    list_export = [
        "title",
        "project",
        "place",
        "starts_at",
        "ends_at",
        "capacity",
        "places_taken",
        "required_languages",
        "lead",
        "status",
        "cancel_reason",
    ]
    export_headings = {
        "title": _("Task"),
        "project": _("Project"),
        "place": _("Place"),
        "starts_at": _("Starts"),
        "ends_at": _("Ends"),
        "capacity": _("Places"),
        "places_taken": _("Places taken"),
        "required_languages": _("Required languages"),
        "lead": _("Shift lead"),
        "status": _("Status"),
        "cancel_reason": _("Why cancelled"),
    }
    export_filename = "shifts"

    def get_edit_handler(self):
        return ObjectList(
            [
                FieldPanel("project"),
                FieldPanel("title"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("cancel_deadline_hours")]
                ),
                MultiFieldPanel(
                    [
                        FieldPanel(
                            "required_qualifications",
                            widget=forms.CheckboxSelectMultiple,
                        ),
                        FieldPanel("required_languages"),
                    ],
                    heading=_("Who may sign up"),
                ),
                FieldPanel("lead", widget=lead_chooser_viewset.widget_class),
            ],
            base_form_class=admin_views.ShiftForm,
        ).bind_to_model(Shift)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "cancel/<int:pk>/",
                admin_views.CancelShiftView.as_view(),
                name="cancel",
            ),
        ]


class LeadChooseView(admin_views.LeadChooserMixin, chooser_views.ChooseView):
    filter_form_class = admin_views.LeadSearchForm


class LeadChooseResultsView(
    admin_views.LeadChooserMixin, chooser_views.ChooseResultsView
):
    filter_form_class = admin_views.LeadSearchForm


class LeadChosenView(admin_views.LeadChooserMixin, chooser_views.ChosenView):
    pass


class LeadChosenMultipleView(
    admin_views.LeadChooserMixin, chooser_views.ChosenMultipleView
):
    pass


class LeadCreateView(admin_views.LeadChooserMixin, chooser_views.CreateView):
    """Never offered (people are not created here); refused like the rest."""


class LeadChooserViewSet(ChooserViewSet):
    """Choosing a shift's lead among active volunteers and staff."""

    model = get_user_model()
    icon = "user"
    choose_one_text = _("Choose a lead")
    choose_another_text = _("Choose another lead")
    edit_item_text = _("Edit")
    choose_view_class = LeadChooseView
    choose_results_view_class = LeadChooseResultsView
    chosen_view_class = LeadChosenView
    chosen_multiple_view_class = LeadChosenMultipleView
    create_view_class = LeadCreateView
    # Only the shift form uses it: other forms keep their own user fields.
    register_widget = False


lead_chooser_viewset = LeadChooserViewSet("shift_lead_chooser")


# Hours and letters ----------------------------------------------------------------


class HoursFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=HoursEntry.Status.choices, empty_label=_("Any")
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=source_projects,
        method="filter_project",
        empty_label=_("Any"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Recorded"), choices=HoursEntry.Source.choices, empty_label=_("Any")
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="worked_on", lookup_expr="year"
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


class ReadAndActViewSet(ModelViewSet):
    """Listed, inspected and acted on, never added, edited or deleted here.

    ``actions`` are (name, view class) pairs, each at ``<pk>/<name>/``.
    """

    actions: list = []
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Read and acted on, never edited, added or deleted here.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
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
            *(
                path(f"<int:pk>/{name}/", view.as_view(), name=name)
                for name, view in self.actions
            ),
        ]


class HoursViewSet(ReadAndActViewSet):
    model = HoursEntry
    name = "volunteer_hours"
    url_namespace = "volunteer_hours"
    icon = "time"
    menu_label = _("Hours")
    index_view_class = admin_views.HoursIndexView
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
            label=_("Project"),
            accessor=lambda entry: entry.project.title if entry.project else "",
        ),
        Column(
            "worked_on",
            label=_("Date"),
            accessor=lambda entry: entry.worked_on,
            sort_key="worked_on",
        ),
        Column("hours", label=_("Hours"), sort_key="hours"),
        Column("description", label=_("What they did")),
        Column("source", label=_("Recorded"), accessor="get_source_display"),
        Column(
            "status",
            label=_("Status"),
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
        "volunteer": _("Volunteer"),
        "email": _("Email"),
        "project": _("Project"),
        "shift": _("Shift"),
        "worked_on": _("Date"),
        "hours": _("Hours"),
        "description": _("What they did"),
        "source": _("Recorded"),
        "status": _("Status"),
        "decided_by": _("Decided by"),
        "decided_at": _("Decided"),
        "decision_note": _("Note"),
    }
    export_filename = "volunteer-hours"

    actions = [
        ("approve", admin_views.ApproveHoursView),
        ("reject", admin_views.RejectHoursView),
    ]


class LetterFilterSet(WagtailFilterSet):
    revoked = django_filters.BooleanFilter(
        label=_("Revoked"), field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = ServiceLetter
        fields = []


class LetterViewSet(ReadAndActViewSet):
    model = ServiceLetter
    name = "volunteer_letters"
    url_namespace = "volunteer_letters"
    icon = "doc-full-inverse"
    menu_label = _("Letters of service")
    index_view_class = admin_views.LetterIndexView
    filterset_class = LetterFilterSet
    search_fields = ["holder_name", "code"]
    list_per_page = 50
    list_display = [
        "holder_name",
        Column("code", label=_("Verification code"), accessor="display_code"),
        DateColumn("issued_at", label=_("Issued"), sort_key="issued_at"),
        Column("total_hours", label=_("Hours"), sort_key="total_hours"),
        BooleanColumn("revoked", label=_("Revoked"), accessor="is_revoked"),
    ]
    inspect_view_fields = [
        "holder_name",
        "code",
        "issued_at",
        "total_hours",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]

    actions = [("revoke", admin_views.RevokeLetterView)]


class MigrationVolunteersGroup(ViewSetGroup):
    """One menu for the union's screens; later screens join through MENU_HOOK."""

    menu_label = _("Migration Volunteers")
    menu_icon = "group"
    menu_order = 230
    submenu_hook = MENU_HOOK
    items = (
        VolunteerViewSet,
        ShiftViewSet,
        HoursViewSet,
        LetterViewSet,
        QualificationViewSet,
        PledgeViewSet,
    )

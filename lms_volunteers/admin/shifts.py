"""Shifts: planned, edited under the row lock, cancelled with a reason volunteers are
told, listed with their roster and those short of people."""

import django_filters
from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from lms_courses.exports import ExportInRequestLanguageMixin

from .. import shifts
from ..models import Shift, SignUp
from .projects import projects_of, source_departments, source_projects
from .row_actions import ReasonForm, RowActionView
from .shift_leads import lead_candidates, lead_chooser_viewset

CANCEL_SHIFT_ACTION = "volunteers.cancel_shift"


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


class ShiftFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department"),
        queryset=source_departments,
        method="filter_department",
        empty_label=gettext_lazy("Any"),
    )
    project = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Project"),
        queryset=source_projects,
        method="filter_project",
        empty_label=gettext_lazy("Any"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Shift.Status.choices,
        empty_label=gettext_lazy("Any"),
    )
    when = django_filters.ChoiceFilter(
        label=gettext_lazy("When"),
        choices=[
            ("upcoming", gettext_lazy("Upcoming")),
            ("past", gettext_lazy("Started or past")),
        ],
        method="filter_when",
        empty_label=gettext_lazy("Any time"),
    )
    short = django_filters.BooleanFilter(
        label=gettext_lazy("Short of people"),
        method="filter_short",
        help_text=gettext_lazy("Open, upcoming, with places left."),
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
    menu_label = gettext_lazy("Shifts")
    index_view_class = ShiftIndexView
    add_view_class = ShiftCreateView
    edit_view_class = ShiftEditView
    delete_view_class = ShiftDeleteView
    inspect_view_class = ShiftInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ShiftFilterSet
    search_fields = ["title", "title_en", "title_ru", "place"]
    list_per_page = 50
    list_display = [
        "__str__",
        Column("project", label=gettext_lazy("Project"), accessor=shift_project),
        Column(
            "starts_at",
            label=gettext_lazy("When"),
            accessor=shift_when,
            sort_key="starts_at",
        ),
        Column("places", label=gettext_lazy("Places taken"), accessor=shift_places),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
    ]
    list_export = [
        "title",
        "title_en",
        "title_ru",
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
        "title": gettext_lazy("Task"),
        "title_en": gettext_lazy("Task (English)"),
        "title_ru": gettext_lazy("Task (Russian)"),
        "project": gettext_lazy("Project"),
        "place": gettext_lazy("Place"),
        "starts_at": gettext_lazy("Starts"),
        "ends_at": gettext_lazy("Ends"),
        "capacity": gettext_lazy("Places"),
        "places_taken": gettext_lazy("Places taken"),
        "required_languages": gettext_lazy("Required languages"),
        "lead": gettext_lazy("Shift lead"),
        "status": gettext_lazy("Status"),
        "cancel_reason": gettext_lazy("Why cancelled"),
    }
    export_filename = "shifts"

    def get_edit_handler(self):
        return ObjectList(
            [
                FieldPanel("project"),
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [
                                FieldPanel("title"),
                                FieldPanel("title_en"),
                                FieldPanel("title_ru"),
                            ]
                        )
                    ],
                    heading=gettext_lazy("Task"),
                ),
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
                    heading=gettext_lazy("Who may sign up"),
                ),
                FieldPanel("lead", widget=lead_chooser_viewset.widget_class),
            ],
            base_form_class=ShiftForm,
        ).bind_to_model(Shift)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "cancel/<int:pk>/",
                CancelShiftView.as_view(),
                name="cancel",
            ),
        ]

"""Live sessions and attendance in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from lms_courses.exports import ExportInRequestLanguageMixin

from . import classroom
from .models import Attendance, LiveSession


class LiveSessionInspectView(InspectView):
    """The session after the fact: its transcript and who attended."""

    template_name = "live/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transcript"] = classroom.replay(self.object.pk, 0)
        context["attendance"] = self.object.attendance.select_related("user").order_by(
            "user__last_name", "user__first_name"
        )
        return context


class LiveSessionViewSet(ModelViewSet):
    model = LiveSession
    icon = "date"
    menu_label = _("Live sessions")
    menu_order = 207
    add_to_admin_menu = True
    list_display = ["__str__", "starts_at", "mode", "cohort", "course"]
    list_filter = ["mode", "cohort"]
    search_fields = ["title", "title_en", "title_ru"]
    inspect_view_enabled = True
    inspect_view_class = LiveSessionInspectView
    copy_view_enabled = False


class AttendanceIndexView(ExportInRequestLanguageMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "session")


class AttendanceViewSet(ModelViewSet):
    model = Attendance
    index_view_class = AttendanceIndexView
    icon = "group"
    menu_label = _("Attendance")
    menu_order = 208
    add_to_admin_menu = True
    form_fields = ["present_override", "checked_in_at", "note"]
    list_display = [
        "user",
        "session",
        Column("minutes_online", label=_("Minutes online")),
        "checked_in_at",
        Column("present", label=_("Present")),
    ]
    list_filter = ["session"]
    search_fields = ["user__email", "user__last_name"]
    list_export = [
        "user",
        "session",
        "first_joined_at",
        "minutes_online",
        "checked_in_at",
        "present",
        "note",
    ]
    export_headings = {"minutes_online": _("Minutes online"), "present": _("Present")}
    export_filename = "attendance"

"""Learner progress in the Wagtail admin, with Wagtail's CSV and XLSX export."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import CoursePage, Enrolment
from .outline import course_outlines
from .progress import completed_keys_by_enrolment


def course_choices():
    """Every course once (its first translation), by title."""
    originals = {}
    for key, title in CoursePage.objects.order_by("pk").values_list(
        "translation_key", "title"
    ):
        originals.setdefault(key, title)
    return sorted(((str(k), t) for k, t in originals.items()), key=lambda c: c[1])


class LearnerProgressFilterSet(WagtailFilterSet):
    course_key = django_filters.ChoiceFilter(label=_("Course"), choices=course_choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Enrolment.Status.choices
    )

    class Meta:
        model = Enrolment
        fields = ["course_key", "status"]


class LearnerProgressReportView(ReportView):
    page_title = _("Learner progress")
    header_icon = "group"
    index_url_name = "learner_progress_report"
    index_results_url_name = "learner_progress_report_results"
    filterset_class = LearnerProgressFilterSet
    permission_policy = None
    columns = [
        Column("learner_name", label=_("Learner")),
        Column("learner_email", label=_("Email")),
        Column("course_title", label=_("Course")),
        Column("progress_label", label=_("Progress")),
        DateColumn("last_activity_at", label=_("Last activity")),
        DateColumn("enrolled_at", label=_("Enrolled")),
        Column("get_source_display", label=_("How")),
        Column("get_status_display", label=_("Status")),
    ]
    list_export = [
        "learner_name",
        "learner_email",
        "course_title",
        "progress_percent",
        "lessons_done",
        "lessons_total",
        "last_activity_at",
        "enrolled_at",
        "source_label",
        "status_label",
    ]
    export_headings = {
        "learner_name": _("Learner"),
        "learner_email": _("Email"),
        "course_title": _("Course"),
        "progress_percent": _("Progress (%)"),
        "lessons_done": _("Lessons done"),
        "lessons_total": _("Lessons in the course"),
        "last_activity_at": _("Last activity"),
        "enrolled_at": _("Enrolled"),
        "source_label": _("How"),
        "status_label": _("Status"),
    }
    export_filename = "learner-progress"

    def user_can_access(self, user) -> bool:
        return user.has_perm("lms_courses.view_learner_progress")

    def dispatch(self, request, *args, **kwargs):
        if not self.user_can_access(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The file is streamed after the view returns: fix the headings' language now,
        # in the admin user's language, rather than the site's.
        self.export_headings = {k: str(v) for k, v in self.export_headings.items()}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_queryset(self):
        return (
            Enrolment.objects.with_course_title()
            .select_related("user")
            .order_by("course_title", "user__last_name", "user__first_name", "pk")
        )

    def decorate_paginated_queryset(self, enrolments):
        enrolments = list(enrolments)
        outlines = course_outlines({e.course_key for e in enrolments})
        done = completed_keys_by_enrolment(enrolments)
        for enrolment in enrolments:
            outline = outlines.get(enrolment.course_key)
            keys = outline.lesson_keys if outline else set()
            enrolment.lessons_total = len(keys)
            enrolment.lessons_done = len(done[enrolment.pk] & keys)
            enrolment.progress_percent = (
                round(100 * enrolment.lessons_done / len(keys)) if keys else 0
            )
            enrolment.progress_label = (
                f"{enrolment.progress_percent}% "
                f"({enrolment.lessons_done}/{enrolment.lessons_total})"
            )
            enrolment.source_label = str(enrolment.get_source_display())
            enrolment.status_label = str(enrolment.get_status_display())
            enrolment.learner_name = enrolment.user.get_full_name()
            enrolment.learner_email = enrolment.user.email
        return enrolments

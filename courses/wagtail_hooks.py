from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import HOOK_NAME, MyCoursesPanel
from .reports import LearnerProgressReportView
from .viewsets import EnrolmentViewSet


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("enrolments")


@hooks.register("register_admin_urls")
def register_learner_progress_report_urls():
    return [
        path(
            "reports/learner-progress/",
            LearnerProgressReportView.as_view(),
            name="learner_progress_report",
        ),
        path(
            "reports/learner-progress/results/",
            LearnerProgressReportView.as_view(results_only=True),
            name="learner_progress_report_results",
        ),
    ]


class LearnerProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_learner_progress")


@hooks.register("register_reports_menu_item")
def register_learner_progress_menu_item():
    return LearnerProgressMenuItem(
        _("Learner progress"),
        reverse("learner_progress_report"),
        name="learner-progress",
        icon_name="group",
        order=50,
    )


@hooks.register(HOOK_NAME)
def my_courses_panel(request):
    return MyCoursesPanel(request)

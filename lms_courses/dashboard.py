"""The student dashboard is made of panels that LMS apps contribute through a hook.

An app registers a function with ``@hooks.register("lms_dashboard_panels")`` that takes
the request and returns a ``DashboardPanel`` (or None to show nothing). courses never
imports the apps that add panels (live sessions, certificates).
"""

from django.template.loader import render_to_string
from wagtail import hooks

from .progress import dashboard_outlines

HOOK_NAME = "lms_dashboard_panels"
# The same for a course page: functions taking (request, course) and returning a panel.
COURSE_HOOK_NAME = "lms_course_page_panels"


class DashboardPanel:
    """A section of the dashboard: a template, its context, and where it goes."""

    order = 100
    template_name: str

    def __init__(self, request):
        self.request = request

    def get_context_data(self) -> dict:
        return {}

    def render_html(self) -> str:
        context = {"request": self.request, **self.get_context_data()}
        return render_to_string(self.template_name, context, request=self.request)


class MyCoursesPanel(DashboardPanel):
    order = 10
    template_name = "courses/dashboard/my_courses.html"

    def get_context_data(self) -> dict:
        return {"entries": dashboard_outlines(self.request.user)}


def dashboard_panels(request) -> list[DashboardPanel]:
    panels = [panel_for(request) for panel_for in hooks.get_hooks(HOOK_NAME)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


def course_page_panels(request, course) -> list[DashboardPanel]:
    panels = [
        panel_for(request, course) for panel_for in hooks.get_hooks(COURSE_HOOK_NAME)
    ]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)

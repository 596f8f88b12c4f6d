"""The student dashboard is made of panels that LMS apps contribute through a hook.

An app registers a function with ``@hooks.register("lms_dashboard_panels")`` that takes
the request and returns a ``DashboardPanel`` (or None to show nothing). courses never
imports the apps that add panels (live sessions, certificates).
"""

from django.template.loader import render_to_string
from wagtail import hooks

from .navigation import roles_of
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


# Roles whose home is about learning: a person with none of the others who is enrolled
# nowhere is told so (with the catalogue); desk staff, trainers or the DPO are not.
LEARNING_ROLES = frozenset(
    {"student", "graduate", "certificate_holder", "volunteer", "volunteered"}
)


class MyCoursesPanel(DashboardPanel):
    order = 10
    template_name = "courses/dashboard/my_courses.html"

    @classmethod
    def for_request(cls, request):
        panel = cls(request)
        panel.entries = dashboard_outlines(request.user)
        if not panel.entries and roles_of(request) - LEARNING_ROLES:
            return None
        return panel

    def get_context_data(self) -> dict:
        return {"entries": self.entries}


def dashboard_panels(request) -> list[DashboardPanel]:
    panels = [panel_for(request) for panel_for in hooks.get_hooks(HOOK_NAME)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


def course_page_panels(request, course) -> list[DashboardPanel]:
    panels = [
        panel_for(request, course) for panel_for in hooks.get_hooks(COURSE_HOOK_NAME)
    ]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)

"""The applicant's applications on the student dashboard."""

from lms_courses.dashboard import DashboardPanel

from .models import Application


class MyApplicationsPanel(DashboardPanel):
    order = 5
    template_name = "cohorts/dashboard/applications.html"

    def get_context_data(self) -> dict:
        return {"applications": self.applications}

    @classmethod
    def for_request(cls, request):
        applications = list(
            Application.objects.for_user(request.user)
            .select_related("cohort", "interview")
            .order_by("-created_at")
        )
        if not applications:
            return None
        panel = cls(request)
        panel.applications = applications
        return panel

"""Upcoming live sessions, learnt in or taught, on the dashboard and the course page."""

from lms_courses.dashboard import DashboardPanel

from .models import LiveSession


class UpcomingSessionsPanel(DashboardPanel):
    order = 20
    template_name = "live/dashboard/upcoming.html"

    @classmethod
    def for_request(cls, request, course=None):
        sessions = LiveSession.objects.for_person(request.user).upcoming()
        if course is not None:
            sessions = sessions.filter(course_key=course.translation_key)
        sessions = list(sessions.order_by("starts_at")[:5])
        if not sessions:
            return None
        panel = cls(request)
        panel.sessions = sessions
        return panel

    def get_context_data(self) -> dict:
        return {"sessions": self.sessions}

from wagtail import hooks

from lms_courses.dashboard import COURSE_HOOK_NAME, HOOK_NAME

from .dashboard import UpcomingSessionsPanel
from .viewsets import AttendanceViewSet, LiveSessionViewSet


@hooks.register("register_admin_viewset")
def register_live_session_viewset():
    return LiveSessionViewSet("live_sessions")


@hooks.register("register_admin_viewset")
def register_attendance_viewset():
    return AttendanceViewSet("attendance")


@hooks.register(HOOK_NAME)
def upcoming_sessions_panel(request):
    return UpcomingSessionsPanel.for_request(request)


@hooks.register(COURSE_HOOK_NAME)
def course_sessions_panel(request, course):
    return UpcomingSessionsPanel.for_request(request, course)

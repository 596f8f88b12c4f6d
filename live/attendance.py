"""Attendance as certificate rules read it: the share of a cohort's classes attended.

Online minutes and check-ins in the room both count (``Attendance.present``); only
sessions that have started count, so a future class never lowers anyone's share.
"""

from django.utils import timezone

from .models import Attendance, LiveSession


def attendance_percent(user, cohort, *, now=None) -> int | None:
    """Percent of the cohort's past sessions ``user`` attended; None if none yet."""
    now = now or timezone.now()
    sessions = list(
        LiveSession.objects.filter(cohort=cohort, starts_at__lte=now).only(
            "pk", "starts_at", "ends_at"
        )
    )
    if not sessions:
        return None
    rows = Attendance.objects.filter(user=user, session__in=sessions).select_related(
        "session"
    )
    attended = sum(1 for row in rows if row.present)
    return round(100 * attended / len(sessions))

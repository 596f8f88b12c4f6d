"""Attendance as certificate rules read it: the share of the classes held attended.

Online minutes and check-ins in the room both count (``Attendance.present``); only
sessions that have started count, so a future class never lowers anyone's share.
"""

from django.utils import timezone

from lms_toolkit.page_cache import read_once, remembered

from .models import Attendance, LiveSession


def attendance_percent(user, cohort, *, now=None) -> int | None:
    """Percent of the cohort's past sessions ``user`` attended; None if none yet."""
    sessions = sessions_held(cohort=cohort, now=now)
    if not sessions:
        return None
    attended = sessions_attended([user.pk], sessions).get(user.pk, 0)
    return round(100 * attended / len(sessions))


# What ``Attendance.present`` reads.
PRESENCE_FIELDS = (
    "user_id",
    "session_id",
    "online_seconds",
    "connections",
    "connected_since",
    "last_seen_at",
    "checked_in_at",
    "present_override",
)


def sessions_held(*, cohort=None, course_key=None, now=None) -> list[LiveSession]:
    """The sessions of a cohort (or of a course) that have started by ``now``. The
    cohort's sessions are kept with the pages (a session saved or deleted starts a
    new generation); the clock picks those held."""
    now = now or timezone.now()
    owner = f"cohort-{cohort.pk}" if cohort is not None else f"course-{course_key}"
    every = remembered(f"live-sessions:{owner}", lambda: _sessions(cohort, course_key))
    return [session for session in every if session.starts_at <= now]


def _sessions(cohort, course_key) -> list[LiveSession]:
    sessions = LiveSession.objects.order_by("starts_at", "pk")
    if cohort is not None:
        sessions = sessions.filter(cohort=cohort)
    else:
        sessions = sessions.filter(course_key=course_key)
    return list(sessions.only("pk", "starts_at", "ends_at"))


def attended_by(user_id: int, sessions: list[LiveSession]) -> int:
    """How many of ``sessions`` one learner attended, from their attendance read once
    per request (the dashboard's rules share it)."""
    by_pk = {session.pk: session for session in sessions}
    rows = read_once(
        f"attendance:{user_id}",
        lambda: list(Attendance.objects.filter(user_id=user_id).only(*PRESENCE_FIELDS)),
    )
    attended = 0
    for row in rows:
        if row.session_id in by_pk:
            row.session = by_pk[row.session_id]
            attended += row.present
    return attended


def sessions_attended(users, sessions: list[LiveSession]) -> dict[int, int]:
    """{user id: how many of ``sessions`` they attended}; users absent from every one
    are left out. One query for any number of users (a queryset or ids)."""
    if not sessions:
        return {}
    by_pk = {session.pk: session for session in sessions}
    attended: dict[int, int] = {}
    rows = Attendance.objects.filter(user__in=users, session__in=sessions).only(
        *PRESENCE_FIELDS
    )
    for row in rows.iterator(chunk_size=2000):
        row.session = by_pk[row.session_id]
        if row.present:
            attended[row.user_id] = attended.get(row.user_id, 0) + 1
    return attended

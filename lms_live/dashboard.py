"""Upcoming live sessions, learnt in or taught, on the dashboard and the course page."""

from django.utils import timezone

from lms_cohorts.learners import accepted_cohort_ids
from lms_courses.dashboard import DashboardPanel
from lms_courses.progress import active_course_keys
from lms_toolkit.page_cache import remembered

from .models import LiveSession

SHOWN = 5


class UpcomingSessionsPanel(DashboardPanel):
    order = 20
    template_name = "live/dashboard/upcoming.html"

    @classmethod
    def for_request(cls, request, course=None):
        if course is not None:
            sessions = upcoming_in_course(request.user, course.translation_key)
        else:
            sessions = upcoming_for(request.user)
        if not sessions:
            return None
        panel = cls(request)
        panel.sessions = sessions
        return panel

    def get_context_data(self) -> dict:
        return {"sessions": self.sessions}


def upcoming_for(user, now=None) -> list[LiveSession]:
    """The sessions to come that ``user`` learns in or teaches (``for_person``),
    soonest first: from the sessions of their courses and cohorts, kept with the
    pages; what they teach is asked only of those who teach a session."""
    if not user.is_authenticated:
        return []
    found = {}
    for key in active_course_keys(user):
        found.update((s.pk, s) for s in _to_come("course_key", key))
    for cohort_id in accepted_cohort_ids(user):
        found.update((s.pk, s) for s in _to_come("cohort_id", cohort_id))
    if user.pk in remembered("live-trainer-ids", _trainer_ids):
        taught = LiveSession.objects.filter(trainers=user, ended_at__isnull=True)
        found.update((s.pk, s) for s in taught)
    return _soonest(found.values(), now)


def upcoming_in_course(user, course_key, now=None) -> list[LiveSession]:
    """The course's sessions to come that ``user`` learns in or teaches, soonest
    first; the learner's cohorts are read only when a cohort's session is to come."""
    if not user.is_authenticated:
        return []
    to_come = _soonest(_to_come("course_key", course_key), now, shown=None)
    if not to_come or course_key in active_course_keys(user):
        return to_come[:SHOWN]
    return [
        session
        for session in to_come
        if user.pk in session.trainer_ids
        or (session.cohort_id and session.cohort_id in accepted_cohort_ids(user))
    ][:SHOWN]


def _soonest(sessions, now=None, shown: int | None = SHOWN) -> list[LiveSession]:
    now = now or timezone.now()
    upcoming = sorted(
        (s for s in sessions if s.ends_at > now), key=lambda s: (s.starts_at, s.pk)
    )
    return upcoming[:shown] if shown else upcoming


def _to_come(field: str, value) -> list[LiveSession]:
    """The sessions of a course or a cohort not ended by hand, with their trainers'
    ids: kept with the pages (saving a session or its trainers starts a new
    generation); the clock picks those to come."""
    return remembered(
        f"live-to-come:{field}:{value}", lambda: _sessions_not_ended(**{field: value})
    )


def _sessions_not_ended(**owner) -> list[LiveSession]:
    sessions = list(
        LiveSession.objects.filter(ended_at__isnull=True, **owner).prefetch_related(
            "trainers"
        )
    )
    for session in sessions:
        session.trainer_ids = {trainer.pk for trainer in session.trainers.all()}
        # Kept without the trainers' rows: only their ids are asked.
        session._prefetched_objects_cache = {}
    return sessions


def _trainer_ids() -> set[int]:
    return set(LiveSession.trainers.through.objects.values_list("user_id", flat=True))

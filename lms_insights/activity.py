"""A cohort's activity over time, quiz scores and attendance, counted in SQL for charts.

Each function runs a fixed number of grouped queries, however many learners there are.
"""

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from lms_courses.models import LessonCompletion
from lms_live.models import Attendance, LiveSession
from lms_quizzes.models import Attempt, QuizResult

# Scores are counted in ten buckets of 10 points; 100 % falls in the last.
SCORE_BUCKETS = 10


@dataclass(frozen=True)
class WeekActivity:
    week: datetime.date  # its Monday
    active_learners: int
    completions: int


@dataclass(frozen=True)
class SessionAttendance:
    session: LiveSession
    in_room: int
    online: int

    @property
    def present(self) -> int:
        return self.in_room + self.online


def cohort_weeks(cohort) -> list[datetime.date]:
    """The Mondays of the weeks the cohort runs, from its first day to its last."""
    first = _monday(cohort.starts_on)
    last = _monday(cohort.ends_on)
    return [
        first + datetime.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)
    ]


def weekly_activity(cohort, quiz_keys: list[UUID]) -> list[WeekActivity]:
    """Per week of the cohort: how many of its learners did anything (ticked a lesson
    of its courses or submitted one of its quizzes), and how many lessons they ticked.

    Two grouped queries. A week is found by comparing with the weeks' boundaries
    (an index, no date function per row): learners are counted once a week over the
    union of (learner, week) pairs from ticks and submitted quizzes.
    """
    weeks = cohort_weeks(cohort)
    boundaries = [_midnight(week) for week in weeks[1:]]
    start = _midnight(weeks[0])
    end = _midnight(weeks[-1] + datetime.timedelta(weeks=1))
    completions = _completions(cohort, start, end).annotate(
        week=_week_of("completed_at", boundaries)
    )
    ticks = dict(
        completions.values("week")
        .annotate(ticks=Count("pk"))
        .values_list("week", "ticks")
    )
    attempts = (
        Attempt.objects.filter(
            user__in=cohort.members().values("pk"),
            status=Attempt.Status.GRADED,
            quiz_key__in=quiz_keys,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .order_by()
        .annotate(learner=F("user_id"), week=_week_of("submitted_at", boundaries))
        .values("learner", "week")
    )
    pairs = completions.annotate(learner=F("enrolment__user_id")).values(
        "learner", "week"
    )
    union_sql, params = pairs.union(attempts).query.sql_with_params()
    with connection.cursor() as cursor:
        # The inner statement is the ORM's own, with its parameters.
        cursor.execute(
            "SELECT week, COUNT(*) FROM (" + union_sql + ") AS pairs "  # nosec B608
            "GROUP BY week",
            params,
        )
        learners = dict(cursor.fetchall())
    return [
        WeekActivity(
            week=week,
            active_learners=learners.get(number, 0),
            completions=ticks.get(number, 0),
        )
        for number, week in enumerate(weeks)
    ]


def score_distributions(cohort, quiz_keys: list[UUID]) -> dict[UUID, list[int]]:
    """{quiz key: how many learners' results fall in 0–10 %, 10–20 %, … 90–100 %}, for
    every quiz given (zeros when no one has a result). One grouped query."""
    bucket = Case(
        *[
            When(percent__lt=10 * (n + 1), then=Value(n))
            for n in range(SCORE_BUCKETS - 1)
        ],
        default=Value(SCORE_BUCKETS - 1),
        output_field=IntegerField(),
    )
    rows = (
        QuizResult.objects.filter(
            user__in=cohort.members().values("pk"), quiz_key__in=quiz_keys
        )
        .annotate(bucket=bucket)
        .order_by()
        .values("quiz_key", "bucket")
        .annotate(learners=Count("pk"))
    )
    distributions = {key: [0] * SCORE_BUCKETS for key in quiz_keys}
    for row in rows:
        distributions[row["quiz_key"]][row["bucket"]] = row["learners"]
    return distributions


def session_attendance(cohort, now=None) -> list[SessionAttendance]:
    """The cohort's sessions that have started, in order, each with how many of its
    learners were present in the room and online. Two queries.

    As ``Attendance.present`` reads it: a correction wins, then a check-in in the
    room; otherwise online for half the session at least.
    """
    sessions = list(
        LiveSession.objects.filter(
            cohort=cohort, starts_at__lte=now or timezone.now()
        ).order_by("starts_at", "pk")
    )
    if not sessions:
        return []
    # Session lengths differ; there are a few sessions, not thousands.
    length = Case(
        *[
            When(session_id=s.pk, then=Value(_seconds(s.ends_at - s.starts_at)))
            for s in sessions
        ],
        output_field=IntegerField(),
    )
    not_overruled = Q(present_override__isnull=True) | Q(present_override=True)
    in_room = Q(checked_in_at__isnull=False) & not_overruled
    online = Q(checked_in_at__isnull=True) & (
        Q(present_override=True)
        | (
            Q(present_override__isnull=True)
            & GreaterThanOrEqual(F("online_seconds") * 2, length)
        )
    )
    counts = {
        row["session"]: row
        for row in Attendance.objects.filter(
            session__in=sessions, user__in=cohort.members().values("pk")
        )
        .order_by()
        .values("session")
        .annotate(
            in_room=Count("pk", filter=in_room), online=Count("pk", filter=online)
        )
    }
    return [
        SessionAttendance(
            session=s,
            in_room=counts.get(s.pk, {}).get("in_room", 0),
            online=counts.get(s.pk, {}).get("online", 0),
        )
        for s in sessions
    ]


def _completions(cohort, start: datetime.datetime, end: datetime.datetime):
    """Ticks of the cohort's learners on lessons of its courses in [start, end),
    with the week of each."""
    return LessonCompletion.objects.filter(
        enrolment__user__in=cohort.members().values("pk"),
        enrolment__course_key__in=cohort.curriculum.values("course__translation_key"),
        completed_at__gte=start,
        completed_at__lt=end,
    ).order_by()


def _week_of(field: str, boundaries: list[datetime.datetime]) -> Case:
    """The number of the cohort week (0, 1, …) in which ``field`` falls."""
    return Case(
        *[
            When(**{f"{field}__lt": boundary}, then=Value(number))
            for number, boundary in enumerate(boundaries)
        ],
        default=Value(len(boundaries)),
        output_field=IntegerField(),
    )


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _day(moment: datetime.datetime) -> datetime.date:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


def _seconds(length: datetime.timedelta) -> int:
    return int(length.total_seconds())

"""The cohort overview: one row per learner with their numbers and the at-risk rule.

Every number is an annotation of one SQL query over the cohort's members, each
related table read through its own aggregated subquery (no join multiplies rows), so
the rows can be ordered and filtered in the database and cost the same few queries
for ten learners or thousands.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateTimeField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from lms_certificates.models import Certificate
from lms_courses.models import Enrolment, LessonCompletion
from lms_live.attendance import sessions_held
from lms_live.models import Attendance
from lms_quizzes.models import QuizResult

from . import conf
from .curriculum import ModuleColumn, cohort_modules

# Values of the ``certificate`` annotation.
CERTIFICATE_VALID = "valid"
CERTIFICATE_REVOKED = "revoked"
CERTIFICATE_NONE = "none"
CERTIFICATE_CHOICES = [
    (CERTIFICATE_VALID, _("Valid")),
    (CERTIFICATE_REVOKED, _("Revoked")),
    (CERTIFICATE_NONE, _("None")),
]

# Values of the ``enrolment`` annotation: the learner's standing in the courses.
ENROLMENT_ACTIVE = "active"
ENROLMENT_WITHDRAWN = "withdrawn"
ENROLMENT_NONE = "none"
ENROLMENT_CHOICES = [
    (ENROLMENT_ACTIVE, _("Active")),
    (ENROLMENT_WITHDRAWN, _("Withdrawn")),
    (ENROLMENT_NONE, _("Not enrolled")),
]

# The ``risk`` annotation is a sum of these reasons (0 is "not at risk"), so ordering
# by it descending lists the learners with both reasons first.
RISK_BEHIND = 1
RISK_INACTIVE = 2

PERCENT = DecimalField(max_digits=5, decimal_places=2)
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class RiskRule:
    """When a learner of a cohort counts as at risk, as of ``today``."""

    inactive_days: int
    final_stretch_days: int
    pass_mark: int
    starts_on: datetime.date
    ends_on: datetime.date
    today: datetime.date
    has_quizzes: bool

    @property
    def watches_inactivity(self) -> bool:
        """Inactivity counts once the cohort has run for ``inactive_days``."""
        return self.starts_on <= self.today - datetime.timedelta(self.inactive_days)

    @property
    def final_stretch_starts_on(self) -> datetime.date:
        return self.ends_on - datetime.timedelta(self.final_stretch_days)

    @property
    def in_final_stretch(self) -> bool:
        """The pass mark counts in the cohort's last days (when it has quizzes)."""
        return self.has_quizzes and self.today >= self.final_stretch_starts_on

    def description(self) -> str:
        """The rule in words, for the coordinator reading the page."""
        rule = _(
            "A learner is at risk when they have done nothing for %(days)s days "
            "(counted once the cohort has run that long), or when, in the cohort's "
            "last %(stretch)s days (from %(date)s), their quiz average is below "
            "%(mark)s%% or they have no graded quiz."
        ) % {
            "days": self.inactive_days,
            "stretch": self.final_stretch_days,
            "date": formats.date_format(self.final_stretch_starts_on),
            "mark": self.pass_mark,
        }
        if not self.has_quizzes:
            now = _("This cohort's curriculum has no quiz, so only inactivity counts.")
        elif self.in_final_stretch:
            now = _("The final stretch has begun: both parts of the rule apply.")
        else:
            now = _("The final stretch has not begun: only inactivity counts for now.")
        return f"{rule} {now}"


def risk_rule(cohort, *, modules: list[ModuleColumn] | None = None, now=None):
    """The at-risk rule of ``cohort`` from the insights settings, as of ``now``."""
    now = now or timezone.now()
    if modules is None:
        modules = cohort_modules(cohort)
    return RiskRule(
        inactive_days=conf.inactive_days(),
        final_stretch_days=conf.final_stretch_days(),
        pass_mark=conf.pass_mark(),
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        today=timezone.localdate(now),
        has_quizzes=any(module.quiz_keys for module in modules),
    )


def module_field(module: ModuleColumn) -> str:
    """The annotation holding a learner's percent done of ``module`` (None when the
    module has no step)."""
    return f"module_{module.key.hex}"


def learner_rows(
    cohort,
    *,
    modules: list[ModuleColumn] | None = None,
    rule: RiskRule | None = None,
    now=None,
) -> QuerySet:
    """The cohort's members, each annotated with their numbers (one SQL query).

    Annotations: ``module_<module key>`` (percent of the module's steps done, see
    ``module_field``; 100 only when every step is done), ``progress`` (the same over
    every step), ``quiz_average`` (mean percent of their quiz results, None without
    any), ``attendance`` (percent of the sessions held, None when none was),
    ``certificate`` and ``enrolment`` (see the choices above), ``last_activity`` and
    ``risk`` (a sum of RISK_* reasons, 0 when not at risk). Building it costs two
    small queries (the cohort's courses and the sessions held), whatever the number
    of learners.
    """
    now = now or timezone.now()
    if modules is None:
        modules = cohort_modules(cohort)
    rule = rule or risk_rule(cohort, modules=modules, now=now)
    course_keys = cohort.course_keys()
    lesson_keys = [key for module in modules for key in module.lesson_keys]
    quiz_keys = [key for module in modules for key in module.quiz_keys]
    step_count = len(lesson_keys) + len(quiz_keys)

    # Each expression holds its own subqueries, as SQL can't reuse a column alias in
    # the same SELECT: the percents are computed from the counts, not from annotations.
    annotations = {}
    for module in modules:
        annotations[module_field(module)] = _percent_done(
            _lessons_done(module.lesson_keys) + _quizzes_passed(module.quiz_keys),
            len(module.step_keys),
        )
    annotations["progress"] = _percent_done(
        _lessons_done(lesson_keys) + _quizzes_passed(quiz_keys), step_count
    )
    annotations["quiz_average"] = _quiz_average(quiz_keys)
    sessions = sessions_held(cohort=cohort, now=now)
    annotations["attendance"] = _percent_rounded(
        _sessions_attended(sessions), len(sessions)
    )
    annotations["certificate"] = _certificate_status(cohort)
    annotations["enrolment"] = _enrolment_status(course_keys)
    annotations["last_activity"] = _last_activity(course_keys)

    rows = cohort.members().annotate(**annotations)
    return rows.annotate(risk=_risk(rule, now))


# Private helpers: each returns an expression correlated with the user (OuterRef pk).


def _lessons_done(lesson_keys):
    if not lesson_keys:
        return Value(0)
    return _count(
        LessonCompletion.objects.filter(
            enrolment__user=OuterRef("pk"), lesson_key__in=lesson_keys
        ),
        "enrolment__user",
    )


def _quizzes_passed(quiz_keys):
    if not quiz_keys:
        return Value(0)
    return _count(
        QuizResult.objects.filter(
            user=OuterRef("pk"), quiz_key__in=quiz_keys, passed=True
        ),
        "user",
    )


def _quiz_average(quiz_keys):
    if not quiz_keys:
        return Value(None, output_field=PERCENT)
    results = (
        QuizResult.objects.filter(user=OuterRef("pk"), quiz_key__in=quiz_keys)
        .order_by()
        .values("user")
        .annotate(average=Avg("percent"))
        .values("average")
    )
    return Subquery(results, output_field=PERCENT)


def _sessions_attended(sessions):
    if not sessions:
        return Value(0)
    # Online for half the session at least: online_seconds * 2 >= its length, that is
    # online_seconds >= ceil(length / 2), with one threshold per length of session.
    by_threshold = defaultdict(list)
    for session in sessions:
        length = (session.ends_at - session.starts_at).total_seconds()
        by_threshold[math.ceil(length / 2)].append(session.pk)
    online_long_enough = reduce(
        or_,
        (
            Q(session_id__in=ids, online_seconds__gte=threshold)
            for threshold, ids in by_threshold.items()
        ),
    )
    present = Q(present_override=True) | (
        Q(present_override__isnull=True)
        & (Q(checked_in_at__isnull=False) | online_long_enough)
    )
    return _count(
        Attendance.objects.filter(
            present, user=OuterRef("pk"), session_id__in=[s.pk for s in sessions]
        ),
        "user",
    )


def _certificate_status(cohort):
    status = (
        Certificate.objects.filter(user=OuterRef("pk"), cohort=cohort)
        .order_by()
        .annotate(
            status=Case(
                When(revoked_at__isnull=True, then=Value(CERTIFICATE_VALID)),
                default=Value(CERTIFICATE_REVOKED),
                output_field=CharField(),
            )
        )
        .values("status")[:1]
    )
    return Coalesce(Subquery(status), Value(CERTIFICATE_NONE), output_field=CharField())


def _enrolment_status(course_keys):
    if not course_keys:
        return Value(ENROLMENT_NONE, output_field=CharField())
    enrolments = Enrolment.objects.filter(
        user=OuterRef("pk"), course_key__in=course_keys
    )
    return Case(
        When(Exists(enrolments.active()), then=Value(ENROLMENT_ACTIVE)),
        When(Exists(enrolments), then=Value(ENROLMENT_WITHDRAWN)),
        default=Value(ENROLMENT_NONE),
        output_field=CharField(),
    )


def _last_activity(course_keys):
    if not course_keys:
        return Value(None, output_field=DateTimeField())
    latest = (
        Enrolment.objects.filter(user=OuterRef("pk"), course_key__in=course_keys)
        .order_by()
        .values("user")
        .annotate(latest=Max("last_activity_at"))
        .values("latest")
    )
    return Subquery(latest, output_field=DateTimeField())


def _risk(rule: RiskRule, now):
    risk = Value(0)
    if rule.watches_inactivity:
        since = now - datetime.timedelta(days=rule.inactive_days)
        # Never active counts as active before ``since`` (one subquery, not two).
        inactive = LessThan(
            Coalesce(F("last_activity"), Value(NEVER), output_field=DateTimeField()),
            since,
        )
        risk = Case(
            When(inactive, then=Value(RISK_INACTIVE)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if rule.in_final_stretch:
        # No graded quiz counts as below the pass mark.
        behind = LessThan(
            Coalesce(F("quiz_average"), Value(Decimal(-1)), output_field=PERCENT),
            Value(Decimal(rule.pass_mark), output_field=PERCENT),
        )
        risk = risk + Case(
            When(behind, then=Value(RISK_BEHIND)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return risk


def _count(queryset, group: str):
    counted = (
        queryset.order_by().values(group).annotate(count=Count("pk")).values("count")
    )
    return Coalesce(Subquery(counted), Value(0), output_field=IntegerField())


# Integer arithmetic, the same on SQLite and PostgreSQL; None when nothing counts.


def _percent_done(done, total: int):
    """``done`` of ``total`` as a whole percent rounded down: 100 means all done."""
    if not total:
        return Value(None, output_field=IntegerField())
    return ExpressionWrapper(done * 100 / total, output_field=IntegerField())


def _percent_rounded(done, total: int):
    """``done`` of ``total`` as a whole percent rounded half up, as certificates do."""
    if not total:
        return Value(None, output_field=IntegerField())
    return ExpressionWrapper(
        (done * 200 + total) / (2 * total), output_field=IntegerField()
    )

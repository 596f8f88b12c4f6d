"""Mastery of GCM objectives and SDG targets: the share of the points a learner earned
on the quiz questions tagged with each, over all their graded attempts.

Answers are joined to ``lms_quizzes.QuestionTag`` on (quiz key, question id), which are
not foreign keys, so the sums are raw SQL built around ORM-compiled subqueries; it runs
the same on SQLite and PostgreSQL. A cohort's numbers are one query whatever its size.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lms_courses.models import GCMObjective, LessonPage, SDGTarget
from lms_quizzes.models import Answer, Attempt, QuestionTag
from lms_toolkit.languages import active_locale
from lms_toolkit.page_cache import remembered

from . import conf
from .curriculum import cohort_modules

GCM = "gcm"
SDG = "sdg"
KINDS = {GCM: _("GCM objectives"), SDG: _("SDG targets")}
# The buckets of the distribution: fifths of the points, the last one closed.
BUCKETS = ["0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %"]


@dataclass
class LearnerMastery:
    """One learner's mastery of one objective (or target)."""

    tag: GCMObjective | SDGTarget
    earned: Decimal
    possible: Decimal

    @property
    def percent(self) -> int:
        return _whole_percent(self.earned / self.possible)


@dataclass
class CohortMastery:
    """A cohort's mastery of one objective (or target); ``learners`` is 0 when no
    learner answered a question tagged with it, and the figures are then None."""

    tag: GCMObjective | SDGTarget
    learners: int = 0
    mean: int | None = None
    median: int | None = None
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))

    @property
    def tested(self) -> bool:
        return self.learners > 0


@dataclass
class MasteryStanding:
    """What the dashboard tells a learner: their best and their weakest objectives."""

    strongest: list[LearnerMastery]
    to_revisit: list[LearnerMastery]
    # Live lessons tagged with each objective to revisit, in the reader's language.
    lessons: dict[int, list[LessonPage]]
    tested: list[LearnerMastery]
    threshold: int


def cohort_mastery(
    cohort, kind: str = GCM, quiz_keys: list | None = None
) -> list[CohortMastery]:
    """Every objective (``kind`` "gcm") or SDG target ("sdg"), in order, with the
    cohort's mastery of it over the quizzes of its curriculum (``quiz_keys``, read
    from the cohort's modules unless given): two queries whatever its size."""
    tags = list(_tag_model(kind).objects.all())
    if quiz_keys is None:
        quiz_keys = [k for module in cohort_modules(cohort) for k in module.quiz_keys]
    rows = {}
    if quiz_keys:
        attempts = Attempt.objects.filter(
            status=Attempt.Status.GRADED,
            quiz_key__in=quiz_keys,
            user__in=cohort.members().values("pk"),
        )
        rows = {row[0]: row for row in _distribution(attempts, kind)}
    return [_cohort_row(tag, rows.get(tag.pk)) for tag in tags]


def learner_mastery(user, kind: str = GCM) -> list[LearnerMastery]:
    """The objectives (or targets) ``user`` was tested on, best first (one query; the
    objectives themselves are kept with the pages)."""
    attempts = Attempt.objects.filter(user=user, status=Attempt.Status.GRADED)
    sums = {row[1]: row[2:] for row in _sums(attempts, kind)}
    if not sums:
        return []
    tags = _kept_tags(kind)
    rows = [
        LearnerMastery(tags[pk], _decimal(earned), _decimal(possible))
        for pk, (earned, possible) in sums.items()
        if pk in tags
    ]
    return sorted(rows, key=lambda row: (-row.earned / row.possible, _order(row.tag)))


def mastery_standing(
    user, threshold: int | None = None, limit: int = 3
) -> MasteryStanding | None:
    """The learner's strongest GCM objectives (at or above ``threshold`` percent, the
    pass mark by default) and those to revisit (below it, weakest first), with the
    lessons that teach the latter; None when no objective was tested yet."""
    threshold = conf.pass_mark() if threshold is None else threshold
    tested = learner_mastery(user, GCM)
    if not tested:
        return None
    strongest = [row for row in tested if row.percent >= threshold][:limit]
    to_revisit = sorted(
        (row for row in tested if row.percent < threshold),
        key=lambda row: (row.earned / row.possible, _order(row.tag)),
    )[:limit]
    return MasteryStanding(
        strongest=strongest,
        to_revisit=to_revisit,
        lessons=lessons_teaching([row.tag for row in to_revisit]),
        tested=tested,
        threshold=threshold,
    )


def lessons_teaching(objectives, per_objective: int = 3) -> dict[int, list]:
    """Live, public lessons tagged with each GCM objective ({objective id: links with
    a title and a URL}), in the active locale where a translation exists, else in
    any; kept with the pages (three queries the first time)."""
    if not objectives:
        return {}
    active = active_locale().pk
    ids = sorted(objective.pk for objective in objectives)
    return remembered(
        f"lessons-teaching:{active}:{per_objective}:{','.join(map(str, ids))}",
        lambda: _lessons_teaching(ids, active, per_objective),
    )


def _lessons_teaching(objectives, active: int, per_objective: int) -> dict[int, list]:
    rows = (
        LessonPage.objects.live()
        .public()
        .filter(gcm_objectives__in=objectives)
        .values_list("pk", "gcm_objectives", "translation_key", "locale_id", "path")
        .order_by("path")
    )
    # One page per (objective, lesson): the active locale's, else the first found.
    chosen: dict[tuple, tuple] = {}
    for pk, objective_id, translation_key, locale_id, path in rows:
        key = (objective_id, translation_key)
        if key not in chosen or (locale_id == active and chosen[key][1] != active):
            chosen[key] = (pk, locale_id, path)
    pages = LessonPage.objects.in_bulk([choice[0] for choice in chosen.values()])
    lessons: dict[int, list] = {}
    for (objective_id, _key), choice in sorted(
        chosen.items(), key=lambda item: item[1][2]
    ):
        found = lessons.setdefault(objective_id, [])
        if len(found) < per_objective:
            page = pages[choice[0]]
            found.append(LessonLink(page.title, page.get_url()))
    return lessons


@dataclass(frozen=True)
class LessonLink:
    title: str
    url: str


def _kept_tags(kind: str) -> dict:
    """{pk: objective (or target)}, kept until a page, objective or target changes."""
    return remembered(
        f"mastery-tags:{kind}",
        lambda: {tag.pk: tag for tag in _tag_model(kind).objects.all()},
    )


def _tag_model(kind: str):
    return SDGTarget if kind == SDG else GCMObjective


def _tag_column(kind: str) -> str:
    return QuestionTag._meta.get_field(
        "sdg_target" if kind == SDG else "objective"
    ).column


def _per_learner_sql(attempts: QuerySet, kind: str) -> tuple[str, list]:
    """Each (learner, tag) with the points earned and possible on its questions."""
    attempts_sql, params = (
        attempts.order_by().values("id", "user_id", "quiz_key").query.sql_with_params()
    )
    tag = _tag_column(kind)
    sql = f"""
        SELECT t.user_id AS user_id, q.{tag} AS tag_id,
               SUM(a.points) AS earned, SUM(q.points) AS possible
        FROM ({attempts_sql}) t
        JOIN {Answer._meta.db_table} a ON a.attempt_id = t.id
        JOIN {QuestionTag._meta.db_table} q
          ON q.quiz_key = t.quiz_key AND q.question_id = a.question_id
        WHERE q.{tag} IS NOT NULL AND a.points IS NOT NULL
        GROUP BY t.user_id, q.{tag}
        HAVING SUM(q.points) > 0
    """
    return sql, list(params)


def _sums(attempts: QuerySet, kind: str) -> list[tuple]:
    sql, params = _per_learner_sql(attempts, kind)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _distribution(attempts: QuerySet, kind: str) -> list[tuple]:
    """Per tag: learners tested, mean and median mastery (0..1), and the number of
    learners in each fifth; one query, grouped over the per-learner sums."""
    inner, params = _per_learner_sql(attempts, kind)
    # Buckets compare 5 × earned with k × possible: exact, no float boundary errors.
    bucket = " ".join(
        f"WHEN 5 * earned < {k} * possible THEN {k - 1}" for k in range(1, len(BUCKETS))
    )
    counts = ", ".join(
        f"SUM(CASE WHEN bucket = {i} THEN 1 ELSE 0 END)" for i in range(len(BUCKETS))
    )
    sql = f"""
        WITH per_learner AS ({inner}),
        ranked AS (
            SELECT tag_id, 1.0 * earned / possible AS mastery,
                   CASE {bucket} ELSE {len(BUCKETS) - 1} END AS bucket,
                   ROW_NUMBER() OVER (
                       PARTITION BY tag_id ORDER BY 1.0 * earned / possible
                   ) AS position,
                   COUNT(*) OVER (PARTITION BY tag_id) AS learners
            FROM per_learner
        )
        SELECT tag_id, COUNT(*), AVG(mastery),
               AVG(CASE WHEN position IN ((learners + 1) / 2, (learners + 2) / 2)
                        THEN mastery END),
               {counts}
        FROM ranked
        GROUP BY tag_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _cohort_row(tag, row) -> CohortMastery:
    if row is None:
        return CohortMastery(tag)
    _tag_id, learners, mean, median, *buckets = row
    return CohortMastery(
        tag,
        learners=int(learners),
        mean=_whole_percent(mean),
        median=_whole_percent(median),
        buckets=[int(count) for count in buckets],
    )


def _whole_percent(share) -> int:
    return int((_decimal(share) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimal(number) -> Decimal:
    """SQLite sums decimals as floats, PostgreSQL as decimals: both read the same."""
    return number if isinstance(number, Decimal) else Decimal(str(number))


def _order(tag) -> tuple:
    return (getattr(tag, "number", 0), str(tag))

"""A cohort's charts: weekly activity, quiz score distributions, attendance."""

from dataclasses import dataclass
from uuid import UUID

from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..activity import (
    SCORE_BUCKETS,
    score_distributions,
    session_attendance,
    weekly_activity,
)
from ..charts import BarChart, Series, bar_chart, stacked_bar_chart
from ..curriculum import cohort_modules
from . import for_visible_cohort

DAY_LABELS = 4  # at most, under a chart's columns: "21 сентября" needs the room


@dataclass
class Figure:
    """A chart with its titles, or the sentence shown when there is nothing to draw."""

    id: str
    title: str
    value_title: str
    category_title: str
    chart: BarChart | None = None
    empty: str = ""


@for_visible_cohort
def cohort_charts(request, cohort):
    quiz_keys = [key for module in cohort_modules(cohort) for key in module.quiz_keys]
    has_learners = cohort.members().exists()
    context = {
        "cohort": cohort,
        "activity": _activity_figures(cohort, quiz_keys, has_learners),
        "quizzes": _quiz_figures(cohort, quiz_keys, has_learners),
        "attendance": _attendance_figure(cohort),
    }
    return TemplateResponse(request, "insights/charts.html", context)


def _activity_figures(cohort, quiz_keys: list[UUID], has_learners: bool):
    active = Figure(
        id="active-learners",
        title=_("Active learners per week"),
        value_title=_("Learners"),
        category_title=_("Week starting"),
    )
    ticks = Figure(
        id="lesson-completions",
        title=_("Lessons completed per week"),
        value_title=_("Lessons completed"),
        category_title=_("Week starting"),
    )
    if not has_learners:
        active.empty = ticks.empty = _(
            "This cohort has no learners yet, so there is no activity to chart."
        )
        return [active, ticks]
    weeks = weekly_activity(cohort, quiz_keys)
    days = [formats.date_format(w.week) for w in weeks]
    short_days = [formats.date_format(w.week, "MONTH_DAY_FORMAT") for w in weeks]
    active.chart = bar_chart(
        days,
        [w.active_learners for w in weeks],
        name=active.value_title,
        axis_labels=short_days,
        most_labels=DAY_LABELS,
    )
    ticks.chart = bar_chart(
        days,
        [w.completions for w in weeks],
        name=ticks.value_title,
        axis_labels=short_days,
        most_labels=DAY_LABELS,
    )
    return [active, ticks]


def _quiz_figures(cohort, quiz_keys: list[UUID], has_learners: bool):
    if not quiz_keys:
        return []
    titles = _quiz_titles(quiz_keys)
    distributions = score_distributions(cohort, quiz_keys) if has_learners else {}
    ranges = [f"{10 * n}–{10 * (n + 1)}" for n in range(SCORE_BUCKETS)]
    figures = []
    for number, key in enumerate(quiz_keys, start=1):
        counts = distributions.get(key, [])
        figure = Figure(
            id=f"quiz-{number}",
            title=titles.get(key, _("Quiz")),
            value_title=_("Learners"),
            category_title=_("Score (%)"),
        )
        if any(counts):
            figure.chart = bar_chart(
                [f"{r} %" for r in ranges],
                counts,
                name=figure.value_title,
                axis_labels=ranges,
                most_labels=5,
            )
        else:
            figure.empty = _("No learner of this cohort has a result on this quiz yet.")
        figures.append(figure)
    return figures


def _attendance_figure(cohort) -> Figure:
    figure = Figure(
        id="attendance",
        title=_("Attendance per live session"),
        value_title=_("Learners present"),
        category_title=_("Live session"),
    )
    sessions = session_attendance(cohort)
    if not sessions:
        figure.empty = _("No live session of this cohort has started yet.")
        return figure
    days = [timezone.localtime(s.session.starts_at) for s in sessions]
    figure.chart = stacked_bar_chart(
        [
            f"{s.session.translated_title}, {formats.date_format(day)}"
            for s, day in zip(sessions, days, strict=True)
        ],
        [
            Series(_("In the room"), [s.in_room for s in sessions], "first"),
            Series(_("Online"), [s.online for s in sessions], "second"),
        ],
        axis_labels=[formats.date_format(day, "MONTH_DAY_FORMAT") for day in days],
        most_labels=DAY_LABELS,
    )
    return figure


def _quiz_titles(quiz_keys: list[UUID]) -> dict[UUID, str]:
    """{quiz key: its title}, in the active language when the quiz has it (one
    query)."""
    language = (get_language() or "").split("-")[0]
    titles: dict[UUID, str] = {}
    rows = (
        Page.objects.filter(translation_key__in=quiz_keys)
        .order_by("pk")
        .values_list("translation_key", "title", "locale__language_code")
    )
    for key, title, code in rows:
        if key not in titles or code.split("-")[0] == language:
            titles[key] = title
    return titles

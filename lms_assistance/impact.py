"""Impact reports for donors and the service: people helped by kind of help, month,
language and project, with the volunteer hours behind them. Always anonymised.

What is counted, for one calendar year and one desk or all:

- people helped: requests finished as done (by the month they closed) and drive
  bookings marked helped (by the month of their slot);
- referred elsewhere: requests referred to another service, in a column of its own;
- volunteer hours: approved hours of the projects the desks' work counts toward (the
  desks' own projects and their drives' projects), by the month they were worked.

Only kinds, languages, dates, desks and projects are read, which anonymisation keeps,
so anonymised requests and bookings count like any other.

Small counts are protected, separately in each breakdown's column (helped, referred):

1. a count of 1 to 4 is shown as "fewer than 5" (0 stays 0);
2. the total of a column is shown, since the other breakdowns add up to it anyway;
   so that no hidden count can be worked out by subtracting the shown ones from it,
   a column whose hidden counts are still determined by the total hides its next
   smallest count too, shown as "5 or more", until none is (a single hidden count
   is always determined: total minus the rest);
3. a total of 1 to 4 is itself "fewer than 5", and then nothing can be subtracted.

What the rule does not cover: a breakdown whose every non-zero count is small can
still be pinned when they are all 1 or all 4, and comparing one desk's report with
the all-desks report narrows the other desks' counts. The report is meant to leave
the desk as one report, for one desk or for all.

Hours are not counts of people and are shown as they are.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms_volunteers.hours import project_titles
from lms_volunteers.models import HoursEntry

from .models import AssistanceRequest, Booking, Desk, Drive, HelpKind, Language, Status

SMALL = 5
NO_PROJECT = "—"
MEASURES = ("helped", "referred")

BREAKDOWNS = {
    "kind": (gettext_lazy("By kind of help"), gettext_lazy("Kind of help")),
    "month": (gettext_lazy("By month"), gettext_lazy("Month")),
    "language": (gettext_lazy("By language"), gettext_lazy("Language")),
    "project": (gettext_lazy("By project"), gettext_lazy("Project")),
}


@dataclass(frozen=True)
class Figure:
    """A count as the report shows it: its number, or a phrase when hidden."""

    number: int | None
    text: str

    @property
    def hidden(self) -> bool:
        return self.number is None

    @property
    def value(self):
        """What a spreadsheet cell holds: the number, or the phrase."""
        return self.text if self.number is None else self.number

    def __str__(self):
        return self.text


@dataclass
class Line:
    label: str
    helped: Figure
    referred: Figure
    hours: Decimal | None = None


@dataclass
class Breakdown:
    key: str
    title: str
    label_title: str
    lines: list[Line]
    total: Line
    with_hours: bool = False


@dataclass
class ImpactReport:
    year: int
    desk: Desk | None
    total: Line
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, the figure's text, and its length in percent of
    the longest (None when the figure is hidden, so nothing is drawn)."""

    label: str
    text: str
    percent: float | None


def impact_report(year: int, desk: Desk | None = None) -> ImpactReport:
    """The report of ``year`` for ``desk`` (all desks when None). Five queries."""
    counts = _people(year, desk)
    hours = _hours(year, desk)
    keys = {key for key in counts["project"]} | {key for key, _month in hours}
    titles = project_titles(keys)
    labels = {
        "kind": [(kind.value, str(kind.label)) for kind in HelpKind],
        "month": [(month, str(name)) for month, name in MONTHS.items()],
        "language": [
            (language.value, str(language.label))
            for language in Language
            if language.value in counts["language"]
        ]
        + [
            (code, code)
            for code in sorted(counts["language"])
            if code not in Language.values
        ],
        "project": sorted(
            ((key, titles.get(key) or NO_PROJECT) for key in keys),
            key=lambda pair: (pair[1] == NO_PROJECT, pair[1].casefold()),
        ),
    }
    hours_by = {"month": defaultdict(Decimal), "project": defaultdict(Decimal)}
    for (key, month), worked in hours.items():
        hours_by["month"][month] += worked
        hours_by["project"][key] += worked
    # Each breakdown counts everyone once, so any of them gives the totals.
    totals = {
        measure: shown_total(sum(row[measure] for row in counts["kind"].values()))
        for measure in MEASURES
    }
    report = ImpactReport(
        year=year,
        desk=desk,
        total=Line(
            label=_("Total"),
            helped=totals["helped"],
            referred=totals["referred"],
            hours=sum(hours.values(), Decimal(0)),
        ),
    )
    for key, (title, label_title) in BREAKDOWNS.items():
        rows = labels[key]
        columns = {
            measure: protect([counts[key][row][measure] for row, _label in rows])
            for measure in MEASURES
        }
        with_hours = key in hours_by
        report.breakdowns.append(
            Breakdown(
                key=key,
                title=str(title),
                label_title=str(label_title),
                lines=[
                    Line(
                        label=label,
                        helped=columns["helped"][index],
                        referred=columns["referred"][index],
                        hours=hours_by[key].get(row, Decimal(0))
                        if with_hours
                        else None,
                    )
                    for index, (row, label) in enumerate(rows)
                ],
                total=Line(
                    label=_("Total"),
                    helped=totals["helped"],
                    referred=totals["referred"],
                    hours=report.total.hours if with_hours else None,
                ),
                with_hours=with_hours,
            )
        )
    return report


def protect(counts: list[int]) -> list[Figure]:
    """One column's counts as shown: small ones hidden, and more hidden until no
    hidden count can be worked out from the column's total (see the module's
    docstring)."""
    hidden = {index for index, count in enumerate(counts) if 0 < count < SMALL}
    if sum(counts) >= SMALL:
        while hidden and _some_determined(counts, hidden):
            rest = [i for i, count in enumerate(counts) if count and i not in hidden]
            if not rest:
                break
            hidden.add(min(rest, key=lambda i: (counts[i], i)))
    return [
        _hidden(count) if index in hidden else _number(count)
        for index, count in enumerate(counts)
    ]


def shown_total(total: int) -> Figure:
    return _hidden(total) if 0 < total < SMALL else _number(total)


def chart(breakdown: Breakdown, measure: str = "helped") -> list[Bar]:
    """The bars of ``measure`` by the breakdown's lines, scaled to the longest shown."""
    figures = [getattr(line, measure) for line in breakdown.lines]
    longest = max((f.number for f in figures if not f.hidden), default=0)
    return [
        Bar(
            label=line.label,
            text=figure.text,
            percent=None
            if figure.hidden
            else round(100 * figure.number / longest, 1)
            if longest
            else 0.0,
        )
        for line, figure in zip(breakdown.lines, figures, strict=True)
    ]


def fewer_than_five() -> str:
    return _("fewer than 5")


def five_or_more() -> str:
    return _("5 or more")


def _number(count: int) -> Figure:
    return Figure(number=count, text=str(count))


def _hidden(count: int) -> Figure:
    return Figure(
        number=None, text=fewer_than_five() if count < SMALL else five_or_more()
    )


def _some_determined(counts: list[int], hidden: set[int]) -> bool:
    """Whether a reader who knows the column's total, the shown counts and what each
    hidden phrase means (1-4, or 5 and more) can tell one hidden count exactly."""
    bounds = {
        i: (1, SMALL - 1) if counts[i] < SMALL else (SMALL, math.inf) for i in hidden
    }
    hidden_sum = sum(counts[i] for i in hidden)
    for i, (low, high) in bounds.items():
        others = [bounds[j] for j in hidden if j != i]
        least = max(low, hidden_sum - sum(other_high for _l, other_high in others))
        most = min(high, hidden_sum - sum(other_low for other_low, _h in others))
        if least == most:
            return True
    return False


def _people(year: int, desk: Desk | None) -> dict:
    """{breakdown: {row: {measure: count}}} from two grouped queries."""
    counts = {
        key: defaultdict(lambda: dict.fromkeys(MEASURES, 0)) for key in BREAKDOWNS
    }
    requests = AssistanceRequest.objects.filter(
        status__in=[Status.DONE, Status.REFERRED], closed_at__year=year
    )
    bookings = Booking.objects.filter(
        status=Booking.Status.HELPED, slot__starts_at__year=year
    )
    if desk is not None:
        requests = requests.filter(desk=desk)
        bookings = bookings.filter(slot__drive__desk=desk)
    rows = (
        requests.annotate(month=ExtractMonth("closed_at"))
        .values(
            "status",
            "kind",
            "month",
            "preferred_language",
            "desk__project__translation_key",
        )
        .annotate(people=Count("pk"))
        .order_by()
    )
    for row in rows:
        measure = "helped" if row["status"] == Status.DONE else "referred"
        _add(
            counts,
            measure,
            row["people"],
            kind=row["kind"],
            month=row["month"],
            language=row["preferred_language"],
            project=row["desk__project__translation_key"],
        )
    rows = (
        bookings.annotate(month=ExtractMonth("slot__starts_at"))
        .values(
            "slot__drive__kind",
            "month",
            "language",
            "slot__drive__project__translation_key",
        )
        .annotate(people=Count("pk"))
        .order_by()
    )
    for row in rows:
        _add(
            counts,
            "helped",
            row["people"],
            kind=row["slot__drive__kind"],
            month=row["month"],
            language=row["language"],
            project=row["slot__drive__project__translation_key"],
        )
    return counts


def _add(counts: dict, measure: str, people: int, **rows) -> None:
    for key, row in rows.items():
        counts[key][row][measure] += people


def _hours(year: int, desk: Desk | None) -> dict:
    """{(project key, month): approved hours} of the desks' and their drives'
    projects, in one query."""
    desks = Desk.objects.all() if desk is None else Desk.objects.filter(pk=desk.pk)
    desk_projects = desks.filter(project__isnull=False).values(
        "project__translation_key"
    )
    drive_projects = Drive.objects.filter(desk__in=desks).values(
        "project__translation_key"
    )
    rows = (
        HoursEntry.objects.approved()
        .filter(worked_on__year=year)
        .filter(
            Q(project_key__in=Subquery(desk_projects))
            | Q(project_key__in=Subquery(drive_projects))
        )
        .annotate(month=ExtractMonth("worked_on"))
        .values("project_key", "month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    return {(row["project_key"], row["month"]): row["hours"] for row in rows}

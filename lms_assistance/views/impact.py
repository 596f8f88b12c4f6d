"""The impact report for donors and the service, as a page and as XLSX.

Only desk staff and data-protection officers see it (anyone else gets a 404); what
it shows is anonymised and its small counts hidden by ``lms_assistance.impact``.
"""

from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from .. import access, audit
from ..forms.impact import ImpactFilterForm
from ..impact import ImpactReport, chart, impact_report
from . import desk_view, render, spreadsheet_response

TARGET = "impact report"


def _sees_reports(user) -> bool:
    return access.desk_role(user).reports


@desk_view(_sees_reports)
@require_GET
def report(request):
    """/desk/impact/: tables and charts for one year, one desk or all."""
    form = ImpactFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "assistance/impact/report.html", {"form": form}, 400)
    impact = impact_report(form.cleaned_data["year"], form.cleaned_data["desk"])
    audit.record(request, audit.Action.LIST, target=TARGET, detail=_filters(impact))
    return render(
        request,
        "assistance/impact/report.html",
        {
            "form": form,
            "report": impact,
            "sections": [
                {"breakdown": breakdown, "bars": chart(breakdown)}
                for breakdown in impact.breakdowns
            ],
            "export_query": urlencode(
                {"year": impact.year, "desk": impact.desk.pk if impact.desk else ""}
            ),
            "note": _note(),
            "what_is_counted": _what_is_counted(),
        },
    )


@desk_view(_sees_reports)
@require_GET
def export(request):
    """/desk/impact.xlsx: the same figures, a sheet per breakdown with its chart."""
    form = ImpactFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "assistance/impact/report.html", {"form": form}, 400)
    impact = impact_report(form.cleaned_data["year"], form.cleaned_data["desk"])
    audit.record(request, audit.Action.EXPORT, target=TARGET, detail=_filters(impact))
    name = f"impact-{impact.year}" + (f"-desk-{impact.desk.pk}" if impact.desk else "")
    return spreadsheet_response(_workbook(impact), f"{name}.xlsx")


def _filters(impact: ImpactReport) -> dict:
    return {"year": impact.year, "desk": impact.desk.pk if impact.desk else None}


def _workbook(impact: ImpactReport) -> Workbook:
    # Every label is text by now: the user's language is active while this runs.
    book = Workbook()
    summary = book.active
    summary.title = _sheet_title(_("Summary"))
    for row in [
        [_("Impact report")],
        [_("Year"), impact.year],
        [_("Desk"), impact.desk.name if impact.desk else _("All desks")],
        [],
        [_("People helped"), impact.total.helped.value],
        [_("Referred elsewhere"), impact.total.referred.value],
        [_("Volunteer hours"), impact.total.hours],
        [],
        [_note()],
        [_what_is_counted()],
    ]:
        _append(summary, row)
    summary.column_dimensions["A"].width = 28
    for breakdown in impact.breakdowns:
        sheet = book.create_sheet(_sheet_title(breakdown.title))
        headings = [breakdown.label_title, _("People helped"), _("Referred elsewhere")]
        if breakdown.with_hours:
            headings.append(_("Volunteer hours"))
        _append(sheet, headings)
        for line in [*breakdown.lines, breakdown.total]:
            cells = [line.label, line.helped.value, line.referred.value]
            if breakdown.with_hours:
                cells.append(line.hours)
            _append(sheet, cells)
        sheet.column_dimensions["A"].width = 32
        if breakdown.lines:
            sheet.add_chart(_chart(sheet, breakdown), "F2")
    return book


def _chart(sheet, breakdown) -> BarChart:
    """People helped by the breakdown's lines; hidden figures are text, left out."""
    figure = BarChart()
    figure.type = "bar"
    figure.title = breakdown.title
    figure.legend = None
    figure.y_axis.title = _("People helped")
    last = len(breakdown.lines) + 1
    figure.add_data(
        Reference(sheet, min_col=2, min_row=1, max_row=last), titles_from_data=True
    )
    figure.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    figure.height = max(7.5, 0.6 * len(breakdown.lines))
    return figure


def _append(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":  # a title starting with "=" stays text
            cell.data_type = "s"


def _sheet_title(title: str) -> str:
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"


def _note() -> str:
    return _(
        "Anonymised. Counts from 1 to 4 are shown as “fewer than 5”. Where a small "
        "count could be worked out from the total, the next smallest count of the "
        "same column is shown as “5 or more”."
    )


def _what_is_counted() -> str:
    return _(
        "People helped: requests finished as done, by the month they closed, and "
        "drive appointments marked helped, by the month of the appointment. "
        "Referred elsewhere: requests referred to another service. Volunteer hours: "
        "approved hours of the desks' projects and their drives' projects."
    )

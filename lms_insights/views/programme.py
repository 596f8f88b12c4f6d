"""A cohort's programme report beside the earlier cohorts: a page, XLSX or CSV."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from ..access import cohorts_visible_to
from ..programme import MEASURES, change, programme_figures
from . import for_visible_cohort


@for_visible_cohort
def programme_report(request, cohort):
    return ProgrammeReportView.as_view()(request, cohort=cohort)


class ProgrammeReportView(SpreadsheetExportMixin, View):
    """One row per measure, one column per cohort: the earlier cohorts the user may
    see, then this one, then the change since the one before it."""

    template_name = "insights/programme.html"

    def get(self, request, cohort):
        cohorts = list(
            cohorts_visible_to(request.user)
            .filter(number__lte=cohort.number)
            .order_by("number")
        )
        figures = programme_figures(cohorts)
        current = figures[-1]
        previous = figures[-2] if len(figures) > 1 else None
        if self.is_export:
            return self.as_spreadsheet(
                self._export_rows(figures), request.GET["export"]
            )
        asked = request.GET.get("export")
        if asked:
            messages.warning(
                request,
                _("“%(format)s” is not an export format: choose XLSX or CSV.")
                % {"format": asked},
            )
        rows = [
            {
                "measure": measure,
                "cells": [
                    {"value": f.value(measure), "current": f is current}
                    for f in figures
                ],
                "change": change(measure, current, previous),
            }
            for measure in MEASURES
        ]
        return TemplateResponse(
            request,
            self.template_name,
            {
                "cohort": cohort,
                "figures": figures,
                "previous": previous,
                "rows": rows,
                "xlsx_url": self.xlsx_export_url,
                "csv_url": self.csv_export_url,
            },
        )

    def get_filename(self):
        return f"programme-report-cohort-{self.kwargs['cohort'].number}"

    def _export_rows(self, figures) -> list[dict]:
        # The file is written after the view returns, when the user's language is no
        # longer active: every heading and label is turned into text now.
        columns = {f"cohort_{f.cohort.number}": f for f in figures}
        self.list_export = ["measure", *columns]
        self.export_headings = {
            "measure": _("Measure"),
            **{key: str(f.cohort) for key, f in columns.items()},
        }
        missing = {True: "—", False: _("Not available yet")}
        return [
            {
                "measure": str(measure.label),
                **{
                    key: _or(f.value(measure), missing[measure.available])
                    for key, f in columns.items()
                },
            }
            for measure in MEASURES
        ]


def _or(value, placeholder):
    return placeholder if value is None else value

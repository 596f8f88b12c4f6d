"""The GCM/SDG coverage matrix of a cohort's curriculum, and what each cell counts."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from ..coverage import (
    KINDS,
    NO_MODULE,
    cell_content,
    cohort_coverage,
    coverage_tags,
    tag_label,
)
from . import for_visible_cohort


@for_visible_cohort
def coverage_matrix(request, cohort):
    return CoverageMatrixView.as_view()(request, cohort=cohort)


class CoverageMatrixView(SpreadsheetExportMixin, View):
    """The matrix as a page, or as XLSX or CSV: one row per objective (or target),
    four numbers per module (lessons, minutes, quiz questions, live sessions)."""

    def get(self, request, cohort):
        kind = request.GET.get("tab") or "gcm"
        if kind not in KINDS:
            messages.warning(
                request,
                _("There is no “%(tab)s” tab: showing the GCM objectives.")
                % {"tab": kind[:40]},
            )
            kind = "gcm"
        matrix = cohort_coverage(cohort, kind)
        if self.is_export:
            return self.as_spreadsheet(self._export_rows(matrix), request.GET["export"])
        return TemplateResponse(
            request,
            "insights/coverage_matrix.html",
            {
                "cohort": cohort,
                "matrix": matrix,
                "xlsx_url": f"?tab={kind}&export=xlsx",
                "csv_url": f"?tab={kind}&export=csv",
            },
        )

    def get_filename(self):
        return f"coverage-cohort-{self.kwargs['cohort'].number}"

    def _export_rows(self, matrix) -> list[dict]:
        # Headings become text now: the file is written after the view returns, when
        # the user's language is no longer active.
        counts = {
            "lessons": _("lessons"),
            "minutes": _("minutes"),
            "questions": _("quiz questions"),
            "sessions": _("live sessions"),
        }
        columns = [(f"m{n}", m.title) for n, m in enumerate(matrix.modules)]
        if matrix.shows_no_module:
            columns.append(("none", _("No module")))
        self.list_export = ["label", "title", "gap"] + [
            f"{key}_{count}" for key, _title in columns for count in counts
        ]
        self.export_headings = {
            "label": _("Objective") if matrix.kind == "gcm" else _("Target"),
            "title": _("Title"),
            "gap": _("Not taught"),
            **{
                f"{key}_{count}": f"{title}: {label}"
                for key, title in columns
                for count, label in counts.items()
            },
        }
        rows = []
        for row in matrix.rows:
            cells = [*row.cells, row.no_module] if matrix.shows_no_module else row.cells
            line = {
                "label": row.label,
                "title": row.tag.title,
                "gap": _("yes") if row.is_gap else "",
            }
            for (key, _title), cell in zip(columns, cells, strict=True):
                for count in counts:
                    line[f"{key}_{count}"] = getattr(cell, count)
            rows.append(line)
        return rows


@for_visible_cohort
def coverage_cell(request, cohort, kind, tag_id, module_key):
    if kind not in KINDS:
        raise Http404
    tag = get_object_or_404(coverage_tags(kind), pk=tag_id)
    content = cell_content(cohort, kind, tag, module_key)
    if content is None:
        raise Http404
    return TemplateResponse(
        request,
        "insights/coverage_cell.html",
        {
            "cohort": cohort,
            "kind": kind,
            "tag": tag,
            "label": tag_label(tag),
            "content": content,
            "no_module": module_key == NO_MODULE,
        },
    )

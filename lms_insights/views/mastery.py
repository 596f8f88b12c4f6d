"""A cohort's mastery of each GCM objective (or SDG target), with its distribution."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from .. import mastery
from ..curriculum import cohort_modules
from . import for_visible_cohort

# The distribution strip: one bar per bucket, as tall as its share of the learners.
BAR_WIDTH, BAR_GAP, STRIP_HEIGHT = 16, 4, 28
BAR_COLOURS = ["#b3261e", "#d9731a", "#c9a227", "#6aa84f", "#2e7d32"]


@for_visible_cohort
def cohort_mastery(request, cohort):
    tab = request.GET.get("tab", mastery.GCM)
    if tab not in mastery.KINDS:
        messages.warning(
            request,
            _("There is no such tab: showing the GCM objectives."),
        )
        tab = mastery.GCM
    quiz_keys = [key for module in cohort_modules(cohort) for key in module.quiz_keys]
    rows = mastery.cohort_mastery(cohort, tab, quiz_keys=quiz_keys)
    return TemplateResponse(
        request,
        "insights/mastery.html",
        {
            "cohort": cohort,
            "tab": tab,
            "tabs": [
                (kind, label, kind == tab) for kind, label in mastery.KINDS.items()
            ],
            "has_quizzes": bool(quiz_keys),
            "any_tested": any(row.tested for row in rows),
            "rows": [(row, _strip(row)) for row in rows],
            "strip_width": len(mastery.BUCKETS) * (BAR_WIDTH + BAR_GAP) - BAR_GAP,
            "strip_height": STRIP_HEIGHT,
        },
    )


def _strip(row: mastery.CohortMastery) -> list[dict]:
    """The bars of a row's distribution, with the numbers a screen reader reads."""
    if not row.tested:
        return []
    bars = []
    for index, (label, count) in enumerate(
        zip(mastery.BUCKETS, row.buckets, strict=True)
    ):
        height = round((STRIP_HEIGHT - 2) * count / row.learners)
        bars.append(
            {
                "label": label,
                "count": count,
                "x": index * (BAR_WIDTH + BAR_GAP),
                "y": STRIP_HEIGHT - 1 - height,
                "width": BAR_WIDTH,
                "height": height,
                "colour": BAR_COLOURS[index],
            }
        )
    return bars

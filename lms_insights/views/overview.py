"""The cohort overview: a Wagtail report of the cohort's learners, with its exports."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView

from ..access import cohort_for
from ..curriculum import cohort_modules
from ..overview import (
    CERTIFICATE_CHOICES,
    ENROLMENT_CHOICES,
    ENROLMENT_WITHDRAWN,
    RISK_BEHIND,
    RISK_INACTIVE,
    learner_rows,
    module_field,
    risk_rule,
)

AT_RISK = "at_risk"
ON_TRACK = "on_track"


class LearnerFilterSet(WagtailFilterSet):
    risk = django_filters.ChoiceFilter(
        label=_("Risk"),
        choices=[(AT_RISK, _("At risk")), (ON_TRACK, _("Not at risk"))],
        method="filter_risk",
    )
    unfinished = django_filters.ChoiceFilter(
        label=_("Has not finished the module"), method="filter_unfinished"
    )
    certificate = django_filters.ChoiceFilter(
        label=_("Certificate"), choices=CERTIFICATE_CHOICES
    )
    enrolment = django_filters.ChoiceFilter(
        label=_("Enrolment"), choices=ENROLMENT_CHOICES
    )

    class Meta:
        model = get_user_model()
        fields = []

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = {module.key.hex: module for module in modules}
        self.filters["unfinished"].extra["choices"] = [
            (key, module.title) for key, module in self.modules.items()
        ]

    def filter_risk(self, queryset, name, value):
        if value == AT_RISK:
            return queryset.filter(risk__gt=0)
        return queryset.filter(risk=0)

    def filter_unfinished(self, queryset, name, value):
        module = self.modules[value]
        return queryset.filter(**{f"{module_field(module)}__lt": 100})


class LearnerColumn(Column):
    cell_template_name = "insights/overview/learner_cell.html"


class PercentColumn(Column):
    cell_template_name = "insights/overview/percent_cell.html"


class RiskColumn(Column):
    cell_template_name = "insights/overview/risk_cell.html"


class HeatRowColumn(BaseColumn):
    """Progress in each module as a row of shaded cells; each module heads its own
    sort link."""

    header_template_name = "insights/overview/heat_header.html"
    cell_template_name = "insights/overview/heat_cell.html"

    def __init__(self, name, modules, **kwargs):
        super().__init__(name, **kwargs)
        self.modules = modules

    def get_header_context_data(self, parent_context):
        context = super().get_header_context_data(parent_context)
        ordering = context["table"].ordering
        context["modules"] = [
            {
                "number": number,
                "title": module.title,
                "ascending": ordering == module_field(module),
                "descending": ordering == "-" + module_field(module),
                "next_ordering": (
                    "-" + module_field(module)
                    if ordering == module_field(module)
                    else module_field(module)
                ),
            }
            for number, module in enumerate(self.modules, start=1)
        ]
        return context


class CohortOverviewView(ReportView):
    template_name = "insights/overview.html"
    results_template_name = "insights/overview_results.html"
    page_title = _("Learners")
    header_icon = "table"
    index_url_name = "insights_overview"
    index_results_url_name = "insights_overview_results"
    filterset_class = LearnerFilterSet
    permission_policy = None
    default_ordering = "name"
    verbose_name_plural = _("learners")
    custom_field_preprocess = {
        "last_activity": {
            ReportView.FORMAT_CSV: lambda when: (
                timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else ""
            ),
            ReportView.FORMAT_XLSX: lambda when: (
                timezone.localtime(when).replace(tzinfo=None) if when else None
            ),
        }
    }

    def dispatch(self, request, cohort_id, *args, **kwargs):
        try:
            self.cohort = cohort_for(request.user, cohort_id)
        except PermissionDenied:
            return permission_denied(request)
        self.now = timezone.now()
        self.modules = cohort_modules(self.cohort)
        self.rule = risk_rule(self.cohort, modules=self.modules, now=self.now)
        self.ignored = []
        self._set_up_export()
        return super().dispatch(request, *args, cohort_id=cohort_id, **kwargs)

    def get_page_subtitle(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("insights_index"), "label": gettext("Cohort insights")},
            {"url": "", "label": self.cohort.name},
        ]

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.cohort.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.cohort.pk])

    def get_filename(self):
        return f"cohort-{self.cohort.number}-learners"

    @cached_property
    def columns(self):
        return [
            LearnerColumn("name", label=_("Learner"), sort_key="name"),
            HeatRowColumn("modules", self.modules, label=_("Progress per module")),
            PercentColumn("progress", label=_("Progress"), sort_key="progress"),
            PercentColumn(
                "quiz_average_percent",
                label=_("Quiz average"),
                sort_key="quiz_average",
            ),
            PercentColumn("attendance", label=_("Attendance"), sort_key="attendance"),
            Column("certificate_label", label=_("Certificate")),
            DateColumn(
                "last_activity", label=_("Last activity"), sort_key="last_activity"
            ),
            RiskColumn("risk", label=_("At risk"), sort_key="risk"),
        ]

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()
        for module in self.modules:
            orderings += [module_field(module), "-" + module_field(module)]
        return orderings

    def get_ordering(self):
        requested = self.request.GET.get("ordering")
        if requested and requested not in self.get_valid_orderings():
            self.ignored.append(gettext("the sort order “%s”") % requested)
        return super().get_ordering()

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "modules": self.modules}

    def get_base_queryset(self):
        return learner_rows(
            self.cohort, modules=self.modules, rule=self.rule, now=self.now
        )

    def order_queryset(self, queryset):
        descending = self.ordering.startswith("-")
        key = self.ordering.lstrip("-")
        by_name = ["last_name", "first_name", "email"]
        if key == "name":
            ordering = [
                F(name).desc() if descending else F(name).asc() for name in by_name
            ]
        else:
            # A missing number (no quiz taken, no session held) sorts as the lowest.
            ordering = [
                F(key).desc(nulls_last=True)
                if descending
                else F(key).asc(nulls_first=True),
                *by_name,
            ]
        return queryset.order_by(*ordering, "pk")

    def filter_queryset(self, queryset):
        if not self.filters:
            return queryset
        form = self.filters.form
        if not form.is_valid():
            for name in form.errors:
                field = form.fields.get(name)
                label = field.label if field else name
                self.ignored.append(
                    gettext("the filter “%(label)s”: “%(value)s”")
                    % {"label": label, "value": self.request.GET.get(name, "")}
                )
        # Only the valid filters are in cleaned_data: the others are left out.
        return self.filters.filter_queryset(queryset)

    def decorate_paginated_queryset(self, learners):
        learners = list(learners)
        certificates = dict(CERTIFICATE_CHOICES)
        for learner in learners:
            learner.full_name = learner.get_full_name() or learner.email
            learner.withdrawn = learner.enrolment == ENROLMENT_WITHDRAWN
            learner.heat = [
                _heat_cell(module, getattr(learner, module_field(module)))
                for module in self.modules
            ]
            learner.quiz_average_percent = (
                None if learner.quiz_average is None else round(learner.quiz_average)
            )
            learner.certificate_label = str(certificates[learner.certificate])
            learner.risk_reasons = _risk_reasons(learner.risk, self.rule)
            learner.at_risk_label = gettext("Yes") if learner.risk else gettext("No")
        return learners

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            modules=self.modules,
            rule_description=self.rule.description(),
            ignored=self.ignored,
        )
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The file is streamed after the view returns: fix the headings' language now.
        self.export_headings = {k: str(v) for k, v in self.export_headings.items()}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def _set_up_export(self):
        module_fields = [module_field(module) for module in self.modules]
        self.list_export = [
            "full_name",
            "email",
            "progress",
            *module_fields,
            "quiz_average_percent",
            "attendance",
            "certificate_label",
            "last_activity",
            "at_risk_label",
        ]
        self.export_headings = {
            "full_name": _("Learner"),
            "email": _("Email"),
            "progress": _("Progress (%)"),
            **{
                module_field(module): gettext("%(module)s (%%)")
                % {"module": module.title}
                for module in self.modules
            },
            "quiz_average_percent": _("Quiz average (%)"),
            "attendance": _("Attendance (%)"),
            "certificate_label": _("Certificate"),
            "last_activity": _("Last activity"),
            "at_risk_label": _("At risk"),
        }


def _heat_cell(module, percent) -> dict:
    """A module's cell of the heat row: 0 nothing done, 4 all done, 1–3 in between."""
    percent = percent or 0
    if percent >= 100:
        level = 4
    elif percent <= 0:
        level = 0
    else:
        level = 1 + min(percent * 3 // 100, 2)
    return {"title": module.title, "percent": percent, "level": level}


def _risk_reasons(risk: int, rule) -> list[str]:
    reasons = []
    if risk & RISK_INACTIVE:
        reasons.append(
            gettext("No activity for %(days)s days") % {"days": rule.inactive_days}
        )
    if risk & RISK_BEHIND:
        reasons.append(
            gettext("Quiz average below %(mark)s%% near the end")
            % {"mark": rule.pass_mark}
        )
    return reasons

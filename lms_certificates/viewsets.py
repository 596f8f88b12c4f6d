"""Certificates in the Wagtail admin: rules, final projects, and the certificates.

Coordinators list, filter and export certificates, issue one by hand and revoke or
reinstate one, each time with a reason that goes to the certificate's history. Nobody
deletes a certificate: a revoked one stays, so its verification page can say so.
"""

import django_filters
from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from lms_courses.exports import ExportInRequestLanguageMixin
from lms_courses.forms import LearnerEmailField

from . import issuing
from .eligibility import standing_of
from .forms import IssueForm, ReasonForm
from .models import Certificate, CertificateRule, ProjectCompletion
from .permissions import certificate_permission_policy


class CertificateRuleViewSet(ModelViewSet):
    model = CertificateRule
    url_namespace = "certificate_rules"
    icon = "tasks"
    menu_label = gettext_lazy("Certificate rules")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        Column("__str__", label=gettext_lazy("Cohort or course")),
        "quiz_requirement",
        "min_attendance_percent",
        "requires_project",
    ]
    copy_view_enabled = False


class ProjectCompletionForm(WagtailAdminModelForm):
    learner_email = LearnerEmailField()

    class Meta:
        model = ProjectCompletion
        fields = ["rule", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = CertificateRule.objects.filter(
            requires_project=True
        )
        if self.instance.pk:
            self.fields["learner_email"].initial = self.instance.user.email
            self.fields["learner_email"].disabled = True

    def clean(self):
        cleaned = super().clean()
        learner, rule = cleaned.get("learner_email"), cleaned.get("rule")
        if learner and rule:
            self.instance.user = learner
            marked = ProjectCompletion.objects.filter(rule=rule, user=learner)
            if marked.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(
                    _("This learner's project is already marked done.")
                )
        return cleaned


class ProjectCompletionCreateView(CreateView):
    def save_instance(self):
        self.form.instance.marked_by = self.request.user
        return super().save_instance()


class ProjectCompletionViewSet(ModelViewSet):
    model = ProjectCompletion
    add_view_class = ProjectCompletionCreateView
    url_namespace = "project_completions"
    icon = "tick"
    menu_label = gettext_lazy("Final projects done")
    menu_order = 211
    add_to_admin_menu = True
    list_display = ["user", "rule", "marked_at", "marked_by", "note"]
    list_filter = ["rule"]
    search_fields = ["user__email", "user__last_name"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return ProjectCompletionForm


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            ("valid", gettext_lazy("Valid")),
            ("revoked", gettext_lazy("Revoked")),
        ],
        method="filter_status",
        empty_label=gettext_lazy("Any"),
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Issued"), widget=DateRangePickerWidget
    )
    issued_by_hand = django_filters.BooleanFilter(
        label=gettext_lazy("Issued by hand"),
        field_name="issued_by",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Certificate
        fields = ["cohort"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=(value == "valid"))


class CertificateIndexView(ExportInRequestLanguageMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort", "user")


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        rule = _rule_of(certificate)
        context["standing"] = (
            standing_of(rule, certificate.user) if rule and certificate.user else None
        )
        context["can_change"] = self.permission_policy.user_has_permission(
            self.request.user, "change"
        )
        context["status_url"] = reverse(
            "certificates_admin:edit", args=[certificate.pk]
        )
        return context


class CertificateActionView(WagtailAdminTemplateMixin, FormView):
    """A form that changes certificates, shown in the admin's own layout."""

    template_name = "certificates/admin/form.html"
    header_icon = "doc-full"
    permission_required = ""

    def dispatch(self, request, *args, **kwargs):
        policy = certificate_permission_policy
        if not policy.user_has_permission(request.user, self.permission_required):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = self.submit_label
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class IssueView(CertificateActionView):
    form_class = IssueForm
    permission_required = "add"

    def get_page_title(self):
        return _("Issue a certificate by hand")

    @property
    def submit_label(self):
        return _("Issue the certificate")

    def form_valid(self, form):
        certificate = issuing.issue_by_hand(
            form.cleaned_data["rule"],
            form.cleaned_data["learner"],
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("Certificate issued to %(name)s.") % {"name": certificate.holder_name},
        )
        return redirect("certificates_admin:inspect", certificate.pk)


class StatusView(CertificateActionView):
    """Revoke a valid certificate, or reinstate a revoked one."""

    form_class = ReasonForm
    permission_required = "change"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certificate = get_object_or_404(Certificate, pk=kwargs["pk"])

    def get_page_title(self):
        if self.certificate.is_revoked:
            return _("Reinstate the certificate of %(name)s") % {
                "name": self.certificate.holder_name
            }
        return _("Revoke the certificate of %(name)s") % {
            "name": self.certificate.holder_name
        }

    @property
    def submit_label(self):
        if self.certificate.is_revoked:
            return _("Reinstate")
        return _("Revoke")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "certificate": self.certificate}

    def form_valid(self, form):
        change = issuing.reinstate if self.certificate.is_revoked else issuing.revoke
        certificate = change(
            self.certificate, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        if certificate.is_revoked:
            message = _("The certificate of %(name)s is revoked.")
        else:
            message = _("The certificate of %(name)s is valid again.")
        messages.success(self.request, message % {"name": certificate.holder_name})
        return redirect("certificates_admin:inspect", certificate.pk)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    url_namespace = "certificates_admin"  # "certificates" is the public verification
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 209
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["holder_name", "code"]
    list_display = [
        "holder_name",
        Column("programme_title", label=gettext_lazy("Programme")),
        "cohort",
        DateColumn("issued_at", label=gettext_lazy("Issued")),
        Column("status", label=gettext_lazy("Status")),
    ]
    list_export = [
        "holder_name",
        "user",
        "programme_title",
        "cohort_title",
        "starts_on",
        "ends_on",
        "issued_at",
        "issued_by",
        "issue_reason",
        "display_code",
        "status",
        "revoked_at",
        "revoke_reason",
    ]
    export_headings = {
        "user": gettext_lazy("Account"),
        "programme_title": gettext_lazy("Programme"),
        "cohort_title": gettext_lazy("Cohort"),
        "display_code": gettext_lazy("Verification code"),
        "status": gettext_lazy("Status"),
    }
    export_filename = "certificates"
    inspect_view_fields = [
        "holder_name",
        "programme_title",
        "cohort_title",
        "starts_on",
        "ends_on",
        "issued_at",
        "issued_by",
        "issue_reason",
        "display_code",
        "status",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]

    def get_urlpatterns(self):
        # Issuing and changing a certificate take a reason, not a model form; and
        # there is no delete.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", IssueView.as_view(), name="add"),
            path("edit/<int:pk>/", StatusView.as_view(), name="edit"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path(
                "history-results/<int:pk>/",
                self.history_results_view,
                name="history_results",
            ),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
        ]


def _rule_of(certificate: Certificate) -> CertificateRule | None:
    if certificate.cohort_id:
        return CertificateRule.objects.filter(cohort_id=certificate.cohort_id).first()
    return CertificateRule.objects.filter(course_key=certificate.course_key).first()

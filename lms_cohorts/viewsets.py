"""Admission in the Wagtail admin: cohorts, applications and the review screen."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from lms_courses.exports import ExportInRequestLanguageMixin

from .admission import AdmissionError, change_status, schedule_interview
from .forms import InterviewForm, ReviewForm, StatusForm
from .models import RUBRIC, Application, Cohort, Interview
from .permissions import REVIEW_PERMISSION, ApplicationChooserViewSet


class CohortIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().visible_to(self.request.user)


class CohortInspectView(InspectView):
    def get_object(self, queryset=None):
        cohorts = Cohort.objects.visible_to(self.request.user)
        return get_object_or_404(cohorts, pk=unquote(str(self.pk)))


class CohortViewSet(ModelViewSet):
    model = Cohort
    index_view_class = CohortIndexView
    inspect_view_class = CohortInspectView
    url_namespace = "cohorts_admin"  # "cohorts" is the public call for applications
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["name", "number", "starts_on", "ends_on", "format", "places"]
    list_filter = ["format"]
    search_fields = ["name_az", "name_en", "name_ru"]
    inspect_view_enabled = True
    copy_view_enabled = False


class ApplicationReviewView(WagtailAdminTemplateMixin, TemplateView):
    """One application, its scores, interview and history, and the decisions on it."""

    template_name = "cohorts/admin/review.html"
    header_icon = "form"
    viewset = None

    def dispatch(self, request, pk):
        if not request.user.has_perm(REVIEW_PERMISSION):
            return permission_denied(request)
        self.application = get_object_or_404(
            Application.objects.submitted().with_scores(), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.viewset.get_url_name("list")),
                "label": _("Applications"),
            },
            {"url": "", "label": str(self.application)},
        ]

    def get_context_data(self, **kwargs):
        application = self.application
        interview = getattr(application, "interview", None)
        own_review = application.reviews.filter(reviewer=self.request.user).first()
        return {
            **super().get_context_data(**kwargs),
            "application": application,
            "reviews": application.reviews.select_related("reviewer"),
            "criteria": application.reviews.aggregate(
                **{name: Avg(name) for name in RUBRIC}
            ),
            "history": application.history.select_related("changed_by"),
            "interview": interview,
            "review_form": kwargs.get("review_form") or ReviewForm(instance=own_review),
            "status_form": kwargs.get("status_form")
            or StatusForm(application=application),
            "interview_form": kwargs.get("interview_form")
            or InterviewForm(instance=interview, prefix="interview"),
            "can_interview": interview is not None
            or application.status == Application.Status.SHORTLISTED,
        }

    def post(self, request, pk):
        action = request.POST.get("action")
        handler = {
            "review": self._save_review,
            "status": self._change_status,
            "interview": self._save_interview,
        }.get(action)
        if handler is None:
            messages.error(request, _("Unknown action."))
            return self._stay()
        return handler(request)

    def _save_review(self, request):
        own = self.application.reviews.filter(reviewer=request.user).first()
        form = ReviewForm(request.POST, instance=own)
        if not form.is_valid():
            return self._invalid(review_form=form)
        review = form.save(commit=False)
        review.application = self.application
        review.reviewer = request.user
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:  # the same reviewer in two tabs
            messages.error(request, _("You have already scored this application."))
            return self._stay()
        messages.success(request, _("Your scores are saved."))
        return self._stay()

    def _change_status(self, request):
        form = StatusForm(request.POST, application=self.application)
        if not form.is_valid():
            return self._invalid(status_form=form)
        try:
            change_status(
                self.application,
                form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except AdmissionError as error:
            messages.error(request, str(error))
            return self._invalid(status_form=form)
        messages.success(
            request, _("The application has moved on; the applicant is told by email.")
        )
        return self._stay()

    def _save_interview(self, request):
        interview = getattr(self.application, "interview", None)
        if (
            interview is None
            and self.application.status != Application.Status.SHORTLISTED
        ):
            messages.error(
                request, _("Shortlist the application before scheduling an interview.")
            )
            return self._stay()
        form = InterviewForm(
            request.POST, instance=interview or Interview(), prefix="interview"
        )
        if not form.is_valid():
            return self._invalid(interview_form=form)
        with transaction.atomic():
            saved = form.save(commit=False)
            schedule_interview(
                self.application, saved, by=request.user, changed=form.changed_data
            )
            form.save_m2m()
        messages.success(request, _("The interview is saved."))
        return self._stay()

    def _invalid(self, **forms):
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def _stay(self):
        return redirect(self.viewset.get_url_name("edit"), self.application.pk)


class ApplicationIndexView(ExportInRequestLanguageMixin, SnippetIndexView):
    pass


class ApplicationViewSet(SnippetViewSet):
    model = Application
    index_view_class = ApplicationIndexView
    chooser_viewset_class = ApplicationChooserViewSet
    icon = "form"
    menu_label = _("Applications")
    menu_order = 206
    add_to_admin_menu = True
    list_display = [
        "__str__",
        Column("get_field_of_study_display", label=_("Field of study")),
        "university",
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("average_score", label=_("Average score"), sort_key="average_score"),
        Column("review_count", label=_("Reviews")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    list_filter = {
        "cohort": ["exact"],
        "status": ["exact"],
        "field_of_study": ["exact"],
        "university": ["icontains"],
    }
    search_fields = [
        "applicant__email",
        "applicant__first_name",
        "applicant__last_name",
        "university",
        "proposal_title",
    ]
    list_export = [
        "applicant_name",
        "applicant_email",
        "cohort",
        "get_status_display",
        "get_field_of_study_display",
        "get_study_status_display",
        "year",
        "university",
        "languages",
        "proposal_title",
        "average_score",
        "review_count",
        "interview_score",
        "submitted_at",
    ]
    export_headings = {
        "applicant_name": _("Applicant"),
        "applicant_email": _("Email"),
        "get_status_display": _("Status"),
        "get_field_of_study_display": _("Field of study"),
        "get_study_status_display": _("Studying or graduated"),
        "average_score": _("Average score"),
        "review_count": _("Reviews"),
        "interview_score": _("Interview score"),
    }
    export_filename = "applications"
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return Application.objects.submitted().with_scores()

    @property
    def edit_view(self):
        return ApplicationReviewView.as_view(viewset=self)

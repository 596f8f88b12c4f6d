"""Quiz results in the Wagtail admin: attempts with export, item statistics, regrade."""

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from lms_courses.exports import ExportInRequestLanguageMixin
from lms_courses.outline import original_page

from .models import Attempt, QuizPage
from .statistics import item_statistics


def can_manage(user, quiz: QuizPage) -> bool:
    """Those who may edit a quiz see its results, import into it and regrade it."""
    return quiz.permissions_for_user(user).can_edit()


class QuizResultsView(ExportInRequestLanguageMixin, ReportView):
    page_title = _("Quiz results")
    header_icon = "tasks"
    template_name = "quizzes/admin/results.html"
    index_url_name = "quiz_results"
    index_results_url_name = "quiz_results_results"
    permission_policy = None
    columns = [
        Column("learner_name", label=_("Learner")),
        Column("learner_email", label=_("Email")),
        Column("number", label=_("Attempt")),
        Column("get_status_display", label=_("Status")),
        Column("percent", label=_("Score (%)")),
        Column("passed_label", label=_("Passed")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    list_export = [
        "learner_name",
        "learner_email",
        "number",
        "status",
        "score",
        "max_score",
        "percent",
        "passed",
        "timed_out",
        "started_at",
        "submitted_at",
    ]
    export_headings = {
        "learner_name": _("Learner"),
        "learner_email": _("Email"),
        "number": _("Attempt"),
        "status": _("Status"),
        "score": _("Points"),
        "max_score": _("Out of"),
        "percent": _("Score (%)"),
        "passed": _("Passed"),
        "timed_out": _("Ended by the time limit"),
        "started_at": _("Started"),
        "submitted_at": _("Submitted"),
    }

    def dispatch(self, request, page_id, *args, **kwargs):
        quiz = get_object_or_404(QuizPage, pk=page_id)
        self.quiz = original_page(quiz).specific
        if not can_manage(request.user, quiz):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_filename(self):
        return f"quiz-{self.quiz.pk}-results"

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.quiz.pk])

    def get_queryset(self):
        return (
            Attempt.objects.filter(quiz_key=self.quiz.translation_key)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "number")
        )

    def decorate_paginated_queryset(self, attempts):
        attempts = list(attempts)
        for attempt in attempts:
            attempt.learner_name = attempt.user.get_full_name()
            attempt.learner_email = attempt.user.email
            attempt.passed_label = (
                "—"
                if attempt.passed is None
                else (_("Yes") if attempt.passed else _("No"))
            )
        return attempts

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        graded = Attempt.objects.filter(
            quiz_key=self.quiz.translation_key, status=Attempt.Status.GRADED
        )
        summary = graded.aggregate(
            attempts=Count("pk"),
            learners=Count("user", distinct=True),
            average=Avg("percent"),
            passed=Count("pk", filter=Q(passed=True)),
        )
        questions = {q.id: q for q in self.quiz.questions}
        context.update(
            quiz=self.quiz,
            summary=summary,
            pass_rate=(
                round(100 * summary["passed"] / summary["attempts"])
                if summary["attempts"]
                else None
            ),
            items=[
                (questions[row.question_id], row) for row in item_statistics(self.quiz)
            ],
        )
        return context

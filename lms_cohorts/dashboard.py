"""The applicant's applications on the dashboard, the cohorts of a trainer or a
coordinator, and the header's "Apply"."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import NavigationLink, roles_of

from .learners import APPLICANT, learner_applications
from .models import Application, Cohort

# Applications waiting for the School: read, shortlist, interview, decide.
TO_REVIEW = [
    Application.Status.SUBMITTED,
    Application.Status.SHORTLISTED,
    Application.Status.INTERVIEW,
]


class MyApplicationsPanel(DashboardPanel):
    order = 5
    template_name = "cohorts/dashboard/applications.html"

    def get_context_data(self) -> dict:
        return {"applications": self.applications}

    @classmethod
    def for_request(cls, request):
        applications = learner_applications(request.user)
        if not applications:
            return None
        panel = cls(request)
        panel.applications = applications
        return panel


class CohortsPanel(DashboardPanel):
    """A trainer's cohorts, or for a coordinator every running cohort with the
    applications waiting for a decision: one query, whatever the number."""

    order = 3
    template_name = "cohorts/dashboard/cohorts.html"

    @classmethod
    def for_request(cls, request):
        roles = roles_of(request)
        if not roles & {"trainer", "coordinator"}:
            return None
        user = request.user
        cohorts = list(
            Cohort.objects.visible_to(user)
            .shown_on_dashboards()
            .with_counts()
            .annotate(
                to_review=Count(
                    "applications", filter=Q(applications__status__in=TO_REVIEW)
                )
            )
            .order_by("starts_on")
        )
        panel = cls(request)
        panel.cohorts = cohorts
        panel.reviews = user.has_perm("lms_cohorts.change_application")
        return panel

    def get_context_data(self) -> dict:
        return {
            "cohorts": self.cohorts,
            "reviews": self.reviews,
            "to_review_status": TO_REVIEW[0],
        }


def apply_link(request, roles):
    """ "Apply" for visitors and for people the School does not know yet (or only
    as applicants)."""
    if roles - {APPLICANT}:
        return []
    return [NavigationLink(_("Apply"), reverse("cohorts:open_calls"), order=10)]

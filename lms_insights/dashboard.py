"""The learner's own mastery of the GCM objectives, and a trainer's or coordinator's
way to each cohort's insights, as panels of the dashboard."""

from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import roles_of

from .access import cohorts_visible_to
from .mastery import mastery_standing


class MasteryPanel(DashboardPanel):
    order = 18
    template_name = "insights/dashboard/mastery.html"

    @classmethod
    def for_request(cls, request):
        """The panel, or None for a visitor or a learner not tested on any objective."""
        user = request.user
        if not user.is_authenticated:
            return None
        standing = mastery_standing(user)
        if standing is None:
            return None
        panel = cls(request)
        panel.standing = standing
        return panel

    def get_context_data(self) -> dict:
        standing = self.standing
        return {
            "standing": standing,
            "to_revisit": [
                (row, standing.lessons.get(row.tag.pk, []))
                for row in standing.to_revisit
            ],
        }


class InsightsPanel(DashboardPanel):
    """Links to each running cohort's insight pages, for its trainers and the
    coordinators."""

    order = 4
    template_name = "insights/dashboard/insights.html"

    @classmethod
    def for_request(cls, request):
        if not roles_of(request) & {"trainer", "coordinator"}:
            return None
        cohorts = list(
            cohorts_visible_to(request.user).shown_on_dashboards().order_by("starts_on")
        )
        if not cohorts:
            return None
        panel = cls(request)
        panel.cohorts = cohorts
        return panel

    def get_context_data(self) -> dict:
        return {"cohorts": self.cohorts}

"""The learner's own mastery of the GCM objectives, as a panel of the dashboard."""

from lms_courses.dashboard import DashboardPanel

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

"""The quizzes learners took this week, for trainers and coordinators to look at."""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import roles_of
from lms_toolkit.languages import active_locale

from .models import Attempt, QuizPage

RECENT = timedelta(days=7)
SHOWN = 8


class RecentAttemptsPanel(DashboardPanel):
    """Each quiz with attempts graded in the last week: how many, how many passed,
    and a link to its results. Two queries, whatever the number of attempts."""

    order = 5
    template_name = "quizzes/dashboard/recent_attempts.html"

    @classmethod
    def for_request(cls, request):
        if not roles_of(request) & {"trainer", "coordinator"}:
            return None
        since = timezone.now() - RECENT
        counts = list(
            Attempt.objects.filter(
                status=Attempt.Status.GRADED, submitted_at__gte=since
            )
            .values("quiz_key")
            .annotate(
                graded=Count("pk"),
                passed=Count("pk", filter=Q(passed=True)),
                latest=Max("submitted_at"),
            )
            .order_by("-latest")[:SHOWN]
        )
        quizzes = {}
        if counts:
            # The quiz in the reader's language, else its original.
            for quiz in QuizPage.objects.filter(
                translation_key__in=[row["quiz_key"] for row in counts]
            ).order_by("pk"):
                if quiz.translation_key not in quizzes or (
                    quiz.locale_id == active_locale().pk
                ):
                    quizzes[quiz.translation_key] = quiz
        panel = cls(request)
        panel.rows = [
            (quizzes[row["quiz_key"]], row)
            for row in counts
            if row["quiz_key"] in quizzes
        ]
        return panel

    def get_context_data(self) -> dict:
        return {"rows": self.rows}

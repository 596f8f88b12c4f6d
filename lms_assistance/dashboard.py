"""The desk on the dashboard: the queue for those who work it, and for the
data-protection officer the audit log and the grants they hold. The header's links."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import NavigationLink, roles_of

from .access import visible_requests
from .models import AccessGrant, Status

SHOWN_GRANTS = 10


class DeskPanel(DashboardPanel):
    """The open requests the reader may see, by status, and their own tasks: one
    query, whatever the size of the queue. Counts only: no migrant's data."""

    order = 1
    template_name = "assistance/dashboard/desk.html"

    @classmethod
    def for_request(cls, request):
        roles = roles_of(request)
        if "desk" not in roles:
            return None
        user = request.user
        mine = Q(assignee=user) | Q(second_assignee=user)
        panel = cls(request)
        panel.counts = visible_requests(user).aggregate(
            new=Count("pk", filter=Q(status=Status.NEW)),
            assigned=Count("pk", filter=Q(status=Status.ASSIGNED)),
            in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
            my_tasks=Count(
                "pk",
                filter=mine & Q(status__in=[Status.ASSIGNED, Status.IN_PROGRESS]),
            ),
        )
        panel.staff = "desk_staff" in roles
        # The DPO reads the log (their own panel); the queue is for those who work it.
        if not panel.staff and "dpo" in roles and not panel.counts["my_tasks"]:
            return None
        return panel

    def get_context_data(self) -> dict:
        return {"counts": self.counts, "staff": self.staff}


class PrivacyPanel(DashboardPanel):
    """For the data-protection officer: the audit log, and the requests they may
    read under a grant until it expires."""

    order = 2
    template_name = "assistance/dashboard/privacy.html"

    @classmethod
    def for_request(cls, request):
        if "dpo" not in roles_of(request):
            return None
        panel = cls(request)
        panel.grants = list(
            AccessGrant.objects.filter(user=request.user, expires_at__gt=timezone.now())
            .select_related("request")
            .order_by("expires_at")[:SHOWN_GRANTS]
        )
        return panel

    def get_context_data(self) -> dict:
        return {"grants": self.grants}


def desk_links(request, roles):
    links = []
    if "desk" in roles:
        links.append(
            NavigationLink(_("Assistance desk"), reverse("desk:index"), order=40)
        )
    if "dpo" in roles:
        links.append(NavigationLink(_("Audit log"), reverse("desk:audit"), order=41))
    return links

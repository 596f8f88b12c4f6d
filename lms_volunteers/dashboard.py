"""The volunteer's standing on the dashboard (or a graduate's invitation), the union
staff's work waiting for them, and the volunteers' header links."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_certificates.models import Certificate
from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import NavigationLink, in_group, roles_of

from . import conf
from .admin.shifts import short_of_people_url
from .models import HoursEntry, ServiceLetter, Shift, SignUp, Volunteer
from .pipeline import pledges_to_accept

Status = Volunteer.Status


class VolunteeringPanel(DashboardPanel):
    order = 20
    template_name = "volunteers/dashboard/volunteering.html"

    def __init__(self, request, volunteer: Volunteer | None, pledges_pending: bool):
        super().__init__(request)
        self.volunteer = volunteer
        self.pledges_pending = pledges_pending

    @classmethod
    def for_request(cls, request):
        user = request.user
        if not roles_of(request) & {"volunteered", "graduate"}:
            return None  # most students: no query beyond the kept roles
        standing = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                volunteer_id=Subquery(
                    Volunteer.objects.filter(user=OuterRef("pk")).values("pk")[:1]
                ),
                graduate=Exists(
                    Certificate.objects.valid().filter(
                        user=OuterRef("pk"), cohort__isnull=False
                    )
                ),
            )
            .values("volunteer_id", "graduate")
            .first()
        )
        if standing is None:
            return None
        if standing["volunteer_id"] is not None:
            volunteer = Volunteer.objects.get(pk=standing["volunteer_id"])
            still_in = volunteer.status not in (Status.DECLINED, Status.LEFT)
            pending = still_in and bool(pledges_to_accept(volunteer))
            return cls(request, volunteer, pending)
        if standing["graduate"]:
            return cls(request, None, False)
        return None

    def get_context_data(self) -> dict:
        next_sign_up = None
        if self.volunteer and self.volunteer.status == Status.ACTIVE:
            next_sign_up = (
                SignUp.objects.confirmed()
                .filter(volunteer=self.volunteer, shift__starts_at__gt=timezone.now())
                .select_related("shift")
                .order_by("shift__starts_at")
                .first()
            )
        hours = open_shifts = None
        if self.volunteer and self.volunteer.status == Status.ACTIVE:
            hours = HoursEntry.objects.filter(volunteer=self.volunteer).aggregate(
                approved=Sum("hours", filter=Q(status=HoursEntry.Status.APPROVED)),
                pending=Sum("hours", filter=Q(status=HoursEntry.Status.PENDING)),
            )
            open_shifts = Shift.objects.open().short_of_people().count()
        return {
            "volunteer": self.volunteer,
            "pledges_pending": self.pledges_pending,
            "next_sign_up": next_sign_up,
            "hours": hours,
            "open_shifts": open_shifts,
        }


# Letters issued this long ago or less count as "recent" for the staff.
RECENT_LETTERS = timedelta(days=30)


class UnionStaffPanel(DashboardPanel):
    """What the union's staff have to do: shifts short of people, hours waiting for
        approval, applicants to screen, and the letters of service issued lately: four
    counts, whatever the numbers."""

    order = 2
    template_name = "volunteers/dashboard/union_staff.html"

    @classmethod
    def for_request(cls, request):
        if "union_staff" not in roles_of(request):
            return None
        now = timezone.now()
        panel = cls(request)
        panel.counts = {
            "applicants": Volunteer.objects.filter(status=Status.APPLICANT).count(),
            "short": Shift.objects.open(now).short_of_people().count(),
            "hours": HoursEntry.objects.pending().count(),
            "letters": ServiceLetter.objects.filter(
                issued_at__gte=now - RECENT_LETTERS, revoked_at__isnull=True
            ).count(),
        }
        return panel

    def get_context_data(self) -> dict:
        return {
            "counts": self.counts,
            "short_url": short_of_people_url(),
            "hours_url": reverse("volunteer_hours:index") + "?status=pending",
            "letters_url": reverse("volunteer_letters:index"),
            "applicants_url": reverse("volunteers_admin:index")
            + f"?status={Status.APPLICANT}",
        }


def volunteer_roles(user) -> dict:
    return {
        "volunteer": Exists(
            Volunteer.objects.filter(user=OuterRef("pk")).exclude(
                status__in=[Status.DECLINED, Status.LEFT]
            )
        ),
        # Anyone the union has a record of, declined or gone included: the
        # volunteering panel says where they stand.
        "volunteered": Exists(Volunteer.objects.filter(user=OuterRef("pk"))),
        "union_staff": in_group(conf.staff_group_name()),
    }


def volunteer_links(request, roles):
    if "volunteer" not in roles:
        return []
    return [
        NavigationLink(_("My volunteering"), reverse("volunteers:me"), order=30),
        NavigationLink(_("My shifts"), reverse("volunteers:my_shifts"), order=31),
    ]

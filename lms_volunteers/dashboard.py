"""The volunteer's standing on the student dashboard, or a graduate's invitation."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from lms_certificates.models import Certificate
from lms_courses.dashboard import DashboardPanel

from .models import SignUp, Volunteer
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
        if not user.is_authenticated:
            return None
        # One query for most students (neither volunteer nor graduate).
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
        return {
            "volunteer": self.volunteer,
            "pledges_pending": self.pledges_pending,
            "next_sign_up": next_sign_up,
        }

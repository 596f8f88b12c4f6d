"""Joining the union: applying, moving through the pipeline, accepting the pledges."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_certificates.models import Certificate

# The subject modules, not the package: models.pages reaches here through shifts.
from .models.members import StatusChange, Volunteer
from .models.pledges import Pledge, PledgeAcceptance

Status = Volunteer.Status

# Where staff may move a volunteer from each status (the platform moves "in training"
# to "active" by itself once the required trainings are done; staff may too).
MOVES = {
    Status.APPLICANT: {Status.SCREENED, Status.DECLINED},
    Status.SCREENED: {Status.IN_TRAINING, Status.DECLINED},
    Status.IN_TRAINING: {Status.ACTIVE, Status.PAUSED, Status.LEFT},
    Status.ACTIVE: {Status.PAUSED, Status.LEFT},
    Status.PAUSED: {Status.ACTIVE, Status.IN_TRAINING, Status.LEFT},
    Status.DECLINED: {Status.APPLICANT},
    Status.LEFT: {Status.APPLICANT},
}


class PipelineError(Exception):
    """A move or an application the rules refuse; the message is for the user."""


def graduate_certificate(user) -> Certificate | None:
    """The user's valid Migration School certificate, if any: it fast-tracks them."""
    if not user.is_authenticated:
        return None
    return (
        Certificate.objects.valid()
        .filter(user=user, cohort__isnull=False)
        .order_by("-issued_at")
        .first()
    )


def apply(user, **answers) -> Volunteer:
    """Record ``user``'s application. A graduate skips screening and starts in
    training; anyone applies once (a constraint), again only after leaving."""
    certificate = graduate_certificate(user)
    now = timezone.now()
    with transaction.atomic():
        existing = Volunteer.objects.select_for_update().filter(user=user).first()
        if existing and existing.status not in (Status.DECLINED, Status.LEFT):
            raise PipelineError(_("You have already applied to the union."))
        volunteer = existing or Volunteer(user=user)
        for field, value in answers.items():
            setattr(volunteer, field, value)
        previous = existing.status if existing else ""
        volunteer.status = Status.IN_TRAINING if certificate else Status.APPLICANT
        volunteer.fast_tracked = certificate is not None
        volunteer.applied_at = volunteer.status_changed_at = now
        try:
            volunteer.save()
        except IntegrityError as error:  # a second tab won the race
            raise PipelineError(_("You have already applied to the union.")) from error
        StatusChange.objects.create(
            volunteer=volunteer,
            from_status=previous,
            to_status=volunteer.status,
            changed_by=user,
            changed_at=now,
            reason=_fast_track_reason(certificate) if certificate else "",
        )
    return volunteer


def move(volunteer: Volunteer, to_status: str, *, by=None, reason: str = "") -> None:
    """Move ``volunteer`` to ``to_status``, recording who, when and why."""
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if to_status not in MOVES.get(locked.status, set()):
            raise PipelineError(
                _("A volunteer cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": locked.get_status_display(),
                    "to": Status(to_status).label,
                }
            )
        now = timezone.now()
        StatusChange.objects.create(
            volunteer=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=by,
            changed_at=now,
            reason=reason,
        )
        locked.status, locked.status_changed_at = to_status, now
        locked.save(update_fields=["status", "status_changed_at"])
    volunteer.status, volunteer.status_changed_at = locked.status, now


def pledges_in_force(now=None) -> list[Pledge]:
    """The latest version of each pledge that is in force."""
    now = now or timezone.now()
    latest = {}
    for pledge in Pledge.objects.filter(published_at__lte=now).order_by("-version"):
        latest.setdefault(pledge.kind, pledge)
    return sorted(latest.values(), key=lambda p: p.kind)


def pledges_to_accept(volunteer: Volunteer, now=None) -> list[Pledge]:
    """The pledges in force this volunteer has not accepted (in this version)."""
    accepted = set(volunteer.pledges_accepted.values_list("pledge_id", flat=True))
    return [p for p in pledges_in_force(now) if p.pk not in accepted]


def accept_pledges(volunteer: Volunteer, pledges: list[Pledge]) -> None:
    """Record the acceptances; accepting twice leaves one row each."""
    for pledge in pledges:
        PledgeAcceptance.objects.get_or_create(volunteer=volunteer, pledge=pledge)


def _fast_track_reason(certificate: Certificate) -> str:
    return str(
        _("Migration School graduate (certificate %(code)s): no screening.")
        % {"code": certificate.display_code}
    )

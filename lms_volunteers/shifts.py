"""Volunteer shifts: who may sign up, the waitlist, cancelling, and who sees whom.

Places are counted in ``Shift.places_taken``, changed only here and only under row
locks taken in one order (the volunteers' rows, then the shift's), so that two
people never get the last place; a check constraint backs the count in the database.
"""

import re
import zoneinfo
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms_background.mail import send_email

# The subject modules, not the package: models.pages imports this module.
from .models.members import Volunteer
from .models.qualifications import QualificationGrant
from .models.shifts import Shift, SignUp
from .pipeline import pledges_to_accept

SHIFT_FIELDS_VOLUNTEERS_ARE_TOLD = ("starts_at", "ends_at", "place")


class SignUpRefused(Exception):
    """A sign-up or a cancellation the rules refuse; the message is for the user."""

    def __init__(self, message: str):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class Contact:
    """What one person on a shift may see of another."""

    name: str
    email: str
    phone: str = ""


# Who may sign up -------------------------------------------------------------


def eligibility_problems(volunteer: Volunteer, shift: Shift, now=None) -> list[str]:
    """Why ``volunteer`` may not sign up for ``shift`` (empty: they may)."""
    now = now or timezone.now()
    return _problems(_standing(volunteer, now), shift, now)


def open_shifts(project: Page, volunteer: Volunteer | None = None) -> list:
    """The open shifts of ``project`` (any translation), soonest first, each with
    ``problems`` (why ``volunteer`` may not sign up), ``may_sign_up`` and
    ``my_sign_up`` (their live sign-up on it, if any). Seven queries at most."""
    now = timezone.now()
    shifts = list(
        Shift.objects.of_project(project)
        .open(now)
        .prefetch_related("required_qualifications")
    )
    standing = _standing(volunteer, now) if volunteer is not None else None
    for shift in shifts:
        shift.my_sign_up = standing.held.get(shift.pk) if standing else None
        shift.problems = _problems(standing, shift, now) if standing else []
        shift.may_sign_up = standing is not None and not shift.problems
    return shifts


def open_shifts_needing_people(now=None, limit: int = 10) -> list[Shift]:
    """The soonest open shifts of every project that still have places: one query."""
    return list(Shift.objects.open(now).short_of_people().order_by("starts_at")[:limit])


# Signing up and cancelling ---------------------------------------------------


def sign_up(volunteer: Volunteer, shift: Shift, now=None) -> SignUp:
    """Give ``volunteer`` a place on ``shift``, or one on its waitlist when it is full.

    Raises ``SignUpRefused`` with the first reason they may not.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked_volunteer = Volunteer.objects.select_for_update().get(
                pk=volunteer.pk
            )
            locked = Shift.objects.select_for_update().get(pk=shift.pk)
            problems = eligibility_problems(locked_volunteer, locked, now)
            if problems:
                raise SignUpRefused(problems[0])
            if locked.places_taken < locked.capacity:
                status = SignUp.Status.CONFIRMED
                Shift.objects.filter(pk=locked.pk).update(
                    places_taken=F("places_taken") + 1
                )
            else:
                status = SignUp.Status.WAITLISTED
            created = SignUp.objects.create(
                shift=locked, volunteer=locked_volunteer, status=status
            )
    except IntegrityError as error:
        # The constraints caught what the locks should have: a place taken twice.
        raise SignUpRefused(
            _("The shift changed while you were signing up. Please try again.")
        ) from error
    shift.refresh_from_db(fields=["places_taken"])
    return created


def cancel(sign_up: SignUp, now=None) -> SignUp | None:
    """The volunteer gives up their place (until the shift's cancel deadline) or their
    waitlist place (until it starts). A freed place goes to the first one waiting who
    may still take it; they are emailed. Returns the promoted sign-up, if any."""
    now = now or timezone.now()
    with transaction.atomic():
        waiting = SignUp.objects.waitlisted().filter(shift_id=sign_up.shift_id)
        _lock_volunteers(
            {sign_up.volunteer_id, *waiting.values_list("volunteer_id", flat=True)}
        )
        shift = Shift.objects.select_for_update().get(pk=sign_up.shift_id)
        current = SignUp.objects.get(pk=sign_up.pk)
        if current.status == SignUp.Status.CANCELLED:
            raise SignUpRefused(_("You are not signed up for this shift any more."))
        _check_may_cancel(current, shift, now)
        freed = current.status == SignUp.Status.CONFIRMED
        current.status, current.cancelled_at = SignUp.Status.CANCELLED, now
        current.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed:
            promoted = _promote_first_eligible(shift, now)
            if promoted is None:
                Shift.objects.filter(pk=shift.pk).update(
                    places_taken=F("places_taken") - 1
                )
    sign_up.status, sign_up.cancelled_at = current.status, current.cancelled_at
    if promoted is not None:
        send_shift_email(promoted, "volunteers/emails/shift_promoted")
    return promoted


def may_cancel(sign_up: SignUp, now=None) -> bool:
    """Whether the volunteer may still cancel ``sign_up`` themselves."""
    try:
        _check_may_cancel(sign_up, sign_up.shift, now or timezone.now())
    except SignUpRefused:
        return False
    return sign_up.status != SignUp.Status.CANCELLED


def cancel_shift(shift: Shift, *, by, reason: str) -> int:
    """Staff cancel ``shift``: every place and waitlist place ends, and each holder is
    told why. Returns how many were told. ``by`` is the staff member who decided."""
    reason = (reason or "").strip()
    if not reason:
        raise SignUpRefused(_("Say why the shift is cancelled: volunteers are told."))
    now = timezone.now()
    with transaction.atomic():
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        if locked.status == Shift.Status.CANCELLED:
            raise SignUpRefused(_("This shift has already been cancelled."))
        holders = list(
            SignUp.objects.holding()
            .filter(shift=locked)
            .select_related("volunteer__user")
        )
        SignUp.objects.filter(pk__in=[s.pk for s in holders]).update(
            status=SignUp.Status.CANCELLED, cancelled_at=now
        )
        locked.status, locked.cancel_reason, locked.places_taken = (
            Shift.Status.CANCELLED,
            reason[:500],
            0,
        )
        locked.save(update_fields=["status", "cancel_reason", "places_taken"])
        for holder in holders:
            holder.shift = locked
            send_shift_email(
                holder,
                "volunteers/emails/shift_cancelled",
                {"reason": locked.cancel_reason},
            )
    shift.status, shift.cancel_reason, shift.places_taken = (
        locked.status,
        locked.cancel_reason,
        0,
    )
    return len(holders)


def shift_changed(shift: Shift, before: dict) -> int:
    """After staff edit ``shift``: tell everyone holding a place or waiting what
    changed of its times and place (``before`` holds the old values). Returns how
    many were told."""
    changed = {
        name
        for name in SHIFT_FIELDS_VOLUNTEERS_ARE_TOLD
        if name in before and before[name] != getattr(shift, name)
    }
    if not changed or shift.status == Shift.Status.CANCELLED:
        return 0
    holders = list(
        SignUp.objects.holding().filter(shift=shift).select_related("volunteer__user")
    )
    with transaction.atomic():
        if "starts_at" in changed:  # the day-before reminder is due again
            SignUp.objects.filter(shift=shift).update(reminded_at=None)
        for holder in holders:
            holder.shift = shift
            send_shift_email(
                holder,
                "volunteers/emails/shift_changed",
                {
                    "before": {
                        name: before.get(name, getattr(shift, name))
                        for name in SHIFT_FIELDS_VOLUNTEERS_ARE_TOLD
                    },
                    "time_changed": bool(changed & {"starts_at", "ends_at"}),
                    "place_changed": "place" in changed,
                },
            )
    return len(holders)


# Who sees whom ---------------------------------------------------------------


def may_see_contact(viewer_user, volunteer: Volunteer, shift: Shift) -> bool:
    """The shift's lead sees everyone on it; one with a confirmed place sees the lead.
    Everyone sees themselves; nobody else sees anybody."""
    if not getattr(viewer_user, "is_authenticated", False):
        return False
    if viewer_user.pk == volunteer.user_id:
        return True
    on_shift = SignUp.objects.filter(shift=shift)
    if shift.lead_id == viewer_user.pk:
        return on_shift.holding().filter(volunteer=volunteer).exists()
    if shift.lead_id == volunteer.user_id:
        return on_shift.confirmed().filter(volunteer__user=viewer_user).exists()
    return False


def roster(shift: Shift) -> list[SignUp]:
    """Those holding a place, then those waiting in order, with their contacts: for
    the shift's lead only (see ``may_see_contact``)."""
    sign_ups = list(
        SignUp.objects.holding()
        .filter(shift=shift)
        .select_related("volunteer__user")
        .order_by("signed_up_at", "pk")
    )
    confirmed = [s for s in sign_ups if s.status == SignUp.Status.CONFIRMED]
    waiting = [s for s in sign_ups if s.status == SignUp.Status.WAITLISTED]
    for position, waiting_one in enumerate(waiting, start=1):
        waiting_one.position = position
    return confirmed + waiting


def lead_contact(viewer_user, shift: Shift) -> Contact | None:
    """The lead's name, email and phone, when ``viewer_user`` may see them."""
    if shift.lead_id is None or not getattr(viewer_user, "is_authenticated", False):
        return None
    lead = shift.lead
    as_volunteer = Volunteer.objects.filter(user_id=lead.pk).first()
    if as_volunteer is not None:
        allowed = may_see_contact(viewer_user, as_volunteer, shift)
    else:  # a member of staff who leads without being a volunteer
        allowed = viewer_user.pk == lead.pk or (
            SignUp.objects.confirmed()
            .filter(shift=shift, volunteer__user=viewer_user)
            .exists()
        )
    if not allowed:
        return None
    return Contact(
        name=lead.get_full_name() or lead.email,
        email=lead.email,
        phone=as_volunteer.phone if as_volunteer else "",
    )


# A volunteer's own shifts ----------------------------------------------------


def waitlist_position(sign_up: SignUp) -> int:
    """1 for the first one waiting."""
    return _ahead_in_waitlist(SignUp.objects.filter(pk=sign_up.pk)).get() + 1


def sign_ups_of(volunteer: Volunteer, now=None) -> tuple[list[SignUp], list[SignUp]]:
    """The volunteer's upcoming sign-ups (places and waitlist places, each waiting
    one with ``position``) and their past places, most recent first. Two queries."""
    now = now or timezone.now()
    mine = SignUp.objects.filter(volunteer=volunteer).select_related(
        "shift__project", "shift__lead"
    )
    upcoming = list(
        mine.holding()
        .filter(shift__ends_at__gt=now)
        .annotate(ahead=_ahead_subquery())
        .order_by("shift__starts_at", "pk")
    )
    for held in upcoming:
        held.position = held.ahead + 1 if held.status == SignUp.Status.WAITLISTED else 0
    past = list(
        mine.confirmed()
        .filter(shift__ends_at__lte=now)
        .order_by("-shift__starts_at", "-pk")
    )
    return upcoming, past


def send_shift_email(sign_up: SignUp, template: str, context: dict | None = None):
    """Email the volunteer of ``sign_up`` about its shift, with times in their zone."""
    user = sign_up.volunteer.user
    try:
        zone = zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or "")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    with timezone.override(zone):
        return send_email(
            user,
            template,
            {"sign_up": sign_up, "shift": sign_up.shift, **(context or {})},
        )


# Private ---------------------------------------------------------------------


@dataclass
class _Standing:
    """What decides a volunteer's eligibility beyond the shift itself."""

    volunteer: Volunteer
    qualification_ids: set[int]
    pledges_missing: bool
    held: dict[int, SignUp] = field(default_factory=dict)  # by shift id, upcoming


def _standing(volunteer: Volunteer, now) -> _Standing:
    """Four queries: valid grants, pledges in force and accepted, upcoming sign-ups."""
    grants = QualificationGrant.objects.filter(volunteer=volunteer).valid(now)
    held = (
        SignUp.objects.holding()
        .filter(volunteer=volunteer, shift__ends_at__gt=now)
        .select_related("shift")
    )
    return _Standing(
        volunteer=volunteer,
        qualification_ids=set(grants.values_list("qualification_id", flat=True)),
        pledges_missing=bool(pledges_to_accept(volunteer, now)),
        held={held_one.shift_id: held_one for held_one in held},
    )


def _problems(standing: _Standing, shift: Shift, now, *, promoting=False) -> list[str]:
    volunteer = standing.volunteer
    problems = []
    if shift.status == Shift.Status.CANCELLED:
        problems.append(_("This shift has been cancelled."))
    elif shift.ends_at <= now:
        problems.append(_("This shift is over."))
    elif shift.starts_at <= now:
        problems.append(_("This shift has already started."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        problems.append(
            _("Only active volunteers may sign up for shifts; you are “%(status)s”.")
            % {"status": volunteer.get_status_display()}
        )
    if standing.pledges_missing:
        problems.append(
            _("Please accept the union's latest pledges on your volunteering page.")
        )
    missing = [
        str(qualification)
        for qualification in shift.required_qualifications.all()
        if qualification.pk not in standing.qualification_ids
    ]
    if missing:
        problems.append(
            _("This shift needs a valid qualification you do not hold: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    unspoken = [
        language
        for language in shift.languages_required()
        if not _speaks(volunteer, language)
    ]
    if unspoken:
        problems.append(
            _("This shift needs volunteers who speak %(languages)s.")
            % {"languages": ", ".join(unspoken)}
        )
    mine = standing.held.get(shift.pk)
    if mine is not None and not promoting:
        if mine.status == SignUp.Status.WAITLISTED:
            problems.append(_("You are already on this shift's waitlist."))
        else:
            problems.append(_("You are already signed up for this shift."))
    for other in standing.held.values():
        if other.shift_id != shift.pk and _overlap(other.shift, shift):
            problems.append(
                _("It overlaps your shift “%(title)s” on %(when)s.")
                % {"title": other.shift.translated_title, "when": _when(other.shift)}
            )
            break
    return problems


def _speaks(volunteer: Volunteer, language: str) -> bool:
    spoken = {part.strip().lower() for part in volunteer.languages.split(",")}
    spoken |= {word.lower() for word in re.split(r"[\s,;/]+", volunteer.languages)}
    return language.strip().lower() in spoken


def _overlap(one: Shift, other: Shift) -> bool:
    return one.starts_at < other.ends_at and one.ends_at > other.starts_at


def _when(shift: Shift) -> str:
    return formats.date_format(timezone.localtime(shift.starts_at), "DATETIME_FORMAT")


def _lock_volunteers(volunteer_ids) -> None:
    """Lock in primary-key order, so that two cancellations never deadlock."""
    list(
        Volunteer.objects.select_for_update()
        .filter(pk__in=volunteer_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _check_may_cancel(sign_up: SignUp, shift: Shift, now) -> None:
    if shift.status == Shift.Status.CANCELLED:
        raise SignUpRefused(_("This shift has been cancelled."))
    if sign_up.status == SignUp.Status.WAITLISTED:
        # Leaving the waitlist takes nobody's place: allowed until the start.
        if now >= shift.starts_at:
            raise SignUpRefused(_("This shift has already started."))
        return
    if now >= shift.cancel_deadline():
        raise SignUpRefused(
            _(
                "It is too late to cancel here: places could be cancelled until "
                "%(deadline)s. Please contact the shift's lead."
            )
            % {
                "deadline": formats.date_format(
                    timezone.localtime(shift.cancel_deadline()), "DATETIME_FORMAT"
                )
            }
        )


def _promote_first_eligible(shift: Shift, now) -> SignUp | None:
    """The freed place goes to the first one waiting who may still take it; those
    who may not (paused, qualification expired…) keep waiting."""
    for waiting in (
        SignUp.objects.waitlisted()
        .filter(shift=shift)
        .select_related("volunteer__user")
    ):
        if _problems(_standing(waiting.volunteer, now), shift, now, promoting=True):
            continue
        waiting.status = SignUp.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        waiting.shift = shift
        return waiting
    return None


def _ahead_subquery():
    """How many wait before the outer sign-up on its shift (0 when it is first)."""
    ahead = (
        SignUp.objects.filter(shift=OuterRef("shift"), status=SignUp.Status.WAITLISTED)
        .filter(
            Q(signed_up_at__lt=OuterRef("signed_up_at"))
            | Q(signed_up_at=OuterRef("signed_up_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("shift")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(ahead), Value(0))


def _ahead_in_waitlist(queryset):
    return queryset.annotate(ahead=_ahead_subquery()).values_list("ahead", flat=True)

"""Drives: staff open one with appointment slots at a place (each slot a shift the
union's volunteers sign up for), migrants book a slot without an account and keep a
code to move or cancel it, and staff record who was helped and who did not come.

Places are counted in ``DriveSlot.booked``, changed only here and only under row
locks taken in one order (the slots' rows by primary key, then the booking's), so two
people never get the last place; a check constraint backs the count in the database.
A booking's code is shown once: only its SHA-256 hash is kept.
"""

import datetime
import hashlib
import math
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms_volunteers.models import ProjectPage, Qualification, Shift

from . import conf
from .models import REFERENCE_ALPHABET, Booking, Desk, Drive, DriveSlot

CODE_LENGTH = 12
MAX_SLOTS_AT_ONCE = 48
MAX_CODE_INPUT = 40
OUTCOMES = (Booking.Status.HELPED, Booking.Status.NO_SHOW)


class DriveRefused(Exception):
    """A change the rules refuse; the message is for the person who asked."""

    def __init__(self, message: str):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class DriveStats:
    """What a drive's page counts: its slots, places, and what became of bookings."""

    slots: int = 0
    places: int = 0
    booked: int = 0
    helped: int = 0
    no_shows: int = 0
    cancelled: int = 0

    @property
    def places_left(self) -> int:
        return max(self.places - self.booked, 0)


# Staff: drives and their slots ---------------------------------------------


def drives_for(user) -> QuerySet:
    """The drives ``user`` runs: those of their desks (every one for a superuser)."""
    drives = Drive.objects.select_related("desk")
    if user.is_superuser:
        return drives
    return drives.filter(desk__staff=user)


def desks_for(user) -> QuerySet:
    """The desks ``user`` may open a drive for."""
    return Desk.objects.all() if user.is_superuser else Desk.objects.filter(staff=user)


def open_drive(
    desk: Desk,
    *,
    title: str,
    place: str,
    project: ProjectPage,
    kind: str,
    description: str = "",
) -> Drive:
    """A new drive, open for booking at once through its link."""
    return Drive.objects.create(
        desk=desk,
        title=title.strip(),
        place=place.strip(),
        project=project,
        kind=kind,
        description=description.strip(),
    )


def set_open(drive: Drive, is_open: bool) -> None:
    """Open the drive for booking, or stop bookings (booked places stay)."""
    Drive.objects.filter(pk=drive.pk).update(is_open=is_open)
    drive.is_open = is_open


def volunteers_needed(places: int) -> int:
    """One volunteer for every four migrants of a slot, and at least one."""
    return max(1, math.ceil(places / 4))


def add_slots(
    drive: Drive,
    *,
    first_starts_at: datetime.datetime,
    count: int,
    minutes: int,
    places: int,
    volunteers: int | None = None,
    lead=None,
    now=None,
) -> list[DriveSlot]:
    """``count`` slots one after another from ``first_starts_at``, each ``minutes``
    long for ``places`` migrants, and each a shift of the drive's project for
    ``volunteers`` volunteers (see ``volunteers_needed``) led by ``lead``."""
    now = now or timezone.now()
    if not 1 <= count <= MAX_SLOTS_AT_ONCE:
        raise DriveRefused(
            _("Add between 1 and %(most)s slots at a time.")
            % {"most": MAX_SLOTS_AT_ONCE}
        )
    if minutes < 5 or places < 1 or (volunteers is not None and volunteers < 1):
        raise DriveRefused(_("A slot lasts 5 minutes or more, for 1 place or more."))
    if first_starts_at <= now:
        raise DriveRefused(_("Slots must start in the future."))
    length = datetime.timedelta(minutes=minutes)
    times = [
        (first_starts_at + n * length, first_starts_at + (n + 1) * length)
        for n in range(count)
    ]
    required = Qualification.objects.filter(name_en=conf.qualification_name()).first()
    with transaction.atomic():
        # One drive's slots are added one batch at a time, so overlaps are seen.
        Drive.objects.select_for_update().filter(pk=drive.pk).first()
        clash = (
            drive.slots.filter(starts_at__lt=times[-1][1], ends_at__gt=times[0][0])
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise DriveRefused(
                _("These times overlap the drive's slot of %(when)s.")
                % {"when": slot_time(clash)}
            )
        created = []
        for starts_at, ends_at in times:
            shift = Shift.objects.create(
                project=drive.project,
                title=drive.title[:200],
                place=drive.place,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=volunteers or volunteers_needed(places),
                lead=lead if getattr(lead, "is_authenticated", False) else None,
            )
            if required is not None:
                shift.required_qualifications.add(required)
            created.append(
                DriveSlot.objects.create(
                    drive=drive,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=places,
                    shift=shift,
                )
            )
    return created


def slots_with_bookings(drive: Drive) -> list[DriveSlot]:
    """The drive's slots with their shift and bookings, and ``helped`` and
    ``no_shows`` counted on each: two queries, however many slots."""
    slots = list(
        drive.slots.select_related("shift").prefetch_related(
            Prefetch("bookings", queryset=Booking.objects.order_by("created_at", "pk"))
        )
    )
    for slot in slots:
        statuses = [booking.status for booking in slot.bookings.all()]
        slot.helped = statuses.count(Booking.Status.HELPED)
        slot.no_shows = statuses.count(Booking.Status.NO_SHOW)
    return slots


def statistics(drives) -> dict[int, DriveStats]:
    """Each drive's counts, by its id: two queries, however many drives."""
    ids = [drive.pk for drive in drives]
    counts = {pk: {} for pk in ids}
    for row in (
        DriveSlot.objects.filter(drive_id__in=ids)
        .values("drive_id")
        .annotate(slots=Count("pk"), places=Sum("capacity"), booked=Sum("booked"))
        .order_by()
    ):
        counts[row["drive_id"]].update(
            slots=row["slots"], places=row["places"] or 0, booked=row["booked"] or 0
        )
    field_of_status = {
        Booking.Status.HELPED: "helped",
        Booking.Status.NO_SHOW: "no_shows",
        Booking.Status.CANCELLED: "cancelled",
    }
    for row in (
        Booking.objects.filter(slot__drive_id__in=ids)
        .values("slot__drive_id", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        name = field_of_status.get(row["status"])
        if name:
            counts[row["slot__drive_id"]][name] = row["number"]
    return {pk: DriveStats(**values) for pk, values in counts.items()}


def mark(booking: Booking, outcome: str, now=None) -> tuple[Booking, str]:
    """Staff record that the migrant was helped or did not come, once the slot has
    started (a mistake may be corrected). Returns the booking and its former status."""
    if outcome not in OUTCOMES:
        raise DriveRefused(_("Choose whether the person was helped or did not come."))
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("slot")
            .get(pk=booking.pk)
        )
        if current.status == Booking.Status.CANCELLED:
            raise DriveRefused(_("This booking was cancelled."))
        if current.slot.starts_at > now:
            raise DriveRefused(_("You can record who came once the slot has started."))
        before = current.status
        current.status = outcome
        current.save(update_fields=["status"])
    return current, before


# Migrants: booking, moving and cancelling -------------------------------------


def bookable_slots(drive: Drive, now=None) -> QuerySet:
    """The drive's slots still to come with a place left, soonest first."""
    return drive.slots.filter(
        starts_at__gt=now or timezone.now(), booked__lt=F("capacity")
    ).order_by("starts_at", "pk")


def book(
    slot: DriveSlot, *, name: str, phone: str = "", language: str, now=None
) -> tuple[Booking, str]:
    """A place in ``slot`` and the code that lets its holder move or cancel it.

    The code is returned once and never stored; anyone may book any number of
    times, so that booking says nothing about who else has booked.
    """
    name = " ".join(name.split())
    if not name:
        raise DriveRefused(
            _("Please give a name, so that the desk knows whom to expect.")
        )
    now = now or timezone.now()
    code = new_code()
    try:
        with transaction.atomic():
            locked = _lock_slots([slot.pk]).get(slot.pk)
            _check_bookable(locked, now)
            booking = Booking.objects.create(
                slot=locked,
                code_hash=hash_code(code),
                name=name[:100],
                phone=phone.strip()[:40],
                language=language,
            )
            DriveSlot.objects.filter(pk=locked.pk).update(booked=F("booked") + 1)
    except IntegrityError as error:
        # The constraint caught what the lock should have: the last place taken twice.
        raise DriveRefused(_full_message()) from error
    slot.booked = locked.booked + 1
    return booking, code


def find_booking(drive: Drive, code: str) -> Booking | None:
    """The booking of ``drive`` with this code, or None: one query either way."""
    normalised = normalise_code(code)
    if not normalised:
        return None
    return (
        Booking.objects.select_related("slot__drive")
        .filter(code_hash=hash_code(normalised), slot__drive=drive, anonymised=False)
        .first()
    )


def may_change(booking: Booking, now=None) -> bool:
    """Whether its holder may still move or cancel ``booking``."""
    return booking.status == Booking.Status.BOOKED and booking.slot.starts_at > (
        now or timezone.now()
    )


def move(booking: Booking, slot: DriveSlot, now=None) -> Booking:
    """Move ``booking`` to another slot of its drive that has a place left."""
    if slot.pk == booking.slot_id:
        raise DriveRefused(_("Your booking is already at this time."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            current, slots = _lock_booking(booking, [slot.pk])
            old, new = slots[current.slot_id], slots.get(slot.pk)
            _check_changeable(current, old, now)
            if new is None or new.drive_id != old.drive_id:
                raise DriveRefused(_full_message())
            _check_bookable(new, now)
            current.slot = new
            current.save(update_fields=["slot"])
            DriveSlot.objects.filter(pk=old.pk).update(booked=F("booked") - 1)
            DriveSlot.objects.filter(pk=new.pk).update(booked=F("booked") + 1)
    except IntegrityError as error:
        raise DriveRefused(_full_message()) from error
    booking.slot = current.slot
    return booking


def cancel(booking: Booking, now=None) -> Booking:
    """Give up the place of ``booking`` (until its slot starts); it frees the place."""
    now = now or timezone.now()
    with transaction.atomic():
        current, slots = _lock_booking(booking, [])
        slot = slots[current.slot_id]
        _check_changeable(current, slot, now)
        current.status = Booking.Status.CANCELLED
        current.save(update_fields=["status"])
        DriveSlot.objects.filter(pk=slot.pk).update(booked=F("booked") - 1)
    booking.status = current.status
    return booking


# Codes -----------------------------------------------------------------------


def new_code() -> str:
    """Twelve characters without look-alikes (no O/0, I/1): about 60 random bits."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """As typed, without spaces or dashes, in capitals; empty when it cannot be one."""
    code = "".join((code or "").split()).replace("-", "").upper()
    return code if 0 < len(code) <= MAX_CODE_INPUT else ""


def display_code(code: str) -> str:
    """``ABCDEFGHJKLM`` as ``ABCD-EFGH-JKLM``, easier to copy down."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def slot_time(slot: DriveSlot) -> str:
    """E.g. “12 October 2026, 10:00–10:30”, in the current time zone."""
    starts, ends = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    end_format = "TIME_FORMAT" if starts.date() == ends.date() else "DATETIME_FORMAT"
    first = formats.date_format(starts, "DATE_FORMAT")
    return (
        f"{first}, {formats.time_format(starts, 'TIME_FORMAT')}"
        f"–{formats.date_format(ends, end_format)}"
    )


# Private ---------------------------------------------------------------------


def _lock_slots(slot_ids) -> dict[int, DriveSlot]:
    """Lock in primary-key order, so that two moves never deadlock."""
    return {
        slot.pk: slot
        for slot in DriveSlot.objects.select_for_update(of=("self",))
        .select_related("drive")
        .filter(pk__in=set(slot_ids))
        .order_by("pk")
    }


def _lock_booking(booking: Booking, other_slot_ids) -> tuple[Booking, dict]:
    slots = _lock_slots({booking.slot_id, *other_slot_ids})
    current = Booking.objects.select_for_update().get(pk=booking.pk)
    if current.slot_id not in slots:  # moved by another request meanwhile
        raise DriveRefused(
            _("This booking changed meanwhile. Please look it up again.")
        )
    return current, slots


def _check_bookable(slot: DriveSlot | None, now) -> None:
    if slot is None or not slot.drive.is_open:
        raise DriveRefused(_("This drive is not taking bookings any more."))
    if slot.starts_at <= now:
        raise DriveRefused(_("This time has already begun. Please choose a later one."))
    if slot.booked >= slot.capacity:
        raise DriveRefused(_full_message())


def _check_changeable(booking: Booking, slot: DriveSlot, now) -> None:
    if booking.status == Booking.Status.CANCELLED:
        raise DriveRefused(_("This booking is already cancelled."))
    if booking.status != Booking.Status.BOOKED or slot.starts_at <= now:
        raise DriveRefused(
            _("This appointment has begun, so it can no longer be changed here.")
        )


def _full_message() -> str:
    return _("This time is full now. Please choose another time.")

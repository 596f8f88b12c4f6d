"""Drives: campaigns with appointment slots that migrants book without an account."""

import secrets

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import TEXT_LIMIT, HelpKind, Language
from .desks import Desk


def new_drive_token() -> str:
    return secrets.token_urlsafe(9)


class Drive(models.Model):
    """A campaign with appointment slots at a place, shared by one link."""

    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, related_name="drives", verbose_name=_("desk")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("E.g. “Foreign students of the medical university, October”."),
    )
    description = models.TextField(
        _("description"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("What migrants can get help with, and what to bring."),
    )
    place = models.CharField(_("place"), max_length=300)
    kind = models.CharField(
        _("help offered"),
        max_length=16,
        choices=HelpKind.choices,
        default=HelpKind.FORMS,
    )
    project = models.ForeignKey(
        "lms_volunteers.ProjectPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("project"),
        help_text=_("Volunteers sign up for the slots as shifts of this project."),
    )
    token = models.CharField(
        max_length=20, unique=True, default=new_drive_token, editable=False
    )
    is_open = models.BooleanField(
        _("open for booking"), default=True, help_text=_("Untick to stop bookings.")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("drive")
        verbose_name_plural = _("drives")

    def __str__(self):
        return self.title


class DriveSlot(models.Model):
    """An appointment time of a drive, for a number of migrants."""

    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), help_text=_("How many migrants can be helped in this slot.")
    )
    # Kept under a row lock; the check constraint forbids over-booking anyway.
    booked = models.PositiveSmallIntegerField(default=0, editable=False)
    shift = models.OneToOneField(
        "lms_volunteers.Shift",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drive_slot",
        editable=False,
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="assistance_slot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="assistance_slot_has_places"
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="assistance_slot_never_overbooked",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.drive} · {local:%Y-%m-%d %H:%M}"

    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


class Booking(models.Model):
    """A migrant's appointment in a slot, made without an account."""

    class Status(models.TextChoices):
        BOOKED = "booked", pgettext_lazy("booking status", "Booked")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
        HELPED = "helped", pgettext_lazy("booking status", "Helped")
        NO_SHOW = "no_show", pgettext_lazy("booking status", "Did not come")

    slot = models.ForeignKey(
        DriveSlot, on_delete=models.PROTECT, related_name="bookings"
    )
    # Only the code's hash is kept: the code itself is shown once, to the migrant.
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["slot", "created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["booked", "cancelled", "helped", "no_show"]),
                name="assistance_booking_known_status",
            )
        ]

    def __str__(self):
        return f"{self.slot} · {self.pk}"

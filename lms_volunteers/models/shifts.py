"""Shifts of a project and the volunteers' places on them, or on their waitlist."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from lms_toolkit.languages import in_reader_language

from .members import Volunteer
from .qualifications import Qualification


class ShiftQuerySet(models.QuerySet):
    def open(self, now=None):
        """Not cancelled and not started yet: what volunteers may still sign up for."""
        return self.filter(
            status=Shift.Status.OPEN, starts_at__gt=now or timezone.now()
        )

    def of_project(self, project: Page):
        """The shifts of a project, whichever translation of its page is given."""
        return self.filter(project_key=project.translation_key)

    def short_of_people(self):
        return self.filter(places_taken__lt=models.F("capacity"))


class Shift(models.Model):
    """A task of a project at a place and time, for a number of volunteers."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("shift status", "Open")
        CANCELLED = "cancelled", pgettext_lazy("shift status", "Cancelled")

    project = models.ForeignKey(
        "lms_volunteers.ProjectPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("project"),
    )
    # The project's translation key: one project in three languages has one set of
    # shifts, whichever translation staff picked.
    project_key = models.UUIDField(editable=False, db_index=True)
    title = models.CharField(
        _("task (Azerbaijani)"),
        max_length=200,
        help_text=_("What volunteers do, e.g. “Help with residence permit forms”."),
    )
    title_en = models.CharField(
        _("task (English)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: English readers see the Azerbaijani task."),
    )
    title_ru = models.CharField(
        _("task (Russian)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: Russian readers see the Azerbaijani task."),
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        help_text=_("Where to come: address, building, room."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), help_text=_("How many volunteers the shift needs.")
    )
    # Kept by the sign-up functions under a row lock; the check constraint below makes
    # over-filling impossible even for code that forgets the lock.
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    required_qualifications = models.ManyToManyField(
        Qualification,
        blank=True,
        related_name="+",
        verbose_name=_("required qualifications"),
        help_text=_("Only volunteers holding all of these (valid) may sign up."),
    )
    required_languages = models.CharField(
        _("required languages"),
        max_length=200,
        blank=True,
        help_text=_(
            "Separated by commas, e.g. “Russian, Persian”: volunteers must speak each."
        ),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shift lead"),
        help_text=_("Confirms who came. Sees the contact details of those signed up."),
    )
    cancel_deadline_hours = models.PositiveSmallIntegerField(
        _("cancel up to (hours before)"),
        default=24,
        help_text=_("Volunteers may cancel until this many hours before the start."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=500, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="volunteers_shift_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="volunteers_shift_has_places"
            ),
            models.CheckConstraint(
                condition=Q(places_taken__lte=models.F("capacity")),
                name="volunteers_shift_never_overfilled",
            ),
        ]

    def __str__(self):
        return self.translated_title

    def save(self, *args, **kwargs):
        if self.project_id:
            self.project_key = self.project.translation_key
        super().save(*args, **kwargs)

    @property
    def translated_title(self) -> str:
        """The task in the active language, or the Azerbaijani one."""
        return in_reader_language(self, "title", "title")

    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    def languages_required(self) -> list[str]:
        return [
            part.strip() for part in self.required_languages.split(",") if part.strip()
        ]

    def cancel_deadline(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(hours=self.cancel_deadline_hours)


class SignUpQuerySet(models.QuerySet):
    def holding(self):
        """Confirmed or waiting: the sign-ups that still mean something."""
        return self.filter(
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITLISTED]
        )

    def confirmed(self):
        return self.filter(status=SignUp.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=SignUp.Status.WAITLISTED).order_by(
            "signed_up_at", "pk"
        )


class SignUp(models.Model):
    """A volunteer's place on a shift, or on its waitlist."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("sign-up status", "Signed up")
        WAITLISTED = "waitlisted", pgettext_lazy("sign-up status", "On the waitlist")
        CANCELLED = "cancelled", pgettext_lazy("sign-up status", "Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="sign_ups")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="sign_ups"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    attended = models.BooleanField(
        _("came"), null=True, blank=True, help_text=_("Confirmed by the shift's lead.")
    )
    attendance_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["shift", "signed_up_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # Cancelled rows stay as history; one live sign-up per volunteer and shift.
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="volunteers_one_live_sign_up",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="volunteers_known_sign_up_status",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "status"])]

    def __str__(self):
        return f"{self.volunteer} · {self.shift}"

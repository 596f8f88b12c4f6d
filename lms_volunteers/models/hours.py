"""Hours volunteers gave, from shifts or claimed, and staff's decision on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .members import Volunteer
from .shifts import Shift


class HoursEntryQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)

    def pending(self):
        return self.filter(status=HoursEntry.Status.PENDING)


class HoursEntry(models.Model):
    """Hours a volunteer gave: from a shift the lead confirmed, or claimed by them.

    When a volunteer's account is deleted the row stays with no volunteer, so the
    union's totals keep the hours without the person.
    """

    class Source(models.TextChoices):
        SHIFT = "shift", _("Shift attended")
        CLAIM = "claim", _("Claimed by the volunteer")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("hours status", "Waiting for approval")
        APPROVED = "approved", pgettext_lazy("hours status", "Approved")
        REJECTED = "rejected", pgettext_lazy("hours status", "Rejected")

    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("volunteer"),
    )
    project = models.ForeignKey(
        "lms_volunteers.ProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    project_key = models.UUIDField(null=True, blank=True, editable=False)
    shift = models.ForeignKey(
        Shift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("shift"),
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    description = models.CharField(_("what you did"), max_length=500, blank=True)
    source = models.CharField(
        pgettext_lazy("hours recorded", "how"), max_length=8, choices=Source.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        indexes = [models.Index(fields=["status", "worked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="volunteers_hours_within_a_day",
            ),
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(shift__isnull=False, volunteer__isnull=False),
                name="volunteers_shift_hours_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_note=""),
                name="volunteers_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.hours} h · {self.worked_on}"

    def save(self, *args, **kwargs):
        if self.project_id:
            self.project_key = self.project.translation_key
        super().save(*args, **kwargs)

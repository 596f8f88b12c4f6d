"""Volunteers and their moves through the pipeline (applicant → screened → in
training → active, or declined / paused / left), each move recorded with who, when
and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TEXT_LIMIT = 2000


class VolunteerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Volunteer.Status.ACTIVE)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def joined(self):
        """Those the union took in: in training, active, paused, or since left."""
        return self.filter(
            status__in=[
                VolunteerStatus.IN_TRAINING,
                VolunteerStatus.ACTIVE,
                VolunteerStatus.PAUSED,
                VolunteerStatus.LEFT,
            ]
        )


class VolunteerStatus(models.TextChoices):
    APPLICANT = "applicant", pgettext_lazy("volunteer status", "Applicant")
    SCREENED = "screened", pgettext_lazy("volunteer status", "Screened")
    IN_TRAINING = "in_training", pgettext_lazy("volunteer status", "In training")
    ACTIVE = "active", pgettext_lazy("volunteer status", "Active")
    DECLINED = "declined", pgettext_lazy("volunteer status", "Declined")
    PAUSED = "paused", pgettext_lazy("volunteer status", "Paused")
    LEFT = "left", pgettext_lazy("volunteer status", "Left")


class Volunteer(models.Model):
    """A person in the union's pipeline, from their application on."""

    Status = VolunteerStatus

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLICANT
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        help_text=_("For example: Azerbaijani, Russian, English, Persian."),
    )
    skills = models.TextField(
        _("skills"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("What you can do: translation, law, psychology, driving…"),
    )
    availability = models.CharField(
        _("availability"),
        max_length=200,
        help_text=_("When you can help, e.g. weekday evenings, weekends."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "So that your shift's lead can reach you. Other volunteers never see it."
        ),
    )
    department = models.ForeignKey(
        "lms_volunteers.DepartmentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department of interest"),
    )
    motivation = models.TextField(
        _("motivation"),
        max_length=TEXT_LIMIT,
        help_text=_("Why you want to volunteer with migrants."),
    )
    fast_tracked = models.BooleanField(
        _("fast-tracked"),
        default=False,
        help_text=_("A Migration School graduate: no screening step."),
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VolunteerStatus.values),
                name="volunteers_known_status",
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email


class StatusChange(models.Model):
    """One move of a volunteer through the pipeline: who, when and why."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"),
        max_length=16,
        choices=Volunteer.Status.choices,
        blank=True,
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"),
        max_length=16,
        choices=Volunteer.Status.choices,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the platform moved it (trainings done)."),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.CharField(_("why"), max_length=500, blank=True)

    class Meta:
        ordering = ["volunteer", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

"""Letters of service: a volunteer's confirmed hours, stated and verifiable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_certificates.codes import display as display_code
from lms_certificates.codes import new_code
from lms_toolkit.dates import IssuedOnSiteDays

from .members import Volunteer


class ServiceLetter(IssuedOnSiteDays, models.Model):
    """A letter stating a volunteer's confirmed hours, projects and qualifications.

    What it states is written down when it is issued, so the public verification page
    shows exactly what the paper says. Codes are the certificates' (160 random bits).
    """

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="letters"
    )
    code = models.CharField(
        _("verification code"),
        max_length=32,
        unique=True,
        default=new_code,
        editable=False,
    )
    holder_name = models.CharField(_("name"), max_length=300)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    total_hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    # {"projects": [{"title": {"az":…, "en":…, "ru":…}, "hours": "12.50"}],
    #  "qualifications": [{"az":…, "en":…, "ru":…}], "first_day": "2025-…",
    #  "last_day": "2026-…"}
    statement = models.JSONField(default=dict)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(_("why revoked"), max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("letter of service")
        verbose_name_plural = _("letters of service")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="volunteers_letter_revocation_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.display_code}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def display_code(self) -> str:
        return display_code(self.code)

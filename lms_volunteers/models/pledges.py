"""The code of conduct and the confidentiality pledge, in versions, and who
accepted which."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from .members import Volunteer


class Pledge(models.Model):
    """One version of the code of conduct or of the confidentiality pledge."""

    class Kind(models.TextChoices):
        CONDUCT = "conduct", _("Code of conduct")
        CONFIDENTIALITY = "confidentiality", _("Confidentiality pledge")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    text = RichTextField(
        _("text"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("What volunteers promise. A new version must be accepted again."),
    )
    published_at = models.DateTimeField(_("in force from"), default=timezone.now)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("version")]),
        FieldPanel("published_at"),
        FieldPanel("text"),
    ]

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="volunteers_one_pledge_version"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class PledgeAcceptance(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="pledges_accepted"
    )
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="acceptances"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "pledge"], name="volunteers_accept_once"
            )
        ]

    def __str__(self):
        return f"{self.volunteer_id} · {self.pledge}"

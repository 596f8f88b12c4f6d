"""Deliveries: the chain of custody of an item taken to a migrant."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import IdDocumentKind
from .requests import AssistanceRequest


class Delivery(models.Model):
    """The chain of custody of one item taken from the service to a migrant."""

    class Stage(models.TextChoices):
        COLLECTED = "collected", _("Collected from the service")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned to the service")

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="deliveries"
    )
    item = models.CharField(
        _("item"),
        max_length=200,
        help_text=_("What is handed over, e.g. “Residence card” or “Winter kit”."),
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.COLLECTED
    )
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("collected by"),
    )
    collected_at = models.DateTimeField(_("collected"), default=timezone.now)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivered by"),
    )
    delivered_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second volunteer"),
    )
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    id_check_kind = models.CharField(
        _("document shown"), max_length=16, choices=IdDocumentKind.choices, blank=True
    )
    # Never the whole number: at most its last four characters.
    id_check_last_digits = models.CharField(
        _("its last characters"), max_length=4, blank=True
    )
    recipient_confirmed = models.BooleanField(_("recipient confirmed"), default=False)
    returned_reason = models.CharField(_("why returned"), max_length=500, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)

    class Meta:
        ordering = ["collected_at", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=["collected", "delivered", "returned"]),
                name="assistance_delivery_known_stage",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("id_check_last_digits"), 4),
                name="assistance_delivery_never_full_number",
            ),
            models.CheckConstraint(
                condition=~Q(stage="delivered")
                | Q(
                    delivered_by__isnull=False,
                    delivered_at__isnull=False,
                    id_check_kind__gt="",
                    recipient_confirmed=True,
                ),
                name="assistance_delivery_handover_recorded",
            ),
            models.CheckConstraint(
                condition=Q(delivered_with__isnull=True)
                | ~Q(delivered_with=F("delivered_by")),
                name="assistance_delivery_two_different_people",
            ),
            models.CheckConstraint(
                condition=~Q(stage="returned") | Q(returned_reason__gt=""),
                name="assistance_delivery_return_has_reason",
            ),
        ]

    def __str__(self):
        return self.item

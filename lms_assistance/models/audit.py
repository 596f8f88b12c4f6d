"""Oversight of the desk's personal data: a data-protection officer's grants of
access to one request, and the append-only audit log.

The audit log names requests by their random reference and changes by field name, so
anonymising a request leaves nothing personal behind.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Status
from .requests import AssistanceRequest


class AccessGrant(models.Model):
    """A data-protection officer may read one request's contents, for a while."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("granted to"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    reason = models.CharField(_("why"), max_length=500)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")),
                name="assistance_grant_expires_later",
            ),
            models.CheckConstraint(
                condition=Q(reason__gt=""), name="assistance_grant_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.request} → {self.user}"


class AuditAction(models.TextChoices):
    VIEW = "view", pgettext_lazy("audit", "Viewed")
    LIST = "list", pgettext_lazy("audit", "Listed")
    CREATE = "create", pgettext_lazy("audit", "Recorded")
    CHANGE = "change", pgettext_lazy("audit", "Changed")
    EXPORT = "export", pgettext_lazy("audit", "Exported")
    DOWNLOAD = "download", pgettext_lazy("audit", "Downloaded")
    GRANT = "grant", pgettext_lazy("audit", "Granted access")
    ANONYMISE = "anonymise", pgettext_lazy("audit", "Anonymised")


# What an entry's ``target`` names, stored in English so that the log reads the same
# in every language and is searchable; shown in the reader's language.
TARGET_NAMES = {
    "request": pgettext_lazy("audit object", "request"),
    "request list": pgettext_lazy("audit object", "request list"),
    "audit log": pgettext_lazy("audit object", "audit log"),
    "impact report": pgettext_lazy("audit object", "impact report"),
    "collection form": pgettext_lazy("audit object", "collection form"),
    "bookings": pgettext_lazy("audit object", "bookings"),
    "notes": pgettext_lazy("audit object", "notes"),
}
NUMBERED_TARGET_NAMES = {
    "note": pgettext_lazy("audit object", "note %(number)s"),
    "document": pgettext_lazy("audit object", "document %(number)s"),
    "user": pgettext_lazy("audit object", "user %(number)s"),
    "booking": pgettext_lazy("audit object", "booking %(number)s"),
    "delivery": pgettext_lazy("audit object", "delivery %(number)s"),
    "drive bookings": pgettext_lazy("audit object", "bookings of drive %(number)s"),
}
ACTOR_NAMES = {
    "system": pgettext_lazy("audit actor", "system"),
    "anonymous": pgettext_lazy("audit actor", "anonymous"),
}
_NUMBERED = re.compile(r"^(?P<kind>[a-z]+) (?P<number>\d+)(?P<rest> bookings)?$")


class AuditQuerySet(models.QuerySet):
    def about(self, reference: str):
        """Entries about one request: those naming it, and the lists that showed it.

        A list's entry keeps the references it showed in ``detail["listed"]``; the
        quotes make the match exact, on SQLite and PostgreSQL alike."""
        return self.filter(
            Q(reference=reference) | Q(detail__listed__icontains=f'"{reference}"')
        )


class AuditEntry(models.Model):
    """Who did what to which request, when and from where. Never changed: the
    database refuses updates and deletes (see the migration's triggers)."""

    Action = AuditAction

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # No foreign key: an entry outlives the account, and nothing cascades into it.
    actor_id = models.BigIntegerField(_("who (id)"), null=True, db_index=True)
    actor_label = models.CharField(_("who"), max_length=200)
    action = models.CharField(_("what"), max_length=10, choices=AuditAction.choices)
    reference = models.CharField(_("request"), max_length=12, blank=True, db_index=True)
    target = models.CharField(
        _("object"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “document 12”, “notes”, “request list”."),
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    address = models.GenericIPAddressField(
        pgettext_lazy("audit log column: network address", "from address"),
        null=True,
        blank=True,
    )
    path = models.CharField(_("page"), max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are never deleted.")

    def target_display(self) -> str:
        """What the entry is about, in the reader's language."""
        if self.target in TARGET_NAMES:
            return str(TARGET_NAMES[self.target])
        numbered = _NUMBERED.match(self.target)
        kind = numbered and numbered["kind"] + (numbered["rest"] or "")
        if kind in NUMBERED_TARGET_NAMES:
            return NUMBERED_TARGET_NAMES[kind] % {"number": numbered["number"]}
        return self.target

    def fields_display(self) -> list[str]:
        """The request's changed fields, by their names in the reader's language."""
        names = {f.name: f.verbose_name for f in AssistanceRequest._meta.get_fields()}
        return [str(names.get(name, name)) for name in self.detail.get("fields", [])]

    def status_display(self) -> list[str]:
        """A change of status, from and to, in the reader's language."""
        labels = dict(Status.choices)
        return [
            str(labels.get(value, value)) for value in self.detail.get("status", [])
        ]

    def actor_display(self) -> str:
        """Who, in the reader's language when it was the site itself or nobody."""
        return str(ACTOR_NAMES.get(self.actor_label, self.actor_label))

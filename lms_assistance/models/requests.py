"""A migrant's request for help, with the consent it rests on, its notes and its
documents.

Personal details of a migrant live only on the request, its notes and documents, its
deliveries and bookings (see ``audit`` for why the log holds none).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import storage
from .choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    REFERENCE_ALPHABET,
    TASK_STATUSES,
    TEXT_LIMIT,
    HelpKind,
    IdDocumentKind,
    Language,
    LegalBasis,
    ResidenceStatus,
    Status,
)
from .desks import Desk


def new_reference() -> str:
    """A request's reference, e.g. ``R-7KX3Q9MD``: random, so it says nothing."""
    return "R-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def tasks_of(self, user):
        """The open tasks assigned to ``user``: what gives a volunteer access."""
        return self.filter(
            Q(assignee=user) | Q(second_assignee=user), status__in=TASK_STATUSES
        )

    def for_listing(self):
        return self.select_related("desk", "assignee", "second_assignee", "taken_by")


class AssistanceRequest(models.Model):
    """One migrant's request for help, from intake until it closes."""

    Status = Status
    Kind = HelpKind

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference
    )
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, related_name="requests", verbose_name=_("desk")
    )
    kind = models.CharField(_("help needed"), max_length=16, choices=HelpKind.choices)
    service = models.CharField(
        _("service concerned"),
        max_length=200,
        help_text=_("Which of the migration service's services, e.g. “Work permit”."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices
    )
    needs = models.TextField(
        _("what is needed"),
        max_length=TEXT_LIMIT,
        help_text=_("In a few sentences. Only what the help needs, nothing more."),
    )
    # Personal details: the few the help needs, removed by the retention command.
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Only for home visits and deliveries."),
    )
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    residence_status = models.CharField(
        _("residence status"),
        max_length=16,
        choices=ResidenceStatus.choices,
        blank=True,
    )
    id_document_kind = models.CharField(
        _("identity document"),
        max_length=16,
        choices=IdDocumentKind.choices,
        blank=True,
    )
    id_document_number = models.CharField(
        _("document number"),
        max_length=40,
        blank=True,
        help_text=_("Only when the form being filled in asks for it."),
    )
    home_visit = models.BooleanField(
        _("home visit"),
        default=False,
        help_text=_("The help is given at the migrant's home."),
    )
    # The legal basis and the consent, as the migrant gave it.
    legal_basis = models.CharField(
        _("legal basis"), max_length=8, choices=LegalBasis.choices
    )
    consent_given = models.BooleanField(
        _("consent given"),
        default=False,
        help_text=_(
            "The migrant agreed that the desk and the volunteer assigned may use "
            "these details for this help. Without it the request stays with you."
        ),
    )
    consent_scope = models.CharField(
        _("what the consent covers"), max_length=500, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    # Handling.
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assistance_tasks",
        verbose_name=_("volunteer"),
    )
    second_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second volunteer"),
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    close_reason = models.CharField(_("why closed"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # 0: whole; 1: names and ids removed; 2: notes, documents and deliveries too.
    anonymised_stage = models.PositiveSmallIntegerField(default=0, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        indexes = [
            models.Index(fields=["desk", "status"]),
            models.Index(fields=["status", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="assistance_known_status"
            ),
            # Without consent, nobody but the taker may hold the request.
            models.CheckConstraint(
                condition=Q(assignee__isnull=True)
                | Q(consent_given=True)
                | Q(assignee=F("taken_by")),
                name="assistance_shared_only_with_consent",
            ),
            models.CheckConstraint(
                condition=Q(second_assignee__isnull=True)
                | Q(consent_given=True, assignee__isnull=False)
                & ~Q(second_assignee=F("assignee")),
                name="assistance_second_volunteer_is_another",
            ),
            models.CheckConstraint(
                condition=Q(consent_given=False)
                | Q(
                    consent_recorded_by__isnull=False,
                    consent_at__isnull=False,
                    consent_scope__gt="",
                ),
                name="assistance_consent_is_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(legal_basis=LegalBasis.CONSENT) | Q(consent_given=True),
                name="assistance_consent_basis_needs_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=TASK_STATUSES) | Q(assignee__isnull=False),
                name="assistance_task_has_volunteer",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REFERRED) | Q(referred_to__gt=""),
                name="assistance_referral_names_where",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | Q(close_reason__gt=""),
                name="assistance_closing_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CLOSED_STATUSES, closed_at__isnull=False)
                | Q(status__in=OPEN_STATUSES, closed_at__isnull=True),
                name="assistance_closed_when_closed",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def volunteers(self) -> list:
        return [user for user in (self.assignee, self.second_assignee) if user]


class RequestNote(models.Model):
    """What happened, in plain text: a call, a visit, what is still missing."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.request} · {self.created_at:%Y-%m-%d %H:%M}"


def _document_path(instance, filename) -> str:
    # A random name: the migrant's own file name may carry their name.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"requests/{uuid.uuid4().hex}.{suffix}"


class RequestDocument(models.Model):
    """A scan or a filled-in form, kept in private storage."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("what it is"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=_document_path, storage=storage.document_storage
    )
    # The type the file's bytes were checked to be (documents.py), never the
    # browser's word: the download is served with it.
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

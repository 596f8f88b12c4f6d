"""The migrants' assistance desk: requests, their notes and documents, deliveries,
drives with bookable slots, grants of access, and the append-only audit log.

Personal details of a migrant live only on the request, its notes and documents, its
deliveries and bookings; the audit log names requests by their random reference and
changes by field name, so anonymising a request leaves nothing personal behind.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import conf

TEXT_LIMIT = 2000
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A request's reference, e.g. ``R-7KX3Q9MD``: random, so it says nothing."""
    return "R-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_drive_token() -> str:
    return secrets.token_urlsafe(9)


class HelpKind(models.TextChoices):
    FORMS = "forms", _("Filling in application forms")
    DOCUMENTS = "documents", _("Collecting documents")
    COUNSELLING = "counselling", _("Counselling and guidance")
    DELIVERY = "delivery", _("Document delivery")
    AID = "aid", _("Humanitarian aid")
    OTHER = "other", pgettext_lazy("kind of help", "Other")


# Deliveries: an item is handed over and its chain of custody recorded.
DELIVERY_KINDS = {HelpKind.DELIVERY, HelpKind.AID}


class Language(models.TextChoices):
    """Languages a migrant may prefer; volunteers list theirs in free text."""

    AZ = "az", _("Azerbaijani")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    FA = "fa", _("Persian")
    AR = "ar", _("Arabic")
    TR = "tr", _("Turkish")
    UK = "uk", _("Ukrainian")
    KA = "ka", _("Georgian")
    UZ = "uz", _("Uzbek")
    OTHER = "other", pgettext_lazy("language", "Other")


class ResidenceStatus(models.TextChoices):
    VISITOR = "visitor", _("Visitor (no permit)")
    TEMPORARY = "temporary", _("Temporary residence permit")
    PERMANENT = "permanent", _("Permanent residence permit")
    STUDENT = "student", _("Student")
    WORKER = "worker", _("Work permit")
    REFUGEE = "refugee", _("Refugee or asylum seeker")
    STATELESS = "stateless", _("Stateless")
    UNKNOWN = "unknown", _("Not known")


class IdDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    ID_CARD = "id_card", _("Identity card")
    REFUGEE_CARD = "refugee_card", _("Refugee card")
    OTHER = "other", pgettext_lazy("identity document", "Other")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("The migrant's consent")
    VITAL_INTERESTS = "vital", _("Vital interests (an emergency)")
    LEGAL_OBLIGATION = "legal", _("A legal obligation")
    PUBLIC_TASK = "public", _("A task in the public interest")


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("request status", "New")
    ASSIGNED = "assigned", pgettext_lazy("request status", "Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("request status", "In progress")
    DONE = "done", pgettext_lazy("request status", "Done")
    REFERRED = "referred", pgettext_lazy("request status", "Referred elsewhere")
    CLOSED = "closed", pgettext_lazy("request status", "Closed without help")


OPEN_STATUSES = [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS]
TASK_STATUSES = [Status.ASSIGNED, Status.IN_PROGRESS]
CLOSED_STATUSES = [Status.DONE, Status.REFERRED, Status.CLOSED]


# Desks ---------------------------------------------------------------------


class Desk(models.Model):
    """A place where the union takes migrants' requests, and the staff who run it."""

    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(
        _("place"), max_length=300, help_text=_("Address, building, room.")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assistance_desks",
        verbose_name=_("desk staff"),
        help_text=_("They see the desk's requests, assign them and run its drives."),
    )
    project = models.ForeignKey(
        "volunteers.ProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
        help_text=_("The union's project the desk's work counts toward in reports."),
    )
    two_volunteers_for = models.JSONField(
        _("home visits need two volunteers for"),
        default=list,
        blank=True,
        help_text=_("Kinds of help whose home visits two volunteers must make."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self):
        return self.name

    def needs_two_volunteers(self, kind: str) -> bool:
        return kind in self.two_volunteers_for


# Requests ------------------------------------------------------------------


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
        _("file"), upload_to=_document_path, storage=conf.document_storage
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


# Deliveries ----------------------------------------------------------------


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


# Drives --------------------------------------------------------------------


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
        "volunteers.ProjectPage",
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
        "volunteers.Shift",
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


# Audit ---------------------------------------------------------------------


class AuditAction(models.TextChoices):
    VIEW = "view", pgettext_lazy("audit", "Viewed")
    LIST = "list", pgettext_lazy("audit", "Listed")
    CREATE = "create", pgettext_lazy("audit", "Recorded")
    CHANGE = "change", pgettext_lazy("audit", "Changed")
    EXPORT = "export", pgettext_lazy("audit", "Exported")
    DOWNLOAD = "download", pgettext_lazy("audit", "Downloaded")
    GRANT = "grant", pgettext_lazy("audit", "Granted access")
    ANONYMISE = "anonymise", pgettext_lazy("audit", "Anonymised")


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
    address = models.GenericIPAddressField(_("from"), null=True, blank=True)
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

"""The desk's shared vocabulary: kinds of help, languages, documents, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TEXT_LIMIT = 2000
# Letters and digits that cannot be mistaken for one another, for codes read aloud.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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

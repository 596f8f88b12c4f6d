"""The migrants' assistance desk: requests, their notes and documents, deliveries,
drives with bookable slots, grants of access, and the append-only audit log.

Personal details of a migrant live only on the request, its notes and documents, its
deliveries and bookings; the audit log names requests by their random reference and
changes by field name, so anonymising a request leaves nothing personal behind.
"""

from .audit import AccessGrant, AuditAction, AuditEntry
from .choices import (
    CLOSED_STATUSES,
    DELIVERY_KINDS,
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
from .deliveries import Delivery
from .desks import Desk
from .drives import Booking, Drive, DriveSlot
from .requests import AssistanceRequest, RequestDocument, RequestNote

__all__ = [
    "CLOSED_STATUSES",
    "DELIVERY_KINDS",
    "OPEN_STATUSES",
    "REFERENCE_ALPHABET",
    "TASK_STATUSES",
    "TEXT_LIMIT",
    "AccessGrant",
    "AssistanceRequest",
    "AuditAction",
    "AuditEntry",
    "Booking",
    "Delivery",
    "Desk",
    "Drive",
    "DriveSlot",
    "HelpKind",
    "IdDocumentKind",
    "Language",
    "LegalBasis",
    "RequestDocument",
    "RequestNote",
    "ResidenceStatus",
    "Status",
]

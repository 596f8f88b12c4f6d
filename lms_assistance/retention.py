"""Retention: months after a request closes, its personal details are removed in two
stages, keeping only what the desk's statistics count.

Stage 1 removes the migrant's names, contacts and identity details from the request
itself. Stage 2 removes what was written and kept about them: notes, documents (their
files deleted from storage first), what identifies them on deliveries, and grants of
access. Drive bookings lose their name and phone once their slot is as old.

What stays: the reference, desk, kind of help, service, language, legal basis, status,
dates, referral and the staff and volunteers who helped (their own accounts, which
account deletion handles). Each stage is committed with its audit entry, so a run that
stops half-way is finished by the next.
"""

import calendar
import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import audit, conf
from .models import (
    CLOSED_STATUSES,
    AccessGrant,
    AssistanceRequest,
    Booking,
    Delivery,
    RequestDocument,
    RequestNote,
)

logger = logging.getLogger(__name__)

# Language-neutral: written once, read in any language. Used where a field may not be
# empty (a given name, a closing reason, a consent's scope, a delivery's item).
REMOVED = "—"

# The request's personal fields and what each becomes at stage 1.
STAGE_ONE_FIELDS = {
    "given_name": REMOVED,
    "family_name": "",
    "phone": "",
    "address": "",
    "nationality": "",
    "residence_status": "",
    "id_document_kind": "",
    "id_document_number": "",
    "needs": "",
}
# Free text the database requires to be non-empty when it applies: replaced, not
# blanked, and left blank when it was.
STAGE_ONE_PLACEHOLDERS = ["consent_scope", "close_reason"]


@dataclass
class RequestOutcome:
    """What was (or would be) done to one request: never its personal details."""

    reference: str
    closed_at: datetime.datetime
    from_stage: int
    reached_stage: int = 0
    notes: int = 0
    documents: int = 0
    deliveries: int = 0
    grants: int = 0
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


@dataclass
class Report:
    dry_run: bool
    cutoff: datetime.datetime
    requests: list[RequestOutcome] = field(default_factory=list)
    bookings: int = 0

    @property
    def failures(self) -> list[RequestOutcome]:
        return [outcome for outcome in self.requests if outcome.failed]

    @property
    def finished(self) -> list[RequestOutcome]:
        return [outcome for outcome in self.requests if outcome.reached_stage == 2]


def cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Requests closed before this moment are due: ``conf.retention_months()`` ago."""
    return months_before(now or timezone.now(), conf.retention_months())


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (or the month's last
    day, from 31 March back to 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due(now: datetime.datetime | None = None) -> tuple[QuerySet, QuerySet]:
    """The requests and the bookings whose personal details are due for removal."""
    before = cutoff(now)
    requests = AssistanceRequest.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=before, anonymised_stage__lt=2
    ).order_by("closed_at", "pk")
    bookings = Booking.objects.filter(slot__ends_at__lt=before, anonymised=False)
    return requests, bookings


def run(dry_run: bool = False, now: datetime.datetime | None = None) -> Report:
    """Anonymise everything due (or, with ``dry_run``, only say what that would be)."""
    now = now or timezone.now()
    report = Report(dry_run=dry_run, cutoff=cutoff(now))
    requests, bookings = due(now)
    requests = requests.annotate(
        note_count=_count(RequestNote),
        document_count=_count(RequestDocument),
        delivery_count=_count(Delivery),
        grant_count=_count(AccessGrant),
    ).values(
        "pk",
        "reference",
        "closed_at",
        "anonymised_stage",
        "note_count",
        "document_count",
        "delivery_count",
        "grant_count",
    )
    for row in requests:
        outcome = RequestOutcome(
            reference=row["reference"],
            closed_at=row["closed_at"],
            from_stage=row["anonymised_stage"],
            notes=row["note_count"],
            documents=row["document_count"],
            deliveries=row["delivery_count"],
            grants=row["grant_count"],
        )
        report.requests.append(outcome)
        if dry_run:
            outcome.reached_stage = 2
            continue
        if outcome.from_stage == 0 and anonymise_names(row["pk"], now):
            outcome.reached_stage = 1
        if max(outcome.from_stage, outcome.reached_stage) == 1:
            _finish(row["pk"], outcome, now)
    report.bookings = bookings.count() if dry_run else anonymise_bookings(bookings)
    return report


def anonymise_names(request_pk: int, now: datetime.datetime) -> bool:
    """Stage 1: the request's names, contacts, identity details and free text."""
    with transaction.atomic():
        request = (
            AssistanceRequest.objects.select_for_update()
            .filter(
                pk=request_pk,
                anonymised_stage=0,
                status__in=CLOSED_STATUSES,
                closed_at__lt=cutoff(now),
            )
            .first()
        )
        if request is None:  # reopened, or another run got there first
            return False
        for name, value in STAGE_ONE_FIELDS.items():
            setattr(request, name, value)
        for name in STAGE_ONE_PLACEHOLDERS:
            if getattr(request, name):
                setattr(request, name, REMOVED)
        request.anonymised_stage = 1
        request.anonymised_at = now
        request.save(
            update_fields=[
                *STAGE_ONE_FIELDS,
                *STAGE_ONE_PLACEHOLDERS,
                "anonymised_stage",
                "anonymised_at",
            ]
        )
        audit.record(
            None,
            audit.Action.ANONYMISE,
            reference=request.reference,
            target="request",
            detail={
                "stage": 1,
                "fields": sorted([*STAGE_ONE_FIELDS, *STAGE_ONE_PLACEHOLDERS]),
            },
        )
    return True


def anonymise_records(request_pk: int, now: datetime.datetime) -> dict[str, int]:
    """Stage 2: notes, documents (files first), deliveries' identity checks, grants.

    Raises ``OSError`` (or the storage's own error) when a file cannot be deleted: the
    request then stays at stage 1, and the next run tries again. A file already gone
    is no error, so a retry deletes what is left.
    """
    if not AssistanceRequest.objects.filter(
        pk=request_pk, anonymised_stage=1, status__in=CLOSED_STATUSES
    ).exists():
        return {}
    documents = list(RequestDocument.objects.filter(request_id=request_pk))
    for document in documents:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        RequestDocument.objects.filter(pk=document.pk).delete()
    with transaction.atomic():
        request = (
            AssistanceRequest.objects.select_for_update()
            .filter(pk=request_pk, anonymised_stage=1)
            .first()
        )
        if request is None:  # another run finished it
            return {}
        if RequestDocument.objects.filter(request_id=request_pk).exists():
            raise RuntimeError("A document was added while its files were deleted.")
        counts = {
            "notes": RequestNote.objects.filter(request_id=request_pk).delete()[0],
            "documents": len(documents),
            "deliveries": _anonymise_deliveries(request_pk),
            "grants": AccessGrant.objects.filter(request_id=request_pk).delete()[0],
        }
        request.anonymised_stage = 2
        request.anonymised_at = now
        request.save(update_fields=["anonymised_stage", "anonymised_at"])
        audit.record(
            None,
            audit.Action.ANONYMISE,
            reference=request.reference,
            target="request",
            detail={"stage": 2, **counts},
        )
    return counts


def anonymise_bookings(bookings: QuerySet) -> int:
    """Bookings lose their name and phone; their slot, language and status stay."""
    with transaction.atomic():
        count = bookings.filter(anonymised=False).update(
            name=REMOVED, phone="", anonymised=True
        )
        if count:
            audit.record(
                None,
                audit.Action.ANONYMISE,
                target="bookings",
                detail={"bookings": count},
            )
    return count


def _count(model) -> Coalesce:
    """How many of ``model``'s rows belong to the request, as a subquery (joining
    all four would multiply their rows)."""
    rows = (
        model.objects.filter(request=OuterRef("pk"))
        .order_by()
        .values("request")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows), 0)


def _finish(request_pk: int, outcome: RequestOutcome, now: datetime.datetime) -> None:
    try:
        counts = anonymise_records(request_pk, now)
    except Exception as error:  # any storage's own error: the next run retries
        logger.warning(
            "Retention: %s left at stage 1, to retry: %s", outcome.reference, error
        )
        outcome.error = f"{type(error).__name__}: {error}"
        outcome.reached_stage = 1
        return
    if counts:
        outcome.reached_stage = 2
        outcome.notes = counts["notes"]
        outcome.documents = counts["documents"]
        outcome.deliveries = counts["deliveries"]
        outcome.grants = counts["grants"]


def _anonymise_deliveries(request_pk: int) -> int:
    """The item (free text) and the digits checked go; the kind of document shown
    stays, as the database requires it of a delivery handed over."""
    deliveries = Delivery.objects.filter(request_id=request_pk)
    count = deliveries.update(item=REMOVED, id_check_last_digits="")
    deliveries.filter(~Q(returned_reason="")).update(returned_reason=REMOVED)
    return count

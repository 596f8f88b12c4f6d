"""Retention: months after a request closes, nothing personal is left of it, in the
database or in storage, while the desk's statistics keep counting it."""

import datetime
import io
import os
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from lms_assistance import retention
from lms_assistance.jobs import anonymise_due_requests
from lms_assistance.models import (
    AccessGrant,
    AssistanceRequest,
    AuditEntry,
    Booking,
    Delivery,
    HelpKind,
    IdDocumentKind,
    Language,
    LegalBasis,
    RequestDocument,
    RequestNote,
    Status,
)
from tests.factories import UserFactory

from .factories import (
    DEMO_DOCUMENT,
    DEMO_NAME,
    AssistanceRequestFactory,
    BookingFactory,
    DeskFactory,
    DriveSlotFactory,
)

pytestmark = pytest.mark.django_db

# What must not survive: the demo migrant's names, document number and phone.
PERSONAL = ["Zahra", "Karimova", "Testova", DEMO_DOCUMENT, "555 12 34"]


@pytest.fixture
def storage_root(tmp_path, settings):
    """Documents go to a temporary root, as ``LMS_ASSISTANCE_DOCUMENT_ROOT`` says."""
    settings.LMS_ASSISTANCE_DOCUMENT_ROOT = str(tmp_path / "documents")
    return tmp_path / "documents"


@pytest.fixture
def old_case(storage_root):
    """A request closed 13 months ago with everything the desk may hold about it."""
    staff = UserFactory(email="desk@school.example")
    volunteer = UserFactory(email="volunteer@school.example")
    dpo = UserFactory(email="dpo@school.example")
    closed_at = months_ago(13)
    request = AssistanceRequestFactory(
        desk=DeskFactory(staff=[staff]),
        taken_by=staff,
        kind=HelpKind.DELIVERY,
        preferred_language=Language.FA,
        needs=f"{DEMO_NAME} needs her residence card brought home.",
        address="5 Fuzuli street, flat 3",
        home_visit=True,
        status=Status.CLOSED,
        close_reason=f"{DEMO_NAME} moved to Ganja.",
        created_at=closed_at - datetime.timedelta(days=20),
        closed_at=closed_at,
    )
    RequestNote.objects.create(
        request=request, author=staff, text=f"Called {DEMO_NAME} on 555 12 34."
    )
    RequestNote.objects.create(
        request=request, author=volunteer, text=f"Passport {DEMO_DOCUMENT} seen."
    )
    document = RequestDocument.objects.create(
        request=request,
        title=f"Passport of {DEMO_NAME}",
        file=ContentFile(
            f"Passport {DEMO_DOCUMENT}, {DEMO_NAME}".encode(),
            name="karimova-passport.txt",
        ),
        content_type="text/plain",
        uploaded_by=staff,
    )
    Delivery.objects.create(
        request=request,
        item=f"Residence card of {DEMO_NAME}",
        stage=Delivery.Stage.DELIVERED,
        collected_by=volunteer,
        collected_at=closed_at - datetime.timedelta(days=3),
        delivered_by=volunteer,
        delivered_at=closed_at - datetime.timedelta(days=2),
        id_check_kind=IdDocumentKind.PASSPORT,
        id_check_last_digits=DEMO_DOCUMENT[-4:],
        recipient_confirmed=True,
    )
    Delivery.objects.create(
        request=request,
        item="Winter kit",
        stage=Delivery.Stage.RETURNED,
        collected_by=volunteer,
        collected_at=closed_at - datetime.timedelta(days=3),
        returned_reason=f"{DEMO_NAME} was not at home.",
    )
    AccessGrant.objects.create(
        request=request,
        user=dpo,
        granted_by=staff,
        reason=f"Complaint by {DEMO_NAME}.",
        granted_at=closed_at,
        expires_at=closed_at + datetime.timedelta(days=7),
    )
    slot = DriveSlotFactory(
        starts_at=closed_at, ends_at=closed_at + datetime.timedelta(hours=1)
    )
    booking = BookingFactory(slot=slot, name=DEMO_NAME)
    return SimpleNamespace(request=request, document=document, booking=booking)


def months_ago(months: int) -> datetime.datetime:
    return retention.months_before(timezone.now(), months)


def closed_request(months: int, **kwargs) -> AssistanceRequest:
    closed_at = months_ago(months)
    fields = {
        "status": Status.DONE,
        "created_at": closed_at - datetime.timedelta(days=10),
        "closed_at": closed_at,
        **kwargs,
    }
    return AssistanceRequestFactory(**fields)


def personal_data_in_database() -> dict[str, list[str]]:
    """Every table of the database, every row, every column: where a trace is left."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).lower()
                for trace in PERSONAL:
                    if trace.lower() in text:
                        found.setdefault(table, []).append(trace)
    return found


def files_under(root) -> list[str]:
    return [
        os.path.join(folder, name)
        for folder, _folders, names in os.walk(root)
        for name in names
    ]


def anonymise(*args) -> str:
    out = io.StringIO()
    call_command("anonymise_requests", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_search_finds_the_migrant_before_retention(old_case):
    found = personal_data_in_database()

    assert {
        "lms_assistance_assistancerequest",
        "lms_assistance_requestnote",
        "lms_assistance_requestdocument",
        "lms_assistance_delivery",
        "lms_assistance_accessgrant",
        "lms_assistance_booking",
    } <= set(found)


def test_nothing_personal_remains_in_any_table_after_retention(old_case):
    anonymise()

    assert personal_data_in_database() == {}


def test_no_document_file_remains_in_storage_after_retention(old_case, storage_root):
    stored = old_case.document.file.name
    assert files_under(storage_root)

    anonymise()

    assert files_under(storage_root) == []
    assert not RequestDocument._meta.get_field("file").storage.exists(stored)
    # Nothing personal in any file anywhere under the storage's root, either.
    for path in files_under(storage_root.parent):
        content = open(path, "rb").read().decode(errors="ignore").lower()
        assert not any(trace.lower() in content for trace in PERSONAL), path


def test_the_request_reaches_stage_two_with_its_records_gone(old_case):
    anonymise()

    request = AssistanceRequest.objects.get(pk=old_case.request.pk)
    assert request.anonymised_stage == 2
    assert request.anonymised_at is not None
    assert not request.notes.exists()
    assert not request.documents.exists()
    assert not request.grants.exists()


def test_statistics_survive_anonymisation(old_case):
    before = AssistanceRequest.objects.get(pk=old_case.request.pk)

    anonymise()

    after = AssistanceRequest.objects.get(pk=old_case.request.pk)
    kept = [
        "reference",
        "desk_id",
        "kind",
        "service",
        "preferred_language",
        "legal_basis",
        "home_visit",
        "status",
        "created_at",
        "closed_at",
        "taken_by_id",
    ]
    assert {name: getattr(after, name) for name in kept} == {
        name: getattr(before, name) for name in kept
    }
    assert sorted(after.deliveries.values_list("stage", flat=True)) == [
        "delivered",
        "returned",
    ]


def test_a_booking_keeps_its_slot_language_and_status(old_case):
    anonymise()

    booking = Booking.objects.get(pk=old_case.booking.pk)
    assert booking.anonymised
    assert (booking.name, booking.phone) == (retention.REMOVED, "")
    assert (booking.slot_id, booking.language, booking.status) == (
        old_case.booking.slot_id,
        Language.RU,
        Booking.Status.BOOKED,
    )


def test_a_recent_booking_is_untouched(old_case):
    recent = BookingFactory(name=DEMO_NAME)

    anonymise()

    recent.refresh_from_db()
    assert (recent.name, recent.anonymised) == (DEMO_NAME, False)


def test_dry_run_names_the_request_and_what_would_go(old_case):
    output = anonymise("--dry-run")

    closed = f"{timezone.localtime(old_case.request.closed_at):%Y-%m-%d}"
    assert (
        f"Would anonymise {old_case.request.reference} (closed {closed}): "
        "stage 1 names and ids; stage 2 2 note(s), 1 document(s) (files deleted), "
        "2 delivery(ies), 1 access grant(s)." in output
    )
    assert "Would anonymise 1 booking(s)" in output
    assert "nothing changed" in output


def test_dry_run_changes_nothing(old_case, storage_root):
    found_before = personal_data_in_database()
    files_before = files_under(storage_root)

    anonymise("--dry-run")

    assert personal_data_in_database() == found_before
    assert files_under(storage_root) == files_before
    request = AssistanceRequest.objects.get(pk=old_case.request.pk)
    assert (request.given_name, request.anonymised_stage) == ("Zahra", 0)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ANONYMISE).exists()


def test_the_output_holds_nothing_personal(old_case):
    output = anonymise("--dry-run") + anonymise()

    assert old_case.request.reference in output
    assert not any(trace.lower() in output.lower() for trace in PERSONAL)


def test_a_request_closed_eleven_months_ago_is_untouched(storage_root):
    recent = closed_request(11)

    anonymise()

    recent.refresh_from_db()
    assert (recent.given_name, recent.id_document_number) == ("Zahra", DEMO_DOCUMENT)
    assert recent.anonymised_stage == 0


def test_an_open_request_is_untouched_however_old(desk_world):
    AssistanceRequest.objects.filter(pk=desk_world.request.pk).update(
        created_at=months_ago(60)
    )

    anonymise()

    desk_world.request.refresh_from_db()
    assert desk_world.request.given_name == "Zahra"
    assert desk_world.request.anonymised_stage == 0


def test_the_retention_setting_moves_the_cutoff(settings, storage_root):
    settings.LMS_ASSISTANCE_RETENTION_MONTHS = 24
    kept = closed_request(13)
    due = closed_request(25)

    anonymise()

    kept.refresh_from_db()
    due.refresh_from_db()
    assert (kept.anonymised_stage, due.anonymised_stage) == (0, 2)


def test_a_referred_request_keeps_where_it_was_referred(storage_root):
    referred = closed_request(
        13,
        status=Status.REFERRED,
        referred_to="Legal aid clinic of the bar association",
        legal_basis=LegalBasis.VITAL_INTERESTS,
        consent_given=False,
        consent_scope="",
        consent_recorded_by=None,
        consent_at=None,
    )

    anonymise()

    referred.refresh_from_db()
    assert referred.referred_to == "Legal aid clinic of the bar association"
    assert (referred.consent_scope, referred.close_reason) == ("", "")
    assert referred.anonymised_stage == 2


def test_running_twice_is_harmless(old_case):
    anonymise()
    entries = AuditEntry.objects.count()

    output = anonymise()

    assert "0 request(s)" in output and "0 booking(s)" in output
    assert AuditEntry.objects.count() == entries
    assert personal_data_in_database() == {}


def test_a_failing_file_delete_leaves_stage_one(old_case, monkeypatch):
    storage = RequestDocument._meta.get_field("file").storage
    monkeypatch.setattr(storage, "delete", refuse_to_delete)

    with pytest.raises(CommandError, match="1 request"):
        anonymise()

    request = AssistanceRequest.objects.get(pk=old_case.request.pk)
    assert request.anonymised_stage == 1
    assert request.given_name == retention.REMOVED
    assert request.documents.count() == 1
    assert storage.exists(old_case.document.file.name)


def test_the_next_run_finishes_what_a_failing_delete_left(
    old_case, monkeypatch, storage_root
):
    storage = RequestDocument._meta.get_field("file").storage
    with monkeypatch.context() as patch:
        patch.setattr(storage, "delete", refuse_to_delete)
        with pytest.raises(CommandError):
            anonymise()

    output = anonymise()

    assert f"Anonymised {old_case.request.reference}" in output
    assert AssistanceRequest.objects.get(pk=old_case.request.pk).anonymised_stage == 2
    assert files_under(storage_root) == []
    assert personal_data_in_database() == {}


def test_each_stage_is_audited_by_the_system(old_case):
    anonymise()

    entries = AuditEntry.objects.filter(
        reference=old_case.request.reference, action=AuditEntry.Action.ANONYMISE
    ).order_by("pk")
    assert [(e.actor_id, e.actor_label, e.target) for e in entries] == [
        (None, "system", "request"),
        (None, "system", "request"),
    ]
    assert [e.detail["stage"] for e in entries] == [1, 2]
    assert entries[1].detail == {
        "stage": 2,
        "notes": 2,
        "documents": 1,
        "deliveries": 2,
        "grants": 1,
    }
    assert AuditEntry.objects.filter(target="bookings", detail={"bookings": 1})


def test_the_audit_entries_hold_nothing_personal(old_case):
    anonymise()

    for entry in AuditEntry.objects.all():
        text = str([entry.actor_label, entry.target, entry.detail, entry.path])
        assert not any(trace.lower() in text.lower() for trace in PERSONAL)


def test_the_scheduled_job_anonymises_what_is_due(old_case):
    result = anonymise_due_requests.enqueue()

    assert result.return_value == {"requests": 1, "bookings": 1, "failed": 0}
    assert personal_data_in_database() == {}


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2025, 3, 31, 4), 1, datetime.datetime(2025, 2, 28, 4)),
        (datetime.datetime(2024, 2, 29, 4), 12, datetime.datetime(2023, 2, 28, 4)),
        (datetime.datetime(2025, 1, 15, 4), 13, datetime.datetime(2023, 12, 15, 4)),
    ],
)
def test_months_are_counted_on_the_calendar(moment, months, expected):
    assert retention.months_before(moment, months) == expected


def refuse_to_delete(name):
    raise OSError("storage unavailable")

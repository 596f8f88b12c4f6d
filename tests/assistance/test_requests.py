"""A request from intake to done, as desk staff and as the assigned volunteer."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lms_assistance.models import AssistanceRequest, AuditEntry, RequestDocument, Status
from lms_background.models import OutgoingEmail
from tests.factories import UserFactory

from .factories import (
    DEMO_DOCUMENT,
    AssistanceRequestFactory,
    qualified_volunteer,
)

pytestmark = pytest.mark.django_db

INTAKE = {
    "kind": "forms",
    "service": "Work permit",
    "preferred_language": "ru",
    "needs": "Fill in the work permit application.",
    "given_name": "Zahra",
    "family_name": "Karimova",
    "phone": "+994 50 555 12 34",
    "nationality": "Iranian",
    "residence_status": "temporary",
    "id_document_kind": "passport",
    "id_document_number": DEMO_DOCUMENT,
    "legal_basis": "consent",
    "consent_given": "on",
    "consent_scope": "The desk and one volunteer, for the work permit.",
}


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.LMS_ASSISTANCE_DOCUMENT_ROOT = tmp_path / "private"
    return tmp_path / "private"


def intake(client, desk, **changes):
    return client.post(reverse("desk:intake"), {**INTAKE, "desk": desk.pk, **changes})


def test_desk_staff_record_a_request_with_consent(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    response = intake(client, desk_world.desk)
    created = AssistanceRequest.objects.exclude(pk=desk_world.request.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:request", args=[created.reference])
    assert created.status == Status.NEW
    assert created.consent_recorded_by == desk_world.users["desk_staff"]
    assert created.consent_at is not None
    assert AuditEntry.objects.filter(
        reference=created.reference, action="create"
    ).exists()


def test_consent_as_legal_basis_without_consent_is_refused(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    response = intake(client, desk_world.desk, consent_given="")
    assert response.status_code == 400
    assert "tick this once the migrant agrees" in response.content.decode()
    assert AssistanceRequest.objects.count() == 1


def test_intake_refuses_details_the_help_does_not_need(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    response = intake(
        client, desk_world.desk, kind="counselling", address="5 Nizami street"
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Only form filling and document collection need this number." in page
    assert "Only home visits and deliveries need the address." in page


def test_a_qualified_volunteer_may_record_a_request(client, desk_world):
    volunteer = desk_world.users["other_volunteer"]
    client.force_login(volunteer)
    response = intake(
        client, desk_world.desk, legal_basis="vital", consent_given="", consent_scope=""
    )
    created = AssistanceRequest.objects.get(taken_by=volunteer)
    assert response.status_code == 302
    assert not created.consent_given
    # The taker sees it; the desk's staff do not, without consent.
    assert (
        client.get(reverse("desk:request", args=[created.reference])).status_code == 200
    )
    client.force_login(desk_world.users["desk_staff"])
    assert (
        client.get(reverse("desk:request", args=[created.reference])).status_code == 404
    )
    listing = client.get(reverse("desk:index")).content.decode()
    assert created.reference not in listing
    assert "only the person who took it can see it" in listing


def test_a_volunteer_without_the_qualification_cannot_record(client, desk_world):
    client.force_login(desk_world.users["unqualified_volunteer"])
    assert client.get(reverse("desk:intake")).status_code == 404
    assert intake(client, desk_world.desk).status_code == 404


def test_a_request_goes_from_new_to_done(client, desk_world):
    staff = desk_world.users["desk_staff"]
    volunteer = desk_world.users["other_volunteer"]
    request = AssistanceRequestFactory(desk=desk_world.desk, taken_by=staff)
    url = reverse("desk:request", args=[request.reference])

    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "Kamran" in page  # suggested: speaks Russian, qualified, free
    response = client.post(
        reverse("desk:assign", args=[request.reference]), {"volunteer": volunteer.pk}
    )
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(to=volunteer.email)
    assert request.reference in email.subject
    assert "Zahra" not in email.subject + email.body

    client.force_login(volunteer)
    page = client.get(url).content.decode()
    assert DEMO_DOCUMENT in page  # form filling needs the document's number
    status = reverse("desk:status", args=[request.reference])
    assert client.post(status, {"action": "start"}).status_code == 302
    client.post(reverse("desk:note", args=[request.reference]), {"text": "Called her."})
    assert client.post(status, {"action": "finish"}).status_code == 302

    request.refresh_from_db()
    assert request.status == Status.DONE
    assert request.closed_at is not None
    assert request.notes.get().text == "Called her."
    changes = AuditEntry.objects.filter(reference=request.reference, action="change")
    assert [entry.detail.get("status") for entry in changes.order_by("pk")] == [
        ["new", "assigned"],
        ["assigned", "in_progress"],
        None,
        ["in_progress", "done"],
    ]


def test_the_volunteer_cannot_refer_or_close(client, desk_world):
    client.force_login(desk_world.users["assigned_volunteer"])
    reference = desk_world.request.reference
    response = client.post(
        reverse("desk:status", args=[reference]),
        {"action": "close", "reason": "Not reachable"},
    )
    assert response.status_code == 400
    assert "You may not do this to this request." in response.content.decode()
    desk_world.request.refresh_from_db()
    assert desk_world.request.status == Status.ASSIGNED


def test_closing_needs_a_reason_and_referring_needs_a_place(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    status = reverse("desk:status", args=[desk_world.request.reference])
    closing = client.post(status, {"action": "close", "reason": " "})
    referring = client.post(status, {"action": "refer", "referred_to": ""})
    assert closing.status_code == referring.status_code == 400
    assert "Say why it is closed." in closing.content.decode()
    assert "Say which organisation" in referring.content.decode()
    assert (
        client.post(
            status, {"action": "refer", "referred_to": "Red Crescent"}
        ).status_code
        == 302
    )
    desk_world.request.refresh_from_db()
    assert desk_world.request.status == Status.REFERRED


def test_a_request_without_consent_cannot_be_assigned_to_another(client, desk_world):
    staff = desk_world.users["desk_staff"]
    request = AssistanceRequestFactory(
        desk=desk_world.desk,
        taken_by=staff,
        legal_basis="vital",
        consent_given=False,
        consent_scope="",
        consent_recorded_by=None,
        consent_at=None,
    )
    client.force_login(staff)
    response = client.post(
        reverse("desk:assign", args=[request.reference]),
        {"volunteer": desk_world.users["other_volunteer"].pk},
    )
    assert response.status_code == 400
    assert "record the consent first" in response.content.decode()
    # Recording consent afterwards opens the way.
    client.post(
        reverse("desk:status", args=[request.reference]),
        {"action": "consent", "consent_scope": "The desk and one volunteer."},
    )
    response = client.post(
        reverse("desk:assign", args=[request.reference]),
        {"volunteer": desk_world.users["other_volunteer"].pk},
    )
    assert response.status_code == 302


def test_the_database_refuses_sharing_without_consent(desk_world):
    request = AssistanceRequestFactory(
        desk=desk_world.desk,
        legal_basis="vital",
        consent_given=False,
        consent_scope="",
        consent_recorded_by=None,
        consent_at=None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AssistanceRequest.objects.filter(pk=request.pk).update(
            status=Status.ASSIGNED, assignee=desk_world.users["other_volunteer"]
        )


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Status.CLOSED, "closed_at": timezone.now()},  # no reason
        {"status": Status.REFERRED, "closed_at": timezone.now()},  # nowhere
        {"status": Status.DONE},  # no closing time
        {"status": Status.ASSIGNED, "assignee": None},
        {"consent_scope": ""},
    ],
)
def test_the_database_keeps_the_handling_rules(desk_world, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssistanceRequest.objects.filter(pk=desk_world.request.pk).update(**changes)


def test_home_visits_of_some_kinds_need_two_volunteers(client, desk_world):
    desk_world.desk.two_volunteers_for = ["forms"]
    desk_world.desk.save()
    request = AssistanceRequestFactory(
        desk=desk_world.desk, taken_by=desk_world.users["desk_staff"], home_visit=True
    )
    client.force_login(desk_world.users["desk_staff"])
    assign = reverse("desk:assign", args=[request.reference])
    alone = client.post(assign, {"volunteer": desk_world.users["other_volunteer"].pk})
    assert alone.status_code == 400
    assert "two volunteers" in alone.content.decode()
    pair = client.post(
        assign,
        {
            "volunteer": desk_world.users["other_volunteer"].pk,
            "second": desk_world.users["assigned_volunteer"].pk,
        },
    )
    assert pair.status_code == 302


def test_suggestions_skip_busy_and_non_speaking_volunteers(
    client, desk_world, settings
):
    settings.LMS_ASSISTANCE_MAX_OPEN_TASKS = 1
    persian = qualified_volunteer(
        user=UserFactory(first_name="Parisa"), languages="Persian, English"
    )
    request = AssistanceRequestFactory(
        desk=desk_world.desk, taken_by=desk_world.users["desk_staff"]
    )
    client.force_login(desk_world.users["desk_staff"])
    page = client.get(reverse("desk:request", args=[request.reference]))
    suggested = [s.volunteer.user for s in page.context["suggestions"]]
    # Aysel already holds one task; Parisa does not speak Russian.
    assert suggested == [desk_world.users["other_volunteer"]]
    assert persian.user not in suggested


def test_documents_are_kept_privately_and_downloads_are_logged(
    client, desk_world, private_storage
):
    client.force_login(desk_world.users["assigned_volunteer"])
    reference = desk_world.request.reference
    response = client.post(
        reverse("desk:upload", args=[reference]),
        {"title": "Passport scan", "file": SimpleUploadedFile("zahra.pdf", b"%PDF-1")},
    )
    assert response.status_code == 302
    document = RequestDocument.objects.get()
    assert "zahra" not in document.file.name
    assert (private_storage / document.file.name).exists()
    # Nothing of it is under the media folder, so no media URL can serve it.
    assert not list(Path(settings.MEDIA_ROOT).rglob(Path(document.file.name).name))
    assert client.get(f"/media/{document.file.name}").status_code == 404
    download = client.get(reverse("desk:document", args=[reference, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1"
    assert download["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(
        reference=reference, action="download", target=f"document {document.pk}"
    ).exists()
    # Another volunteer cannot fetch it, even knowing both ids.
    client.force_login(desk_world.users["other_volunteer"])
    assert (
        client.get(reverse("desk:document", args=[reference, document.pk])).status_code
        == 404
    )


def test_an_upload_of_the_wrong_type_is_refused(client, desk_world, private_storage):
    client.force_login(desk_world.users["assigned_volunteer"])
    response = client.post(
        reverse("desk:upload", args=[desk_world.request.reference]),
        {"title": "Script", "file": SimpleUploadedFile("run.html", b"<script>")},
    )
    assert response.status_code == 400
    assert "is not a PDF, JPEG, PNG, DOCX or ODT document" in response.content.decode()
    assert not RequestDocument.objects.exists()


def test_notes_and_requests_are_rendered_as_plain_text(client, desk_world):
    payload = '<script>alert(1)</script><a href="javascript:x" onclick="y">z</a>'
    desk_world.request.needs = payload
    desk_world.request.save()
    client.force_login(desk_world.users["desk_staff"])
    client.post(
        reverse("desk:note", args=[desk_world.request.reference]), {"text": payload}
    )
    page = client.get(reverse("desk:request", args=[desk_world.request.reference]))
    html = page.content.decode()
    assert desk_world.request.notes.get().text == payload
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# The request page: sections and suggested volunteers ---------------------------


def test_the_request_page_groups_its_details_by_person_contact_need_and_status(
    client, desk_world
):
    client.force_login(desk_world.users["desk_staff"])
    page = client.get(
        reverse("desk:request", args=[desk_world.request.reference])
    ).content.decode()
    headings = ["The person", "Contact", "The help needed", "Status, legal basis"]
    positions = [page.index(f"<h3>{heading}") for heading in headings]
    assert positions == sorted(positions)
    # Status is read with the consent, no longer between the phone and the name.
    assert positions[1] < page.index(">Phone<") < positions[2]
    assert page.index(">Status<") > positions[3]


def test_the_intake_form_asks_by_person_contact_need_and_consent(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    page = client.get(reverse("desk:intake")).content.decode()
    legends = ["The person", "Contact", "The help needed", "Status, legal basis"]
    positions = [page.index(f"<legend>{legend}") for legend in legends]
    assert positions == sorted(positions)
    assert positions[0] < page.index('name="family_name"') < positions[1]


def test_a_suggested_volunteer_links_to_the_form_with_them_chosen(client, desk_world):
    request = AssistanceRequestFactory(desk=desk_world.desk, preferred_language="ru")
    chosen = desk_world.users["assigned_volunteer"]  # speaks Russian
    client.force_login(desk_world.users["desk_staff"])
    url = reverse("desk:request", args=[request.reference])
    page = client.get(url).content.decode()
    assert f'href="?volunteer={chosen.pk}#assign-heading"' in page
    form = client.get(url, {"volunteer": chosen.pk}).context["assign_form"]
    assert form["volunteer"].value() == chosen.pk


def test_a_malformed_volunteer_in_the_address_preselects_nobody(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    request = AssistanceRequestFactory(desk=desk_world.desk)
    response = client.get(
        reverse("desk:request", args=[request.reference]), {"volunteer": "x'"}
    )
    assert response.status_code == 200
    assert response.context["assign_form"]["volunteer"].value() is None

"""The audit log: append-only in the database, and the data-protection officer's
"who saw this request" and "what did this user see", on screen and exported."""

import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from lms_assistance.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(client, desk_world):
    """The assigned volunteer and the desk's staff each open the request once."""
    for role in ("assigned_volunteer", "desk_staff"):
        client.force_login(desk_world.users[role])
        client.get(reverse("desk:request", args=[desk_world.request.reference]))
    client.logout()
    return desk_world


def test_the_database_refuses_to_change_an_entry(seen):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(actor_label="someone else")


def test_the_database_refuses_to_delete_an_entry(seen):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM lms_assistance_auditentry")
    assert AuditEntry.objects.filter(action="view").count() == 2


def test_the_site_refuses_to_change_or_delete_an_entry(seen):
    entry = AuditEntry.objects.first()
    entry.actor_label = "someone else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_dpo_lists_who_saw_a_request(client, seen):
    client.force_login(seen.users["dpo"])
    response = client.get(
        reverse("desk:audit"), {"reference": seen.request.reference.lower()}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "assigned@school.example" in page
    assert "desk@school.example" in page
    # The log shows who and when, never the request's contents.
    assert "Karimova" not in page


def test_the_dpo_lists_what_a_user_saw_and_exports_it(client, seen):
    client.force_login(seen.users["dpo"])
    query = {"email": "assigned@school.example"}
    page = client.get(reverse("desk:audit"), query)
    entries = list(page.context["page"])
    assert {entry.actor_label for entry in entries} == {
        str(seen.users["assigned_volunteer"].get_full_name())
        + " <assigned@school.example>"
    }
    export = client.get(reverse("desk:audit_export"), query)
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][:4] == ("When", "Who", "What", "Request")
    assert [row[3] for row in rows[1:]] == [seen.request.reference]
    assert AuditEntry.objects.filter(
        actor_id=seen.users["dpo"].pk, action="export", target="audit log"
    ).exists()


def test_reading_the_log_is_itself_logged(client, seen):
    client.force_login(seen.users["dpo"])
    client.get(reverse("desk:audit"))
    assert AuditEntry.objects.filter(
        actor_id=seen.users["dpo"].pk, action="list", target="audit log"
    ).exists()


def test_a_bad_search_is_a_clear_400(client, seen):
    client.force_login(seen.users["dpo"])
    response = client.get(reverse("desk:audit"), {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


@pytest.mark.parametrize("role", ["desk_staff", "assigned_volunteer", "trainer"])
def test_only_the_dpo_reads_the_log(client, seen, role):
    client.force_login(seen.users[role])
    assert client.get(reverse("desk:audit")).status_code == 404
    assert client.get(reverse("desk:audit_export")).status_code == 404


def test_the_address_column_is_not_labelled_as_a_previous_value(client, seen):
    client.force_login(seen.users["dpo"])
    russian = client.get(reverse("desk:audit").replace("/az/", "/ru/"))
    assert "Было" not in russian.content.decode()
    english = client.get(reverse("desk:audit").replace("/az/", "/en/"))
    assert "From address" in english.content.decode()


def test_the_object_of_an_entry_is_read_in_the_readers_language(seen):
    entry = AuditEntry.objects.filter(target="request").first()
    with translation.override("ru"):
        assert entry.target_display() == pgettext("audit object", "request")
    numbered = AuditEntry(target="document 12")
    assert numbered.target_display() == "document 12"
    assert AuditEntry(target="drive 3 bookings").target_display() == (
        "bookings of drive 3"
    )

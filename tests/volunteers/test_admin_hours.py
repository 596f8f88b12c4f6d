"""Staff decide on claimed hours and revoke letters of service in the Wagtail admin."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms_volunteers.models import HoursEntry, ServiceLetter
from tests.factories import admin_in_english
from tests.volunteers.factories import (
    HoursEntryFactory,
    ShiftFactory,
    VolunteerFactory,
    project_page,
)

pytestmark = pytest.mark.django_db

HOURS = "/admin/volunteer_hours/"
LETTERS = "/admin/volunteer_letters/"


@pytest.fixture(autouse=True)
def english_admin(staff, coordinator, trainer):
    admin_in_english(staff, coordinator, trainer)


@pytest.fixture
def project(school):
    return project_page(title="Residence permits desk")


@pytest.fixture
def claim(project):
    return HoursEntryFactory(
        project=project,
        volunteer=VolunteerFactory(user__email="rashad@x.example"),
        description="Filled in forms with two families",
    )


@pytest.fixture
def letter(project):
    volunteer = VolunteerFactory(user__email="nigar@x.example")
    return ServiceLetter.objects.create(
        volunteer=volunteer, holder_name="Nigar Aliyeva", total_hours=42
    )


def page_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The list ----------------------------------------------------------------------


def test_the_list_opens_on_hours_waiting_for_approval(client, staff, claim, project):
    HoursEntryFactory(
        project=project,
        status="approved",
        description="Approved long ago",
        decided_by=staff,
    )
    client.force_login(staff)
    page = page_of(client.get(HOURS))
    assert "Filled in forms with two families" in page
    assert "Approved long ago" not in page
    page = page_of(client.get(HOURS, {"status": ""}))
    assert "Approved long ago" in page


def test_hours_confirmed_from_a_shift_appear_already_approved(client, staff, project):
    shift = ShiftFactory(project=project, title="Evening desk")
    HoursEntryFactory(
        project=project,
        shift=shift,
        source="shift",
        status="approved",
        description="Came to the evening desk",
    )
    client.force_login(staff)
    page = page_of(client.get(HOURS, {"status": "approved", "source": "shift"}))
    assert "Came to the evening desk" in page and "Shift attended" in page


def test_staff_filter_hours_by_project_and_year(client, staff, claim, school):
    from tests.factories import ProjectPageFactory

    other = ProjectPageFactory(parent=claim.project.get_parent(), title="Clinic")
    HoursEntryFactory(
        project=other,
        description="At the clinic",
        worked_on=datetime.date(2023, 5, 1),
    )
    client.force_login(staff)
    page = page_of(client.get(HOURS, {"project": other.pk}))
    assert "At the clinic" in page and "two families" not in page
    page = page_of(client.get(HOURS, {"year": 2023}))
    assert "At the clinic" in page and "two families" not in page


def test_the_export_has_a_row_per_entry(client, staff, claim):
    client.force_login(staff)
    response = client.get(HOURS, {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(content)))
    assert row["Email"] == "rashad@x.example"
    assert row["Project"] == "Residence permits desk"
    assert (row["Hours"], row["Status"]) == ("3.00", "Waiting for approval")
    response = client.get(HOURS, {"export": "xlsx"})
    assert response["Content-Disposition"].endswith('volunteer-hours.xlsx"')


# Deciding ------------------------------------------------------------------------


def test_staff_approve_claimed_hours(client, staff, claim):
    client.force_login(staff)
    page = page_of(client.get(HOURS))
    assert f"{HOURS}{claim.pk}/approve/" in page
    response = client.post(f"{HOURS}{claim.pk}/approve/", follow=True)
    assert "hours of" in " ".join(messages_of(response))
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("approved", staff)
    assert ModelLogEntry.objects.get(action="volunteers.approve_hours").user == staff


def test_staff_reject_claimed_hours_with_a_reason(client, staff, claim):
    client.force_login(staff)
    response = client.post(
        f"{HOURS}{claim.pk}/reject/", {"reason": "A training day"}, follow=True
    )
    assert "rejected" in " ".join(messages_of(response))
    claim.refresh_from_db()
    assert (claim.status, claim.decision_note) == ("rejected", "A training day")


def test_a_rejection_without_a_reason_is_refused(client, staff, claim):
    client.force_login(staff)
    response = client.post(f"{HOURS}{claim.pk}/reject/", {"reason": " "})
    assert response.status_code == 400
    assert "This field is required" in page_of(response)
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_hours_decided_already_are_refused_with_the_reason(client, staff, claim):
    HoursEntry.objects.filter(pk=claim.pk).update(status="approved")
    client.force_login(staff)
    response = client.post(f"{HOURS}{claim.pk}/reject/", {"reason": "No"})
    assert response.status_code == 400
    assert "These hours were already decided: Approved." in page_of(response)
    claim.refresh_from_db()
    assert claim.status == "approved"


def test_staff_cannot_approve_their_own_hours(client, staff, project):
    own = HoursEntryFactory(project=project, volunteer=VolunteerFactory(user=staff))
    client.force_login(staff)
    response = client.post(f"{HOURS}{own.pk}/approve/")
    assert response.status_code == 400
    assert "Someone else must decide on your own hours." in page_of(response)
    own.refresh_from_db()
    assert own.status == "pending"


def test_hours_of_a_deleted_account_are_listed_without_a_name(client, staff, claim):
    HoursEntry.objects.filter(pk=claim.pk).update(volunteer=None)
    client.force_login(staff)
    assert "(account deleted)" in page_of(client.get(HOURS))


# Letters of service ----------------------------------------------------------------


def test_staff_see_letters_with_holder_code_hours(client, staff, letter):
    client.force_login(staff)
    page = page_of(client.get(LETTERS))
    assert "Nigar Aliyeva" in page and letter.display_code in page and "42" in page


def test_staff_revoke_a_letter_with_a_reason(client, staff, letter):
    client.force_login(staff)
    response = client.post(
        f"{LETTERS}{letter.pk}/revoke/", {"reason": "Hours counted twice"}, follow=True
    )
    assert "is revoked" in " ".join(messages_of(response))
    letter.refresh_from_db()
    assert letter.is_revoked and letter.revoke_reason == "Hours counted twice"
    assert letter.revoked_by == staff
    page = page_of(client.get(LETTERS, {"revoked": "true"}))
    assert "Nigar Aliyeva" in page


def test_a_revocation_without_a_reason_is_refused(client, staff, letter):
    client.force_login(staff)
    response = client.post(f"{LETTERS}{letter.pk}/revoke/", {"reason": ""})
    assert response.status_code == 400
    letter.refresh_from_db()
    assert not letter.is_revoked


def test_a_revoked_letter_offers_no_second_revocation(client, staff, letter):
    ServiceLetter.objects.filter(pk=letter.pk).update(
        revoked_at=timezone.now(), revoke_reason="Mistake"
    )
    client.force_login(staff)
    response = client.get(f"{LETTERS}{letter.pk}/revoke/", follow=True)
    assert "already been revoked" in " ".join(messages_of(response))


# Who may do what -------------------------------------------------------------------


def test_coordinators_read_hours_and_letters_but_cannot_decide(
    client, coordinator, claim, letter
):
    client.force_login(coordinator)
    assert "two families" in page_of(client.get(HOURS))
    assert "Nigar Aliyeva" in page_of(client.get(LETTERS))
    for url, form in (
        (f"{HOURS}{claim.pk}/approve/", {}),
        (f"{HOURS}{claim.pk}/reject/", {"reason": "x"}),
        (f"{LETTERS}{letter.pk}/revoke/", {"reason": "x"}),
    ):
        assert client.post(url, form).status_code == 302, url
    claim.refresh_from_db()
    letter.refresh_from_db()
    assert claim.status == "pending" and not letter.is_revoked


def test_trainers_see_no_hours_or_letters(client, trainer, claim, letter):
    client.force_login(trainer)
    for url in (
        HOURS,
        LETTERS,
        f"{HOURS}{claim.pk}/approve/",
        f"{LETTERS}{letter.pk}/",
    ):
        assert client.get(url).status_code == 302, url


def test_an_unknown_entry_is_not_found_for_staff(client, staff):
    client.force_login(staff)
    assert client.get(f"{HOURS}999999/approve/").status_code == 404
    assert client.get(f"{LETTERS}999999/revoke/").status_code == 404


# The volunteers' list: who was active lately -----------------------------------------


def test_the_activity_filter_keeps_volunteers_with_recent_approved_hours(
    client, staff, project
):
    recent = VolunteerFactory(user__email="recent@x.example")
    HoursEntryFactory(volunteer=recent, project=project, status="approved")
    old = VolunteerFactory(user__email="old@x.example")
    HoursEntryFactory(
        volunteer=old,
        project=project,
        status="approved",
        worked_on=timezone.localdate() - datetime.timedelta(days=200),
    )
    VolunteerFactory(user__email="never@x.example")
    client.force_login(staff)
    page = page_of(client.get("/admin/volunteers/", {"activity": "30"}))
    assert "recent@" in page and "old@" not in page and "never@" not in page
    page = page_of(client.get("/admin/volunteers/", {"activity": "365"}))
    assert "recent@" in page and "old@" in page and "never@" not in page
    page = page_of(client.get("/admin/volunteers/", {"activity": "never"}))
    assert "never@" in page and "recent@" not in page and "old@" not in page

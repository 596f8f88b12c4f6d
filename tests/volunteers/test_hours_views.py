"""The volunteer's hours page with its claim form, and the lead's attendance sheet."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from lms_volunteers.hours import reject
from lms_volunteers.letters import issue_letter
from lms_volunteers.models import HoursEntry, SignUp, Volunteer
from tests.conftest import count_queries
from tests.factories import UserFactory

from .factories import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerFactory,
    project_page,
)

pytestmark = pytest.mark.django_db

MY_HOURS = "/en/volunteers/me/hours/"
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def project(db):
    return project_page(title="Residence permit desk")


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(user__first_name="Şəbnəm", user__last_name="Əliyeva")


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@volunteers.example")


@pytest.fixture
def started_shift(project, lead):
    start = timezone.now() - datetime.timedelta(hours=1)
    return ShiftFactory(
        project=project,
        lead=lead,
        title="Forms at the service centre",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )


def attendance_url(shift) -> str:
    return f"/en/volunteers/shifts/{shift.pk}/attendance/"


def claim_answers(chosen, **answers) -> dict:
    return {
        "project": chosen.pk,
        "worked_on": YESTERDAY.isoformat(),
        "hours": "2.5",
        "description": "Went with a family to the migration service.",
    } | answers


# My hours --------------------------------------------------------------------


def test_my_hours_is_for_signed_in_volunteers(client):
    assert client.get(MY_HOURS).status_code == 302
    client.force_login(UserFactory())
    assert client.get(MY_HOURS)["Location"] == "/en/volunteers/apply/"


def test_a_volunteer_sees_totals_by_year_and_project_and_each_entry(
    client, volunteer, project
):
    HoursEntryFactory(
        volunteer=volunteer,
        project=project,
        worked_on=datetime.date(2025, 6, 1),
        hours=4,
        status=HoursEntry.Status.APPROVED,
    )
    refused = HoursEntryFactory(
        volunteer=volunteer, project=project, description="Sorted donated clothes."
    )
    reject(refused, by=UserFactory(), reason="That was another union's drive.")
    HoursEntryFactory(project=project, hours=7, status="approved")  # someone else's
    client.force_login(volunteer.user)
    page = client.get(MY_HOURS).content.decode()
    for shown in [
        "4 hours of service",
        "2025: 4 hours",
        "Residence permit desk",
        "Sorted donated clothes.",
        "Rejected",
        "That was another union&#x27;s drive.",
    ]:
        assert shown in page
    assert "11 hours" not in page


def test_a_volunteer_claims_hours_and_is_told_they_wait_for_approval(
    client, volunteer, project
):
    client.force_login(volunteer.user)
    response = client.post(MY_HOURS, claim_answers(project), follow=True)
    assert "They count once the union&#x27;s staff approve them." in (
        response.content.decode()
    )
    entry = HoursEntry.objects.get()
    assert (entry.volunteer, entry.status, entry.hours) == (
        volunteer,
        HoursEntry.Status.PENDING,
        2.5,
    )


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"hours": "-2"}, "Claim a positive number of hours."),
        ({"hours": "0"}, "Claim a positive number of hours."),
        ({"hours": "25"}, "Nobody works more than 24 hours in a day"),
        ({"hours": "many"}, "Write the hours as a number"),
        ({"hours": "1.234"}, "decimal places"),
        ({"worked_on": "2999-01-01"}, "only claim hours you have already worked"),
        ({"worked_on": "yesterday"}, "Enter a valid date."),
        ({"description": ""}, "This field is required."),
        ({"project": "999999"}, "Choose one of the union&#x27;s projects."),
    ],
)
def test_bad_claims_are_refused_with_a_clear_message_and_change_nothing(
    client, volunteer, project, answers, message
):
    client.force_login(volunteer.user)
    response = client.post(MY_HOURS, claim_answers(project, **answers))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_a_claim_passing_24_hours_on_a_day_is_refused(client, volunteer, project):
    HoursEntryFactory(
        volunteer=volunteer, project=project, worked_on=YESTERDAY, hours=22
    )
    client.force_login(volunteer.user)
    response = client.post(MY_HOURS, claim_answers(project, hours="3"))
    assert response.status_code == 400
    assert "you can claim at most 2 more" in response.content.decode()
    assert HoursEntry.objects.count() == 1


def test_a_paused_volunteer_sees_their_hours_but_cannot_claim(client, project):
    paused = VolunteerFactory(status=Volunteer.Status.PAUSED)
    client.force_login(paused.user)
    page = client.get(MY_HOURS).content.decode()
    assert "Only active volunteers can claim hours." in page
    assert 'name="hours"' not in page
    response = client.post(MY_HOURS, claim_answers(project))
    assert response.status_code == 400
    assert not HoursEntry.objects.exists()


def test_my_hours_lists_letters_with_their_verification_pages(client, volunteer):
    HoursEntryFactory(volunteer=volunteer, status="approved")
    letter = issue_letter(volunteer)
    client.force_login(volunteer.user)
    page = client.get(MY_HOURS).content.decode()
    assert 'action="/en/volunteers/me/letters/"' in page
    assert letter.display_code in page
    assert f"/en/certificates/verify/{letter.display_code}/" in page
    assert f"/en/volunteers/letters/{letter.display_code}/letter.pdf" in page


def test_my_hours_takes_as_many_queries_with_many_entries_as_with_one(
    client, volunteer
):
    client.force_login(volunteer.user)
    HoursEntryFactory(volunteer=volunteer, project=project_page(), status="approved")
    few = count_queries(client, MY_HOURS)
    for _ in range(6):
        HoursEntryFactory(
            volunteer=volunteer, project=project_page(), status="approved"
        )
    assert count_queries(client, MY_HOURS) == few


# Attendance ------------------------------------------------------------------


def test_the_lead_ticks_who_came_and_they_get_the_shift_s_hours(
    client, started_shift, lead, volunteer
):
    came = SignUpFactory(shift=started_shift, volunteer=volunteer)
    absent = SignUpFactory(shift=started_shift)
    client.force_login(lead)
    page = client.get(attendance_url(started_shift)).content.decode()
    assert "Şəbnəm Əliyeva" in page
    assert f'name="came_{absent.pk}"' in page
    response = client.post(attendance_url(started_shift), {f"came_{came.pk}": "on"})
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert (entry.volunteer, entry.hours, entry.status) == (volunteer, 3, "approved")
    absent.refresh_from_db()
    assert absent.attended is False
    page = client.get(attendance_url(started_shift)).content.decode()
    assert "Attendance saved: 1 of 2 came." in page


def test_before_the_shift_starts_the_lead_is_told_to_come_back(
    client, project, lead, volunteer
):
    tomorrow = ShiftFactory(project=project, lead=lead)
    sign_up = SignUpFactory(shift=tomorrow, volunteer=volunteer)
    client.force_login(lead)
    page = client.get(attendance_url(tomorrow)).content.decode()
    assert "Attendance can be confirmed once the shift has started." in page
    response = client.post(attendance_url(tomorrow), {f"came_{sign_up.pk}": "on"})
    assert response.status_code == 400
    assert not HoursEntry.objects.exists()


def test_staff_who_may_change_hours_confirm_attendance_too(client, started_shift):
    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="change_hoursentry"))
    client.force_login(staff)
    assert client.get(attendance_url(started_shift)).status_code == 200


def test_nobody_else_sees_the_attendance_sheet(client, started_shift, volunteer):
    sign_up = SignUpFactory(shift=started_shift, volunteer=volunteer)
    assert client.get(attendance_url(started_shift)).status_code == 302
    client.force_login(volunteer.user)
    assert client.get(attendance_url(started_shift)).status_code == 404
    response = client.post(attendance_url(started_shift), {f"came_{sign_up.pk}": "on"})
    assert response.status_code == 404
    assert not HoursEntry.objects.exists()
    assert client.get("/en/volunteers/shifts/999999/attendance/").status_code == 404


def test_waitlisted_people_are_not_on_the_sheet(client, started_shift, lead):
    waiting = SignUpFactory(shift=started_shift, status=SignUp.Status.WAITLISTED)
    client.force_login(lead)
    page = client.get(attendance_url(started_shift)).content.decode()
    assert f'name="came_{waiting.pk}"' not in page
    client.post(attendance_url(started_shift), {f"came_{waiting.pk}": "on"})
    assert not HoursEntry.objects.exists()

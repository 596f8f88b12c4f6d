"""Staff plan shifts in the Wagtail admin: the list and its filters, the form that
refuses what the database would, the roster, cancelling with a reason, exports."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms_volunteers.models import Shift, SignUp
from tests.factories import UserFactory, admin_in_english
from tests.volunteers.factories import (
    ShiftFactory,
    SignUpFactory,
    VolunteerFactory,
    project_page,
)

pytestmark = pytest.mark.django_db

LIST = "/admin/volunteer_shifts/"


@pytest.fixture(autouse=True)
def english_admin(staff, coordinator, trainer):
    admin_in_english(staff, coordinator, trainer)


@pytest.fixture
def project(school):
    return project_page(title="Residence permits desk")


@pytest.fixture
def desk_shift(project):
    return ShiftFactory(project=project, title="Help at the permits desk", capacity=2)


def page_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def shift_form(shift=None, **changes):
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    form = {
        "project": shift.project_id if shift else "",
        "title": shift.title if shift else "Interpret at the clinic",
        "place": shift.place if shift else "Clinic, 4 Fuzuli street",
        "starts_at": (
            timezone.localtime(shift.starts_at) if shift else starts
        ).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (
            timezone.localtime(shift.ends_at)
            if shift
            else starts + datetime.timedelta(hours=3)
        ).strftime("%Y-%m-%d %H:%M"),
        "capacity": shift.capacity if shift else 4,
        "cancel_deadline_hours": 24,
        "required_languages": "",
        "lead": "",
    }
    form.update(changes)
    return form


# The list ----------------------------------------------------------------------


def test_staff_see_shifts_with_project_places_and_status(client, staff, desk_shift):
    SignUpFactory(shift=desk_shift)
    client.force_login(staff)
    page = page_of(client.get(LIST))
    assert "Help at the permits desk" in page
    assert "Residence permits desk" in page
    assert "1/2" in page and "Open" in page


def test_short_of_people_keeps_open_upcoming_shifts_with_places_left(
    client, staff, project
):
    short = ShiftFactory(project=project, title="Short shift", capacity=2)
    full = ShiftFactory(project=project, title="Full shift", capacity=1)
    SignUpFactory(shift=full)
    ShiftFactory(
        project=project,
        title="Past shift",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-2),
    )
    ShiftFactory(project=project, title="Cancelled shift", status="cancelled")
    client.force_login(staff)
    page = page_of(client.get(LIST, {"short": "true"}))
    assert short.title in page
    for gone in ("Full shift", "Past shift", "Cancelled shift"):
        assert gone not in page


def test_short_of_people_is_one_click_away_in_the_menu(client, staff):
    client.force_login(staff)
    page = page_of(client.get("/admin/"))
    assert "Shifts short of people" in page
    assert f"{LIST}?short=true" in page


def test_staff_filter_shifts_by_department_status_and_time(
    client, staff, project, school
):
    from tests.factories import DepartmentPageFactory, ProjectPageFactory

    ShiftFactory(project=project, title="Desk shift")
    other_department = DepartmentPageFactory(
        parent=project.get_parent().get_parent(), title="Psychology"
    )
    other = ProjectPageFactory(parent=other_department, title="Listening")
    ShiftFactory(project=other, title="Listening shift", status="cancelled")
    client.force_login(staff)
    page = page_of(client.get(LIST, {"department": other_department.pk}))
    assert "Listening shift" in page and "Desk shift" not in page
    page = page_of(client.get(LIST, {"project": project.pk}))
    assert "Desk shift" in page and "Listening shift" not in page
    page = page_of(client.get(LIST, {"status": "cancelled"}))
    assert "Listening shift" in page and "Desk shift" not in page
    page = page_of(client.get(LIST, {"when": "past"}))
    assert "Desk shift" not in page


def test_staff_search_shifts_by_task_or_place(client, staff, project):
    ShiftFactory(project=project, title="Interpret", place="Clinic")
    ShiftFactory(project=project, title="Carry boxes", place="Warehouse")
    client.force_login(staff)
    page = page_of(client.get(LIST, {"q": "warehouse"}))
    assert "Carry boxes" in page and "Interpret" not in page


def test_the_export_has_a_row_per_shift(client, staff, desk_shift):
    SignUpFactory(shift=desk_shift)
    client.force_login(staff)
    response = client.get(LIST, {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(content)))
    assert row["Task"] == "Help at the permits desk"
    assert row["Project"] == "Residence permits desk"
    assert (row["Places"], row["Places taken"], row["Status"]) == ("2", "1", "Open")
    response = client.get(LIST, {"export": "xlsx"})
    assert response["Content-Disposition"].endswith('shifts.xlsx"')


# The form ----------------------------------------------------------------------


def test_staff_add_a_shift_under_a_project(client, staff, project, desk_basics):
    client.force_login(staff)
    form = shift_form(
        project=project.pk,
        required_qualifications=[desk_basics.pk],
        required_languages="Persian",
        lead=staff.pk,
    )
    response = client.post(f"{LIST}new/", form)
    assert response.status_code == 302, page_of(response)
    shift = Shift.objects.get(title="Interpret at the clinic")
    assert shift.project_key == project.translation_key
    assert list(shift.required_qualifications.all()) == [desk_basics]
    assert (shift.capacity, shift.lead, shift.places_taken) == (4, staff, 0)


def test_a_shift_that_ends_before_it_starts_is_refused_with_a_message(
    client, staff, project
):
    client.force_login(staff)
    form = shift_form(project=project.pk)
    form["ends_at"], form["starts_at"] = form["starts_at"], form["ends_at"]
    response = client.post(f"{LIST}new/", form)
    assert response.status_code == 200
    assert "A shift ends after it starts." in page_of(response)
    assert not Shift.objects.exists()


def test_a_shift_without_places_is_refused_with_a_message(client, staff, project):
    client.force_login(staff)
    response = client.post(f"{LIST}new/", shift_form(project=project.pk, capacity=0))
    assert "A shift needs at least one place." in page_of(response)
    assert not Shift.objects.exists()


def test_the_project_must_be_a_project_page(client, staff, project):
    client.force_login(staff)
    department = project.get_parent()
    response = client.post(f"{LIST}new/", shift_form(project=department.pk))
    assert response.status_code == 200
    assert not Shift.objects.exists()


def test_the_lead_must_be_an_active_volunteer_or_staff(client, staff, project):
    client.force_login(staff)
    stranger = UserFactory()
    response = client.post(
        f"{LIST}new/", shift_form(project=project.pk, lead=stranger.pk)
    )
    assert response.status_code == 200
    assert not Shift.objects.exists()


def test_fewer_places_than_volunteers_signed_up_is_refused(client, staff, desk_shift):
    SignUpFactory(shift=desk_shift)
    SignUpFactory(shift=desk_shift)
    client.force_login(staff)
    response = client.post(
        f"{LIST}edit/{desk_shift.pk}/", shift_form(desk_shift, capacity=1)
    )
    assert response.status_code == 200
    assert "2 volunteers hold a place already" in page_of(response)
    desk_shift.refresh_from_db()
    assert (desk_shift.capacity, desk_shift.places_taken) == (2, 2)


def test_a_sign_up_while_the_form_was_open_is_not_overwritten(
    client, staff, desk_shift, monkeypatch
):
    """The form read 0 places taken; a volunteer signs up before it saves."""
    from lms_volunteers.admin.shifts import ShiftForm

    checked = ShiftForm.clean

    def someone_signs_up_once_checked(form):
        cleaned = checked(form)
        SignUpFactory(shift=Shift.objects.get(pk=desk_shift.pk))
        return cleaned

    monkeypatch.setattr(ShiftForm, "clean", someone_signs_up_once_checked)
    client.force_login(staff)
    response = client.post(
        f"{LIST}edit/{desk_shift.pk}/", shift_form(desk_shift, title="Renamed")
    )
    assert response.status_code == 302
    desk_shift.refresh_from_db()
    assert (desk_shift.title, desk_shift.places_taken) == ("Renamed", 1)


def test_moving_a_shift_tells_those_signed_up(client, staff, desk_shift):
    SignUpFactory(
        shift=desk_shift, volunteer=VolunteerFactory(user__email="a@x.example")
    )
    client.force_login(staff)
    mail.outbox.clear()
    response = client.post(
        f"{LIST}edit/{desk_shift.pk}/",
        shift_form(desk_shift, place="New building, room 2"),
        follow=True,
    )
    assert "1 volunteer was told of the change." in " ".join(messages_of(response))
    assert [message.to for message in mail.outbox] == [["a@x.example"]]


def test_renaming_a_shift_tells_nobody(client, staff, desk_shift):
    SignUpFactory(shift=desk_shift)
    client.force_login(staff)
    mail.outbox.clear()
    client.post(f"{LIST}edit/{desk_shift.pk}/", shift_form(desk_shift, title="Desk"))
    assert mail.outbox == []


# The roster ----------------------------------------------------------------------


def test_the_roster_shows_who_holds_a_place_and_the_waitlist_in_order(
    client, staff, project
):
    shift = ShiftFactory(project=project, capacity=1)
    SignUpFactory(
        shift=shift, volunteer=VolunteerFactory(user__email="first@x.example")
    )
    for email in ("second@x.example", "third@x.example"):
        SignUpFactory(
            shift=shift,
            volunteer=VolunteerFactory(user__email=email),
            status=SignUp.Status.WAITLISTED,
        )
    client.force_login(staff)
    page = page_of(client.get(f"{LIST}inspect/{shift.pk}/"))
    assert "first@x.example" in page
    assert page.index("second@x.example") < page.index("third@x.example")
    assert f"/en/volunteers/shifts/{shift.pk}/attendance/" in page


# Cancelling and deleting -----------------------------------------------------------


def test_staff_cancel_a_shift_with_a_reason_and_volunteers_are_told(
    client, staff, desk_shift
):
    SignUpFactory(
        shift=desk_shift, volunteer=VolunteerFactory(user__email="a@x.example")
    )
    client.force_login(staff)
    mail.outbox.clear()
    response = client.post(
        f"{LIST}cancel/{desk_shift.pk}/",
        {"reason": "The centre is closed"},
        follow=True,
    )
    assert "1 volunteer was told why" in " ".join(messages_of(response))
    desk_shift.refresh_from_db()
    assert (desk_shift.status, desk_shift.cancel_reason) == (
        "cancelled",
        "The centre is closed",
    )
    assert SignUp.objects.get().status == SignUp.Status.CANCELLED
    assert [message.to for message in mail.outbox] == [["a@x.example"]]
    assert ModelLogEntry.objects.get(action="volunteers.cancel_shift").user == staff


def test_cancelling_without_a_reason_is_refused(client, staff, desk_shift):
    client.force_login(staff)
    response = client.post(f"{LIST}cancel/{desk_shift.pk}/", {"reason": "  "})
    assert response.status_code == 400
    assert "This field is required" in page_of(response)
    desk_shift.refresh_from_db()
    assert desk_shift.status == "open"


def test_cancelling_twice_says_it_is_cancelled_already(client, staff, desk_shift):
    client.force_login(staff)
    client.post(f"{LIST}cancel/{desk_shift.pk}/", {"reason": "Closed"})
    response = client.post(f"{LIST}cancel/{desk_shift.pk}/", {"reason": "Again"})
    assert response.status_code == 400
    assert "already been cancelled" in page_of(response)
    desk_shift.refresh_from_db()
    assert desk_shift.cancel_reason == "Closed"


def test_a_shift_with_sign_ups_is_never_deleted(client, desk_shift):
    SignUpFactory(shift=desk_shift)
    superuser = UserFactory(is_superuser=True)
    admin_in_english(superuser)
    client.force_login(superuser)
    response = client.post(f"{LIST}delete/{desk_shift.pk}/", follow=True)
    assert "cancel it instead" in " ".join(messages_of(response))
    assert Shift.objects.filter(pk=desk_shift.pk).exists()


def test_a_shift_nobody_signed_up_for_can_be_deleted_by_a_superuser(client, desk_shift):
    superuser = UserFactory(is_superuser=True)
    client.force_login(superuser)
    client.post(f"{LIST}delete/{desk_shift.pk}/")
    assert not Shift.objects.filter(pk=desk_shift.pk).exists()


# Who may do what -------------------------------------------------------------------


def test_coordinators_read_shifts_but_cannot_change_or_cancel_them(
    client, coordinator, desk_shift
):
    client.force_login(coordinator)
    assert "Help at the permits desk" in page_of(client.get(LIST))
    assert client.get(f"{LIST}inspect/{desk_shift.pk}/").status_code == 200
    assert client.get(f"{LIST}new/").status_code == 302
    response = client.post(f"{LIST}cancel/{desk_shift.pk}/", {"reason": "x"})
    assert response.status_code == 302
    desk_shift.refresh_from_db()
    assert desk_shift.status == "open"


def test_trainers_see_no_shifts(client, trainer, desk_shift):
    client.force_login(trainer)
    for url in (
        LIST,
        f"{LIST}inspect/{desk_shift.pk}/",
        f"{LIST}cancel/{desk_shift.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
    assert "Shifts short of people" not in page_of(client.get("/admin/"))


def test_the_lead_chooser_lists_candidates_for_staff_only(client, staff, trainer):
    VolunteerFactory(user__email="lead@x.example")
    VolunteerFactory(user__email="applicant@x.example", status="applicant")
    client.force_login(staff)
    response = client.get("/admin/shift_lead_chooser/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert "lead@x.example" in html or "Leyla" in html
    assert "applicant@x.example" not in html
    client.force_login(trainer)
    assert client.get("/admin/shift_lead_chooser/").status_code == 302

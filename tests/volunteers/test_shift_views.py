"""The shift pages: reading a shift, signing up and cancelling, my shifts, calendars,
and who sees whose contact details."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from lms_volunteers import shifts
from lms_volunteers.models import Shift, SignUp
from tests.factories import UserFactory
from tests.volunteers.factories import ShiftFactory, SignUpFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

MY_SHIFTS = "/en/volunteers/me/shifts/"
MY_CALENDAR = "/en/volunteers/me/shifts.ics"


def page_of(shift) -> str:
    return f"/en/volunteers/shifts/{shift.pk}/"


def days_ahead(days: float, hours: float = 2) -> dict:
    starts = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=hours)}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def shift(db):
    return ShiftFactory(capacity=2, title="Help with permit forms", **days_ahead(3))


@pytest.fixture
def crew(shift):
    """The shift's lead (a volunteer with a phone), two places taken, one waiting."""
    lead = VolunteerFactory(
        user__first_name="Lala", user__email="lead@vol.example", phone="+994 50 111"
    )
    shift.lead = lead.user
    shift.save()
    first = SignUpFactory(
        shift=shift,
        volunteer=VolunteerFactory(
            user__first_name="Orkhan",
            user__email="orkhan@vol.example",
            phone="+994 50 222",
        ),
    )
    second = SignUpFactory(
        shift=shift,
        volunteer=VolunteerFactory(
            user__first_name="Nigar",
            user__email="nigar@vol.example",
            phone="+994 50 333",
        ),
    )
    waiting = SignUpFactory(
        shift=shift,
        status=SignUp.Status.WAITLISTED,
        volunteer=VolunteerFactory(
            user__first_name="Samir",
            user__email="samir@vol.example",
            phone="+994 50 444",
        ),
    )
    return {"lead": lead, "first": first, "second": second, "waiting": waiting}


# Reading a shift --------------------------------------------------------------


def test_anyone_reads_a_shift_with_its_places_left_and_requirements(client, shift):
    shift.required_languages = "Persian"
    shift.save()
    SignUpFactory(shift=shift)
    page = client.get(page_of(shift)).content.decode()
    assert "Help with permit forms" in page
    assert "Service centre, 12 Nizami street" in page
    assert "1 of 2" in page
    assert "Persian" in page
    assert "Sign in to sign up" in page
    assert f'href="/en/volunteers/shifts/{shift.pk}/shift.ics"' in page


def test_times_are_shown_in_the_viewers_time_zone(client, shift):
    shift.starts_at = datetime.datetime(2030, 12, 1, 6, 0, tzinfo=datetime.UTC)
    shift.ends_at = datetime.datetime(2030, 12, 1, 8, 0, tzinfo=datetime.UTC)
    shift.save()
    assert "1 December 2030, 10:00" in client.get(page_of(shift)).content.decode()
    user = UserFactory(time_zone="Europe/Berlin")
    client.force_login(user)
    page = client.get(page_of(shift)).content.decode()
    assert "1 December 2030, 07:00" in page and "(Europe/Berlin)" in page


def test_an_unknown_shift_is_not_found(client):
    assert client.get("/en/volunteers/shifts/999999/").status_code == 404
    assert client.get("/en/volunteers/shifts/999999/shift.ics").status_code == 404


def test_a_shift_of_an_unpublished_project_is_not_found(client, shift):
    shift.project.unpublish()
    assert client.get(page_of(shift)).status_code == 404
    assert client.get(page_of(shift) + "shift.ics").status_code == 404


def test_a_volunteer_who_may_not_sign_up_reads_why(client, shift):
    shift.required_languages = "Persian"
    shift.save()
    client.force_login(VolunteerFactory(status="paused").user)
    page = client.get(page_of(shift)).content.decode()
    assert "You cannot sign up for this shift:" in page
    assert "Only active volunteers may sign up" in page
    assert "This shift needs volunteers who speak Persian." in page
    assert f'action="/en/volunteers/shifts/{shift.pk}/sign-up/"' not in page


def test_a_signed_in_person_who_is_not_a_volunteer_is_invited_to_apply(client, shift):
    client.force_login(UserFactory())
    page = client.get(page_of(shift)).content.decode()
    assert 'href="/en/volunteers/apply/"' in page


# Signing up and cancelling ------------------------------------------------------


def test_a_volunteer_signs_up_and_sees_their_place(client, shift):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.post(page_of(shift) + "sign-up/", follow=True)
    assert response.redirect_chain == [(page_of(shift), 302)]
    assert messages_of(response) == [
        "You are signed up for “Help with permit forms”. Thank you!"
    ]
    assert "You have a place on this shift." in response.content.decode()
    assert SignUp.objects.get(volunteer=volunteer).status == SignUp.Status.CONFIRMED


def test_a_full_shift_tells_the_volunteer_their_waitlist_position(client, shift):
    SignUpFactory.create_batch(2, shift=shift)
    SignUpFactory(shift=shift, status=SignUp.Status.WAITLISTED)
    client.force_login(VolunteerFactory().user)
    response = client.post(page_of(shift) + "sign-up/", follow=True)
    assert "you are number 2 on its waitlist" in messages_of(response)[0]
    assert "You are number 2 on the waitlist." in response.content.decode()


def test_a_refused_sign_up_says_why_and_changes_nothing(client, shift):
    client.force_login(VolunteerFactory(languages="Azerbaijani").user)
    shift.required_languages = "Russian"
    shift.save()
    response = client.post(page_of(shift) + "sign-up/", follow=True)
    assert messages_of(response) == ["This shift needs volunteers who speak Russian."]
    assert not SignUp.objects.exists()
    shift.refresh_from_db()
    assert shift.places_taken == 0


def test_a_person_who_is_not_a_volunteer_cannot_sign_up(client, shift):
    client.force_login(UserFactory())
    response = client.post(page_of(shift) + "sign-up/", follow=True)
    assert "Only volunteers of the union may sign up" in messages_of(response)[0]
    assert not SignUp.objects.exists()


def test_signing_up_needs_a_signed_in_person_and_a_post(client, shift):
    response = client.post(page_of(shift) + "sign-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    client.force_login(VolunteerFactory().user)
    assert client.get(page_of(shift) + "sign-up/").status_code == 405
    assert client.get(page_of(shift) + "cancel/").status_code == 405
    assert client.post("/en/volunteers/shifts/999999/sign-up/").status_code == 404
    assert not SignUp.objects.exists()


def test_a_volunteer_cancels_their_place(client, shift):
    mine = SignUpFactory(shift=shift)
    client.force_login(mine.volunteer.user)
    response = client.post(page_of(shift) + "cancel/", follow=True)
    assert messages_of(response) == [
        "You have cancelled your place on “Help with permit forms”."
    ]
    mine.refresh_from_db()
    assert mine.status == SignUp.Status.CANCELLED


def test_cancelling_goes_back_to_my_shifts_when_asked_but_never_elsewhere(
    client, shift
):
    mine = SignUpFactory(shift=shift)
    client.force_login(mine.volunteer.user)
    response = client.post(
        page_of(shift) + "cancel/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == page_of(shift)
    SignUpFactory(shift=shift, volunteer=mine.volunteer, status="waitlisted")
    response = client.post(page_of(shift) + "cancel/", {"next": MY_SHIFTS})
    assert response["Location"] == MY_SHIFTS


def test_a_volunteer_cannot_cancel_someone_elses_place(client, crew, shift):
    client.force_login(VolunteerFactory().user)
    response = client.post(page_of(shift) + "cancel/", follow=True)
    assert messages_of(response) == ["You are not signed up for this shift."]
    assert SignUp.objects.holding().count() == 3
    shift.refresh_from_db()
    assert shift.places_taken == 2


def test_after_the_deadline_the_volunteer_is_told_to_contact_the_lead(client, crew):
    shift = crew["first"].shift
    Shift.objects.filter(pk=shift.pk).update(cancel_deadline_hours=100)
    client.force_login(crew["first"].volunteer.user)
    page = client.get(page_of(shift)).content.decode()
    assert "It is too late to cancel here" in page
    assert "Cancel my place" not in page
    response = client.post(page_of(shift) + "cancel/", follow=True)
    assert "Please contact the shift's lead." in messages_of(response)[0]
    crew["first"].refresh_from_db()
    assert crew["first"].status == SignUp.Status.CONFIRMED


# Who sees whom ------------------------------------------------------------------


def test_the_lead_sees_everyone_on_the_shift_with_their_contacts(client, crew, shift):
    client.force_login(crew["lead"].user)
    page = client.get(page_of(shift)).content.decode()
    for email, phone in [
        ("orkhan@vol.example", "+994 50 222"),
        ("nigar@vol.example", "+994 50 333"),
        ("samir@vol.example", "+994 50 444"),
    ]:
        assert email in page and phone in page
    assert "Waitlist, number 1" in page
    assert f'href="/en/volunteers/shifts/{shift.pk}/attendance/"' in page


def test_a_volunteer_with_a_place_sees_the_leads_contacts_but_no_one_elses(
    client, crew, shift
):
    client.force_login(crew["first"].volunteer.user)
    page = client.get(page_of(shift)).content.decode()
    assert "lead@vol.example" in page and "+994 50 111" in page
    for other in ["Nigar", "nigar@vol.example", "+994 50 333", "Samir", "samir@"]:
        assert other not in page


def test_a_volunteer_on_the_waitlist_does_not_see_the_lead(client, crew, shift):
    client.force_login(crew["waiting"].volunteer.user)
    page = client.get(page_of(shift)).content.decode()
    assert "You are number 1 on the waitlist." in page
    for other in ["lead@vol.example", "+994 50 111", "Orkhan", "orkhan@vol.example"]:
        assert other not in page


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_others_see_no_names_and_no_contacts(client, crew, shift, who):
    if who == "outsider":
        client.force_login(VolunteerFactory().user)
    page = client.get(page_of(shift)).content.decode()
    for private in ["Lala", "Orkhan", "Nigar", "Samir", "@vol.example", "+994"]:
        assert private not in page
    assert "0 of 2" not in page and "None: new sign-ups join the waitlist" in page


# My shifts ----------------------------------------------------------------------


def test_my_shifts_lists_places_waitlist_positions_and_past_shifts(client, shift):
    volunteer = VolunteerFactory()
    SignUpFactory(shift=shift, volunteer=volunteer)
    full = ShiftFactory(capacity=1, title="Evening desk", **days_ahead(5))
    SignUpFactory(shift=full)
    SignUpFactory(shift=full, status=SignUp.Status.WAITLISTED)
    SignUpFactory(shift=full, volunteer=volunteer, status=SignUp.Status.WAITLISTED)
    done = ShiftFactory(title="Winter coats", **days_ahead(-10))
    SignUpFactory(shift=done, volunteer=volunteer, attended=True)
    client.force_login(volunteer.user)
    page = client.get(MY_SHIFTS).content.decode()
    assert "Help with permit forms" in page
    assert "on the waitlist, number 2" in page
    assert "Winter coats" in page and "you came: thank you!" in page
    assert f'href="/en/volunteers/shifts/{full.pk}/shift.ics"' in page
    assert f'href="{MY_CALENDAR}"' in page
    assert page.count('name="next"') == 2  # a cancel button each


def test_my_shifts_needs_a_volunteer(client):
    assert client.get(MY_SHIFTS)["Location"].startswith("/en/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(MY_SHIFTS)["Location"] == "/en/volunteers/apply/"
    assert client.get(MY_CALENDAR)["Location"] == "/en/volunteers/apply/"


def test_my_shifts_takes_as_many_queries_for_30_sign_ups_as_for_2(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)

    def queries_for(count: int) -> int:
        SignUp.objects.filter(volunteer=volunteer).delete()
        for number in range(count):
            shift = ShiftFactory(**days_ahead(2 + number))
            status = "waitlisted" if number % 3 else "confirmed"
            SignUpFactory(shift=shift, volunteer=volunteer, status=status)
        SignUpFactory(shift=ShiftFactory(**days_ahead(-3)), volunteer=volunteer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MY_SHIFTS).status_code == 200
        return len(queries)

    client.get(MY_SHIFTS)  # the first page of a visit also reads the person's roles
    assert queries_for(2) == queries_for(30)


# Calendars ----------------------------------------------------------------------


def unfolded(body: str) -> str:
    return body.replace("\r\n ", "")


def test_a_shift_calendar_file_follows_rfc_5545(client, shift):
    shift.title = "Forms, permits; and a very long title " + "x" * 80
    shift.place = "Room 3\\4, 12 Nizami street\nSecond floor"
    shift.starts_at = datetime.datetime(2030, 6, 1, 6, 0, tzinfo=datetime.UTC)
    shift.ends_at = datetime.datetime(2030, 6, 1, 8, 30, tzinfo=datetime.UTC)
    shift.save()
    response = client.get(page_of(shift) + "shift.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    lines = unfolded(body).split("\r\n")
    assert f"UID:volunteer-shift-{shift.pk}@testserver" in lines
    assert "DTSTART:20300601T060000Z" in lines
    assert "DTEND:20300601T083000Z" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert "SUMMARY:Forms\\, permits\\; and a very long title " + "x" * 80 in lines
    assert "LOCATION:Room 3\\\\4\\, 12 Nizami street\\nSecond floor" in lines


def test_folding_never_splits_a_letter(client, shift):
    shift.title = "Qəbul masası: ərizələrə kömək " * 5
    shift.save()
    body = client.get(page_of(shift) + "shift.ics").content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert "SUMMARY:" + shift.title.strip() in unfolded(body.decode())


def test_my_calendar_holds_my_upcoming_places_only(client, shift):
    volunteer = VolunteerFactory()
    SignUpFactory(shift=shift, volunteer=volunteer)
    full = ShiftFactory(capacity=1, **days_ahead(5))
    SignUpFactory(shift=full)
    SignUpFactory(shift=full, volunteer=volunteer, status=SignUp.Status.WAITLISTED)
    SignUpFactory(shift=ShiftFactory(**days_ahead(-4)), volunteer=volunteer)
    client.force_login(volunteer.user)
    body = client.get(MY_CALENDAR).content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:volunteer-shift-{shift.pk}@testserver" in body


# The project page -----------------------------------------------------------------


def test_the_project_page_lists_its_open_shifts_with_places_left(client, shift):
    full = ShiftFactory(
        project=shift.project, capacity=1, title="Evening desk", **days_ahead(4)
    )
    SignUpFactory(shift=full)
    ShiftFactory(project=shift.project, title="Last winter", **days_ahead(-30))
    page = client.get(shift.project.url, follow=True).content.decode()
    with translation.override(page_language(shift)):  # the page speaks its own
        assert gettext("Open shifts") in page
        places_left = ngettext("%(left)s place left", "%(left)s places left", 2)
        assert places_left % {"left": 2} in page
        assert gettext("full — waitlist") in page
    assert f'href="/{page_language(shift)}/volunteers/shifts/{shift.pk}/"' in page
    assert "Last winter" not in page


def page_language(shift) -> str:
    return shift.project.locale.language_code


def test_signing_up_in_the_view_and_in_the_domain_agree(client, shift):
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    client.force_login(volunteer.user)
    response = client.post(page_of(shift) + "sign-up/", follow=True)
    assert messages_of(response) == ["You are already signed up for this shift."]


def test_a_shift_page_shows_the_task_in_the_readers_language(client, shift):
    shift.title_en = "Help with permit forms (English)"
    shift.title_ru = "Помощь с формами разрешений"
    shift.save()
    assert (
        "Help with permit forms (English)"
        in client.get(page_of(shift)).content.decode()
    )
    russian = client.get(page_of(shift).replace("/en/", "/ru/")).content.decode()
    assert "Помощь с формами разрешений" in russian


def test_an_untranslated_task_falls_back_to_the_original(client, shift):
    shift.title_ru = "Помощь с формами разрешений"
    shift.save()
    assert "Help with permit forms" in client.get(page_of(shift)).content.decode()

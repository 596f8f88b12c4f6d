"""The classroom page, calendar files, dashboard and admin screens of live sessions."""

import datetime

import pytest
from channels.testing import WebsocketCommunicator

from lms_live.models import AgendaItem, Attendance, LiveEvent
from tests.conftest import in_english
from tests.factories import admin_in_english

pytestmark = pytest.mark.django_db


def test_enrolled_students_see_upcoming_sessions_on_dashboard_and_course(
    client, school, live_session, enrolled
):
    client.force_login(enrolled)
    dashboard = client.get("/en/dashboard/").content.decode()
    assert "Borders in practice" in dashboard
    assert f"/en/live/{live_session.pk}/calendar.ics" in dashboard
    course = client.get(school["course"].url.replace("/az/", "/en/")).content.decode()
    assert "Borders in practice" in course


def test_the_classroom_opens_for_attendees_only(
    client, live_session, enrolled, outsider
):
    client.force_login(enrolled)
    page = client.get(f"/en/live/{live_session.pk}/")
    assert page.status_code == 200
    assert f'data-socket="/ws/live/{live_session.pk}/"' in page.content.decode()
    client.force_login(outsider)
    assert client.get(f"/en/live/{live_session.pk}/").status_code == 403
    assert client.get(f"/en/live/{live_session.pk}/calendar.ics").status_code == 403


def test_the_trainer_sees_the_rotating_check_in_code(client, live_session, trainer):
    from lms_live.classroom import check_in_code

    client.force_login(trainer)
    page = client.get(f"/en/live/{live_session.pk}/").content.decode()
    assert check_in_code(live_session.pk) in page


def test_a_session_can_be_added_to_a_calendar(client, live_session, enrolled):
    client.force_login(enrolled)
    response = client.get(f"/en/live/{live_session.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Borders in practice" in body
    start = live_session.starts_at.astimezone(datetime.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in body


def test_the_admin_shows_transcript_and_attendance(
    client, live_session, trainer, enrolled
):
    admin_in_english(trainer)
    LiveEvent.objects.create(
        session=live_session,
        sequence=1,
        kind="chat",
        author=enrolled,
        payload={"text": "Good morning", "html": "Good morning"},
    )
    Attendance.objects.create(session=live_session, user=enrolled, online_seconds=3600)
    client.force_login(trainer)
    page = client.get(
        f"/admin/live_sessions/inspect/{live_session.pk}/"
    ).content.decode()
    assert "Good morning" in page
    assert str(enrolled) in page
    export = client.get("/admin/attendance/", {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "Minutes online" in text and ",60," in text


def test_a_coordinator_corrects_attendance(client, live_session, coordinator, enrolled):
    row = Attendance.objects.create(session=live_session, user=enrolled)
    assert row.present is False
    client.force_login(coordinator)
    response = client.post(
        f"/admin/attendance/edit/{row.pk}/",
        {"present_override": "true", "checked_in_at": "", "note": "Was in the room"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.present is True


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (b"http://testserver", True),
        (b"http://evil.example", False),
        (b"null", False),
        (None, False),
    ],
)
async def test_handshakes_from_other_origins_are_refused(
    live_session, enrolled, origin, accepted
):
    from lms.asgi import application

    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin))
    communicator = WebsocketCommunicator(
        application, f"/ws/live/{live_session.pk}/", headers=headers
    )
    connected, _ = await communicator.connect()
    if connected:
        await communicator.disconnect()
    # Accepted handshakes of a visitor without a login are then closed with 4401.
    assert connected is accepted


def test_the_room_qr_code_leads_to_a_check_in(client, live_session, trainer, enrolled):
    from lms_live.classroom import check_in_code

    client.force_login(trainer)
    current = client.get(f"/en/live/{live_session.pk}/code/").json()
    assert current["code"] == check_in_code(live_session.pk)
    assert current["qr"].startswith("<svg")
    client.force_login(enrolled)
    assert client.get(f"/en/live/{live_session.pk}/code/").status_code == 403
    url = f"/en/live/{live_session.pk}/check-in/"
    page = client.get(url, {"code": current["code"]}).content.decode()
    assert f'value="{current["code"]}"' in page
    assert client.post(url, {"code": "123"}).status_code == 400
    assert client.post(url, {"code": current["code"]}).status_code == 200
    assert Attendance.objects.get(user=enrolled).checked_in_at is not None


def test_students_see_class_times_in_their_own_time_zone(
    client, live_session, enrolled, time_machine
):
    # The day before the class, so that the dashboard lists it as coming.
    time_machine.move_to(datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC))
    start = datetime.datetime(2026, 12, 1, 6, 0, tzinfo=datetime.UTC)
    live_session.starts_at = start
    live_session.ends_at = start + datetime.timedelta(minutes=90)
    live_session.save()
    client.force_login(enrolled)
    baku = client.get(f"/en/live/{live_session.pk}/").content.decode()
    assert "1 December 2026, 10:00" in baku
    assert "(Asia/Baku)" in baku
    enrolled.time_zone = "Europe/Berlin"
    enrolled.save()
    berlin = client.get(f"/en/live/{live_session.pk}/").content.decode()
    assert "1 December 2026, 07:00" in berlin
    assert "(Europe/Berlin)" in berlin
    assert "1 December 2026, 07:00" in client.get("/en/dashboard/").content.decode()


def test_an_agenda_item_may_open_a_document(client, live_session, enrolled):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    slides = get_document_model().objects.create(
        title="Slides", file=ContentFile(b"%PDF-1.4 slides", name="slides.pdf")
    )
    AgendaItem.objects.create(
        session=live_session, title="The slides", document=slides, sort_order=1
    )
    client.force_login(enrolled)
    page = client.get(f"/en/live/{live_session.pk}/").content.decode()
    assert f'href="{slides.url}">The slides</a>' in page


def test_the_dashboard_shows_a_session_title_in_the_readers_language(
    client, live_session, enrolled
):
    live_session.title_en = "Borders in practice (English)"
    live_session.title_ru = "Границы на практике"
    live_session.save()
    client.force_login(enrolled)
    assert (
        "Borders in practice (English)" in client.get("/en/dashboard/").content.decode()
    )
    assert "Границы на практике" in client.get("/ru/dashboard/").content.decode()


def test_an_untranslated_session_title_falls_back_to_the_original(
    client, live_session, enrolled
):
    live_session.title_en = "Borders in practice (English)"
    live_session.save()
    client.force_login(enrolled)
    assert "Borders in practice" in client.get("/ru/dashboard/").content.decode()


def test_the_sessions_to_come_follow_the_clock_cohorts_and_trainers(
    client, school, live_session, enrolled, outsider, trainer
):
    """Sessions are kept with the pages; who sees one, and until when, is not."""
    import time_machine
    from django.utils import timezone

    from lms_live.models import LiveSession
    from tests.cohorts.factories import ApplicationFactory, CohortFactory

    cohort = CohortFactory()
    cohort_class = LiveSession.objects.create(
        title="Cohort seminar",
        cohort=cohort,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=1),
    )

    def dashboard(user):
        client.force_login(user)
        return client.get("/en/dashboard/").content.decode()

    assert "Cohort seminar" not in dashboard(enrolled)
    assert "Cohort seminar" not in dashboard(outsider)
    ApplicationFactory(cohort=cohort, applicant=outsider, status="accepted")
    assert "Cohort seminar" in dashboard(outsider)  # applying changed their roles
    assert "Borders in practice" in dashboard(trainer)
    assert "Cohort seminar" not in dashboard(trainer)
    cohort_class.trainers.add(trainer)
    assert "Cohort seminar" in dashboard(trainer)
    course_page = in_english(school["course"].url)
    client.force_login(enrolled)
    assert "Borders in practice" in client.get(course_page).content.decode()
    with time_machine.travel(live_session.ends_at + datetime.timedelta(minutes=1)):
        assert "Borders in practice" not in dashboard(enrolled)
        client.force_login(enrolled)
        assert "Borders in practice" not in client.get(course_page).content.decode()
        assert "Cohort seminar" in dashboard(outsider)

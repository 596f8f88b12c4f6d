"""Wrong check-in codes earn a wait, on the check-in page and the socket alike: six
digits cannot be tried one after another (issue 29, part 6)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from lms_live import classroom
from lms_live.models import Attendance
from lms_live.protocol import ProtocolError

pytestmark = pytest.mark.django_db
WRONG = "12345"  # five digits: never a room's code


@pytest.fixture
def check_in_page(client, live_session, enrolled):
    client.force_login(enrolled)
    return f"/en/live/{live_session.pk}/check-in/"


def right_code(session) -> str:
    return classroom.check_in_code(session.pk)


def wrong_on_the_socket(session, user):
    message = {"type": "check_in", "code": WRONG, "ref": None}
    with pytest.raises(ProtocolError) as refused:
        classroom.act(session.pk, user, "student", message)
    return refused.value.code


def test_after_twenty_wrong_codes_the_right_one_is_refused_with_a_message(
    client, live_session, enrolled, check_in_page
):
    for _ in range(20):
        assert client.post(check_in_page, {"code": WRONG}).status_code == 400

    response = client.post(check_in_page, {"code": right_code(live_session)})

    assert response.status_code == 429
    assert "Too many wrong check-in codes" in response.content.decode()
    assert int(response["Retry-After"]) == 600
    assert not Attendance.objects.filter(checked_in_at__isnull=False).exists()


def test_nineteen_wrong_codes_still_let_the_right_one_in(
    client, live_session, enrolled, check_in_page
):
    for _ in range(19):
        client.post(check_in_page, {"code": WRONG})

    response = client.post(check_in_page, {"code": right_code(live_session)})

    assert response.status_code == 200
    assert Attendance.objects.get(user=enrolled).checked_in_at is not None


def test_the_right_code_is_taken_again_once_the_wait_has_passed(
    client, live_session, enrolled, check_in_page
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(20):
            client.post(check_in_page, {"code": WRONG})
        clock.shift(datetime.timedelta(seconds=599))
        assert client.post(check_in_page, {"code": WRONG}).status_code == 429
        clock.shift(datetime.timedelta(seconds=2))

        response = client.post(check_in_page, {"code": right_code(live_session)})

    assert response.status_code == 200
    assert Attendance.objects.get(user=enrolled).checked_in_at is not None


def test_wrong_codes_on_the_socket_and_the_page_count_together(
    client, live_session, enrolled, check_in_page
):
    for _ in range(10):
        assert wrong_on_the_socket(live_session, enrolled) == "bad_code"
    for _ in range(10):
        client.post(check_in_page, {"code": WRONG})

    assert wrong_on_the_socket(live_session, enrolled) == "too_many_codes"
    response = client.post(check_in_page, {"code": right_code(live_session)})
    assert response.status_code == 429


def test_one_persons_wrong_codes_do_not_keep_a_classmate_out(
    client, live_session, enrolled, classmate, check_in_page
):
    for _ in range(20):
        client.post(check_in_page, {"code": WRONG})

    client.force_login(classmate)
    response = client.post(check_in_page, {"code": right_code(live_session)})

    assert response.status_code == 200
    assert Attendance.objects.get(user=classmate).checked_in_at is not None


def test_the_wait_follows_the_setting(client, settings, check_in_page):
    settings.LMS_LIVE_CHECK_IN_LIMIT = (3, 60.0)
    for _ in range(3):
        client.post(check_in_page, {"code": WRONG})

    response = client.post(check_in_page, {"code": WRONG})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"

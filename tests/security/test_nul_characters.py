"""NUL in text that reaches the site outside a Django form field (which refuses it):
query strings, URL paths, raw POST values. PostgreSQL cannot hold NUL in text and
refuses a query that carries one; each path answers with a page, never a 500
(issue 29, part 4). The services tier runs these on PostgreSQL.

The live classroom's socket is tested in tests/live/test_consumer.py.
"""

import datetime

import pytest
from django.utils import timezone

from lms_live.models import Attendance, LiveSession
from tests.conftest import enrol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NUL = "%00"


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/en/search/?q=border{NUL}s",
        f"/en/certificates/verify/?code=ABCD{NUL}EFGH",
        f"/en/certificates/verify/ABCD-{NUL}EFGH/",
        f"/en/certificates/ABCD{NUL}EFGH/certificate.pdf",
        f"/en/accounts/verify/{NUL}/{NUL}/",
        f"/en/{NUL}/",
        f"/media/images/{NUL}.png",
        f"/documents/1/{NUL}.pdf",
    ],
)
def test_a_nul_in_an_address_gets_a_page_not_a_server_error(school, client, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(
    "url",
    [
        f"/en/volunteers/letters/ABCD{NUL}/letter.pdf",
        f"/en/dashboard/?page={NUL}",
    ],
)
def test_a_nul_in_an_address_gets_a_page_for_a_learner_too(school, signed_in, url):
    assert signed_in.get(url).status_code < 500


def test_a_nul_in_the_login_address_is_refused_by_the_form(client):
    response = client.post(
        "/en/accounts/login/", {"username": "me\x00@school.example", "password": "x"}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors


def test_a_nul_in_the_language_switch_changes_nothing(signed_in):
    response = signed_in.post("/i18n/setlang/", {"language": "az\x00", "next": "/"})
    assert response.status_code == 302


def test_a_nul_in_the_next_address_of_a_lesson_goes_back_to_the_lesson(school, client):
    learner = UserFactory()
    enrol(learner, school["course"])
    client.force_login(learner)
    lesson = school["lessons"][0]
    response = client.post(
        f"/en/learning/lessons/{lesson.pk}/complete/", {"next": "/en/\x00"}
    )
    assert response.status_code == 302
    assert "\x00" not in response["Location"]


def test_a_nul_in_the_room_check_in_code_is_a_wrong_code(school, client):
    learner = UserFactory()
    enrol(learner, school["course"])
    client.force_login(learner)
    now = timezone.now()
    session = LiveSession.objects.create(
        title="Borders in practice",
        course=school["course"],
        starts_at=now,
        ends_at=now + datetime.timedelta(minutes=90),
    )
    url = f"/en/live/{session.pk}/check-in/"
    assert client.get(url, {"code": "12\x003456"}).status_code == 200
    assert client.post(url, {"code": "12\x003456"}).status_code == 400
    assert not Attendance.objects.filter(checked_in_at__isnull=False).exists()

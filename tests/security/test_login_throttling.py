"""Five wrong passwords lock an account from that address for 15 minutes, on the
site's login and on the Wagtail admin's, with a page that says so."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from asgiref.sync import sync_to_async
from axes.models import AccessAttempt
from channels.testing import HttpCommunicator
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "correct horse 42"  # tests.factories.UserFactory's


def log_in(client, url, email, password, ip="203.0.113.7"):
    return client.post(
        url,
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def fail(client, url, email, times, ip="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, url, email, "not my password", ip=ip)
    return response


def test_five_wrong_passwords_lock_the_site_login_with_a_clear_page(client, student):
    assert fail(client, SITE_LOGIN, student.email, 4).status_code == 200
    response = fail(client, SITE_LOGIN, student.email, 1)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    page = response.content.decode()
    assert "Logging in is paused" in page
    assert "locked for 15 minutes" in page
    assert "You can try again after" in page
    assert 'href="/en/accounts/password/reset/"' in page


def test_the_right_password_is_refused_while_locked_out(client, student):
    fail(client, SITE_LOGIN, student.email, 5)
    response = log_in(client, SITE_LOGIN, student.email, PASSWORD)
    assert response.status_code == 429
    assert "Logging in is paused" in response.content.decode()
    assert client.get("/en/dashboard/").status_code == 302  # still anonymous


def test_the_wagtail_admin_login_is_throttled_too(client, coordinator):
    assert fail(client, ADMIN_LOGIN, coordinator.email, 4).status_code == 200
    response = fail(client, ADMIN_LOGIN, coordinator.email, 1)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page
    assert "locked for 15 minutes" in page
    assert 'href="/admin/password_reset/"' in page
    refused = log_in(client, ADMIN_LOGIN, coordinator.email, PASSWORD)
    assert refused.status_code == 429
    assert client.get("/admin/").status_code == 302  # to the admin login


def test_failures_on_either_login_count_together(client, coordinator):
    fail(client, ADMIN_LOGIN, coordinator.email, 3)
    assert fail(client, SITE_LOGIN, coordinator.email, 2).status_code == 429


def test_changing_the_case_of_the_address_buys_no_extra_tries(client, student):
    for email in ["student@school.example", "STUDENT@school.example"] * 2:
        log_in(client, SITE_LOGIN, email, "not my password")
    response = log_in(client, SITE_LOGIN, " Student@School.example ", "nope")
    assert response.status_code == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "student@school.example"
    assert attempt.failures_since_start == 5


def test_a_successful_login_resets_the_count(client, student):
    fail(client, SITE_LOGIN, student.email, 4)
    assert log_in(client, SITE_LOGIN, student.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()
    client.post("/en/accounts/logout/")
    assert fail(client, SITE_LOGIN, student.email, 4).status_code == 200
    assert log_in(client, SITE_LOGIN, student.email, PASSWORD).status_code == 302


def test_the_same_account_from_another_address_is_not_locked(client, student):
    fail(client, SITE_LOGIN, student.email, 5, ip="198.51.100.66")
    response = log_in(client, SITE_LOGIN, student.email, PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"


def test_another_account_from_the_locked_address_is_not_locked(client, student):
    fail(client, SITE_LOGIN, "someone.else@school.example", 5)
    assert log_in(client, SITE_LOGIN, student.email, PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, student):
    fail(client, SITE_LOGIN, student.email, 5)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=15, seconds=1)
    )
    response = log_in(client, SITE_LOGIN, student.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"


def test_an_unknown_address_is_locked_like_a_real_one(client):
    # The lock does not tell a stranger whether an account exists.
    response = fail(client, SITE_LOGIN, "nobody@school.example", 5)
    assert response.status_code == 429


def test_the_lockout_page_is_in_the_language_of_the_login_page(client, student):
    fail(client, "/ru/accounts/login/", student.email, 4)
    response = fail(client, "/ru/accounts/login/", student.email, 1)
    assert response.status_code == 429
    assert '<html lang="ru">' in response.content.decode()
    assert 'href="/ru/accounts/password/reset/"' in response.content.decode()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_the_lockout_page_is_shown_under_asgi_as_daphne_serves_it():
    # Production serves HTTP through lms.asgi (daphne), with CSRF checks on.
    from lms.asgi import application  # loads Django's ASGI handler

    user = await sync_to_async(UserFactory)()

    async def request(method, body=b"", cookie=b""):
        headers = [(b"host", b"testserver"), (b"cookie", cookie)]
        if body:
            headers.append((b"content-type", b"application/x-www-form-urlencoded"))
        communicator = HttpCommunicator(
            application, method, SITE_LOGIN, body=body, headers=headers
        )
        return await communicator.get_response()

    page = await request("GET")
    set_cookie = next(v for k, v in page["headers"] if k.lower() == b"set-cookie")
    cookie = set_cookie.split(b";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page["body"])
    form = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": user.email,
            "password": "not my password",
        }
    ).encode()
    statuses = [(await request("POST", form, cookie))["status"] for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = await request("POST", form, cookie)
    assert locked["status"] == 429
    assert b"Logging in is paused" in locked["body"]

"""A visitor signs up, confirms the address, logs in and out, resets a password."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "borders-and-bridges-42"


def sign_up(client, email="aysel@school.example", **extra):
    data = {
        "email": email,
        "first_name": "Aysel",
        "last_name": "Quliyeva",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post("/az/accounts/signup/", data)


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_sign_up_creates_an_unconfirmed_student_and_sends_a_link(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/az/accounts/signup/sent/"
    user = User.objects.get(email="aysel@school.example")
    assert not user.is_active
    assert user.groups.filter(name="Students").exists()
    assert user.preferred_language == "az"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aysel@school.example"]
    assert "/az/accounts/verify/" in mail.outbox[0].body


def test_the_link_confirms_the_address_and_logs_the_learner_in(client):
    sign_up(client)
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"] == "/az/dashboard/"
    assert User.objects.get(email="aysel@school.example").is_active
    assert client.get("/az/dashboard/").status_code == 200


def test_a_used_or_forged_link_is_refused_with_a_way_forward(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.get(link)
    client.post("/az/accounts/logout/")
    again = client.get(link)
    assert again.status_code == 400
    assert b'action="/az/accounts/verify/again/"' in again.content
    assert client.get("/az/accounts/verify/Zm9v/abc-def/").status_code == 400
    assert client.get("/az/accounts/verify/!!!/x/").status_code == 400


def test_an_unconfirmed_learner_who_knows_the_password_is_told_to_confirm(client):
    sign_up(client)
    response = client.post(
        "/az/accounts/login/",
        {"username": "aysel@school.example", "password": PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "unverified"
    wrong = client.post(
        "/az/accounts/login/", {"username": "aysel@school.example", "password": "nope"}
    )
    assert wrong.context["form"].non_field_errors().as_data()[0].code == "invalid_login"


def test_signing_up_with_a_taken_address_reveals_nothing_and_warns_the_owner(client):
    UserFactory(email="leyla@school.example")
    response = sign_up(client, email="Leyla@School.example")
    assert response.status_code == 302
    assert response["Location"] == "/az/accounts/signup/sent/"
    assert User.objects.filter(email__iexact="leyla@school.example").count() == 1
    assert mail.outbox[0].to == ["leyla@school.example"]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert "/accounts/verify/" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password2": "something-else-42"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"email": "not-an-address"}, "email"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_bad_sign_up_input_gets_form_errors_and_creates_nobody(client, changes, field):
    response = sign_up(client, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not User.objects.exists()
    assert not mail.outbox


def test_log_in_and_out(client, student):
    response = client.post(
        "/az/accounts/login/",
        {"username": "STUDENT@school.example", "password": "correct horse 42"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/az/dashboard/"
    response = client.post("/az/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/az/dashboard/").status_code == 302


def test_password_reset_sends_a_link_in_the_learners_language(client):
    UserFactory(email="irina@school.example", preferred_language="ru")
    response = client.post(
        "/az/accounts/password/reset/", {"email": "irina@school.example"}
    )
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.to == ["irina@school.example"]
    link = link_in(message)
    assert link.startswith("/ru/accounts/reset/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-start-2026", "new_password2": "a-new-start-2026"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="irina@school.example").check_password(
        "a-new-start-2026"
    )


def test_password_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post("/az/accounts/password/reset/", {"email": "nobody@x.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_profile_keeps_language_and_time_zone(client, student):
    client.force_login(student)
    response = client.post(
        "/az/accounts/profile/",
        {
            "first_name": "Leyla",
            "last_name": "Məmmədova",
            "preferred_language": "en",
            "time_zone": "Europe/Istanbul",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert (student.preferred_language, student.time_zone) == ("en", "Europe/Istanbul")
    bad = client.post(
        "/az/accounts/profile/",
        {
            "first_name": "L",
            "last_name": "M",
            "preferred_language": "xx",
            "time_zone": "Mars/Base",
        },
    )
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"preferred_language", "time_zone"}


def test_a_profile_that_is_not_saved_says_so(client, student):
    client.force_login(student)
    form = {"first_name": "L", "last_name": "M", "preferred_language": "xx"}
    page = client.post("/en/accounts/profile/", form).content.decode()
    assert "Your profile is not saved: please check the fields below." in page


def test_auth_pages_fit_a_phone(client):
    for path in (
        "/az/accounts/signup/",
        "/az/accounts/login/",
        "/az/accounts/password/reset/",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert b'name="viewport" content="width=device-width' in response.content


def test_the_time_zone_picker_offers_current_zones_by_region_default_first(client):
    client.force_login(UserFactory(time_zone="Asia/Baku"))
    page = client.get("/en/accounts/profile/").content.decode()
    picker = page[
        page.index('name="time_zone"') : page.index(
            "</select>", page.index('name="time_zone"')
        )
    ]
    assert picker.index('value="Asia/Baku"') < picker.index("<optgroup")
    assert '<optgroup label="Europe">' in picker
    assert 'value="Europe/Berlin"' in picker
    for legacy in ("US/Eastern", "Etc/GMT+4", "Asia/Calcutta", "Europe/Kiev"):
        assert f'value="{legacy}"' not in picker


def test_a_legacy_time_zone_already_chosen_stays_saveable(client):
    user = UserFactory(time_zone="US/Eastern")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {
            "first_name": "A",
            "last_name": "B",
            "preferred_language": "en",
            "time_zone": "US/Eastern",
        },
    )
    assert response.status_code == 302


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = finders.find(response["Location"].removeprefix(settings.STATIC_URL))
    assert Path(icon).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/en/accounts/login/").content.decode()
    assert 'rel="icon"' in page

"""Azerbaijani, English and Russian: routing, the switcher, the remembered choice."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(school):
    """The School with its home, catalogue, course and first lesson in English."""
    english = Locale.objects.get(language_code="en")
    pages = [
        school["home"],
        school["catalogue"],
        school["course"],
        school["modules"][0],
    ]
    made = {}
    for page in [*pages, school["lessons"][0]]:
        translation = page.copy_for_translation(english)
        translation.title = f"{page.title} (en)"
        translation.save_revision().publish()
        made[page.pk] = translation
    school["en"] = made
    return school


@pytest.mark.parametrize("prefix", ["az", "en", "ru"])
def test_every_language_prefix_serves(client, school, prefix):
    response = client.get(f"/{prefix}/courses/")
    assert response.status_code == 200
    assert f'<html lang="{prefix}">' in response.content.decode()
    assert response["Content-Language"] == prefix


def test_root_sends_a_first_visitor_to_their_browser_language(client, school):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_root_falls_back_to_azerbaijani(client, school):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.5")
    assert response["Location"] == "/az/"


def test_an_unknown_language_prefix_is_not_found(client, school):
    assert client.get("/xx/").status_code == 404
    assert client.get("/xx/courses/").status_code == 404
    assert client.get("/courses/").status_code == 302


@pytest.mark.parametrize("cookie", ["xx", "../../etc", "ru\x00", "a" * 300])
def test_a_forged_language_cookie_falls_back_to_the_default(client, school, cookie):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/az/"


@pytest.mark.parametrize("value", ["xx", "", "<script>", "ru"])
def test_a_lang_parameter_never_breaks_a_page(client, school, value):
    assert client.get("/az/courses/", {"lang": value}).status_code == 200


def test_switcher_leads_to_the_translation_of_the_page(client, translated):
    response = client.get(translated["lessons"][0].url)
    languages = {
        language["code"]: language["url"] for language in response.context["languages"]
    }
    english = translated["en"][translated["lessons"][0].pk]
    assert languages["en"] == english.url
    assert languages["ru"] == translated["lessons"][0].url.replace("/az/", "/ru/", 1)


def test_an_untranslated_page_shows_the_original_with_a_notice(client, translated):
    lesson = translated["lessons"][1]  # only in Azerbaijani
    response = client.get(lesson.url.replace("/az/", "/en/", 1))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert 'lang="az"' in content
    assert "This page is not yet translated into English." in content
    assert lesson.title in content


def test_a_translated_page_has_no_notice(client, translated):
    english = translated["en"][translated["lessons"][0].pk]
    content = client.get(english.url).content.decode()
    assert "not yet translated" not in content
    assert english.title in content


def test_choosing_a_language_is_remembered_in_a_cookie(client, translated):
    english = translated["en"][translated["course"].pk]
    response = client.post(f"/i18n/setlang/?next={english.url}", {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == english.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Location"] == "/en/"


def test_a_signed_in_learner_keeps_the_choice_on_their_profile(client, school):
    learner = UserFactory(preferred_language="az")
    client.force_login(learner)
    client.post("/i18n/setlang/?next=/ru/", {"language": "ru"})
    learner.refresh_from_db()
    assert learner.preferred_language == "ru"


def test_a_bad_language_choice_changes_nothing(client, school):
    learner = UserFactory(preferred_language="az")
    client.force_login(learner)
    response = client.post("/i18n/setlang/?next=/az/", {"language": "xx"})
    assert response.status_code in (302, 204)
    learner.refresh_from_db()
    assert learner.preferred_language == "az"


def test_logging_in_continues_in_the_learners_language(client, school):
    UserFactory(email="irina@school.example", preferred_language="ru")
    response = client.post(
        "/az/accounts/login/",
        {"username": "irina@school.example", "password": "correct horse 42"},
    )
    assert response["Location"] == "/ru/dashboard/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"

"""The curriculum in three languages: search, Azerbaijani letters, emails, queries."""

from urllib.parse import unquote

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import Locale

from lms_background.mail import send_email
from tests.conftest import count_queries, enrol
from tests.factories import LessonPageFactory, UserFactory

pytestmark = pytest.mark.django_db

AZERBAIJANI_LETTERS = "Ə ə Ğ ğ I ı İ i Ş ş Ç ç Ö ö Ü ü"


def translate(page, language, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def russian(school):
    pages = [
        school["home"],
        school["catalogue"],
        school["course"],
        school["modules"][0],
    ]
    made = [translate(page, "ru", page.title) for page in pages]
    lesson = translate(school["lessons"][0], "ru", "Принцип единого окна")
    return {**school, "ru_course": made[2], "ru_lesson": lesson}


def test_search_in_russian_returns_russian_pages(client, russian):
    response = client.get("/ru/search/", {"q": "единого"})
    assert [page.title for page in response.context["results"]] == [
        "Принцип единого окна"
    ]
    assert client.get("/az/search/", {"q": "единого"}).context["results"] == []


def test_azerbaijani_search_ignores_case_of_dotted_letters(client, school):
    LessonPageFactory(
        parent=school["modules"][0], title="İnsan alverinə qarşı mübarizə"
    )
    for query in ("insan", "İnsan", "İNSAN", "alverinə"):
        titles = [
            page.title
            for page in client.get("/az/search/", {"q": query}).context["results"]
        ]
        assert "İnsan alverinə qarşı mübarizə" in titles, query


def test_azerbaijani_letters_survive_titles_slugs_and_pages(client, school):
    lesson = LessonPageFactory(
        parent=school["modules"][0], title=AZERBAIJANI_LETTERS, slug="şəhər-və-ölkə"
    )
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert AZERBAIJANI_LETTERS in response.content.decode()
    assert unquote(lesson.url).endswith("/şəhər-və-ölkə/")


def test_emails_are_written_in_the_recipients_language():
    irina = UserFactory(email="irina@school.example", preferred_language="ru")
    aysel = UserFactory(email="aysel@school.example", preferred_language="az")
    for person in (irina, aysel):
        send_email(
            person,
            "accounts/emails/password_reset",
            {
                "protocol": "https",
                "domain": "school.example",
                "uid": "MQ",
                "token": "t",
            },
        )
    russian, azerbaijani = mail.outbox
    with translation.override("ru"):
        assert "/ru/accounts/reset/MQ/t/" in russian.body
    assert "/az/accounts/reset/MQ/t/" in azerbaijani.body
    assert russian.subject != azerbaijani.subject


def test_an_email_without_a_profile_language_uses_the_default():
    learner = UserFactory(preferred_language="")
    send_email(
        learner,
        "accounts/emails/password_reset",
        {"protocol": "https", "domain": "school.example", "uid": "MQ", "token": "t"},
    )
    assert "/az/accounts/reset/" in mail.outbox[0].body


def test_pages_cost_the_same_queries_in_every_language(client, russian):
    student = UserFactory()
    enrol(student, russian["course"])
    client.force_login(student)
    az = (
        count_queries(client, russian["lessons"][0].url),
        count_queries(client, russian["course"].url),
    )
    ru = (
        count_queries(client, russian["ru_lesson"].url),
        count_queries(client, russian["ru_course"].url),
    )
    assert az == ru
    assert count_queries(client, "/az/dashboard/") == count_queries(
        client, "/ru/dashboard/"
    )


def test_catalogue_filters_are_shown_in_the_pages_language(client, school):
    response = client.get("/ru/courses/")
    choices = dict(response.context["form"].fields["gcm"].choices)
    assert (
        choices[11]
        == "11. Комплексное, безопасное и скоординированное управление границами"
    )

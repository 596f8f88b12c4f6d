"""Pages kept for visitors who are not signed in (lms_toolkit/page_cache.py): served
without a query, never showing one person's data to another, nor a draft or an
unpublished page to the public."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from lms_courses.models import LessonCompletion
from tests.cohorts.factories import CohortFactory
from tests.conftest import enrol
from tests.factories import LessonPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def visit(client, url):
    """One GET; the response and the SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


def test_a_public_page_is_served_again_without_a_query(client, school):
    for url in ["/az/", school["catalogue"].url + "?sdg=10", school["course"].url]:
        first, _ = visit(client, url)
        again, queries = visit(client, url)
        assert again.status_code == 200
        assert again.content == first.content
        assert queries == 0
        assert "public" in again["Cache-Control"]
        assert "Cookie" in again["Vary"]


def test_a_public_lesson_is_kept_too(client, school):
    lesson = school["lessons"][0]
    first, _ = visit(client, lesson.url)
    again, queries = visit(client, lesson.url)
    assert again.status_code == 200 and queries == 0
    assert lesson.title in again.content.decode()


def test_a_browser_that_has_the_page_gets_not_modified(client, school):
    etag = client.get("/az/")["ETag"]
    response = client.get("/az/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_each_language_is_kept_apart(client, school):
    client.get("/az/")
    english = client.get("/en/")
    assert english["Content-Language"] == "en"
    assert 'lang="en"' in english.content.decode()


def test_the_language_switcher_of_a_kept_page_holds_no_token(client, school):
    page = client.get(school["course"].url).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'hreflang="en"' in page


def test_a_signed_in_page_is_never_shown_after_sign_out(client, school):
    student = UserFactory(first_name="Aysel")
    enrol(student, school["course"])
    client.force_login(student)
    signed_in = client.get(school["course"].url)
    assert "private" in signed_in["Cache-Control"]
    client.post("/accounts/logout/")
    stranger = Client()
    page = stranger.get(school["course"].url).content.decode()
    assert "Aysel" not in page and "Log out" not in page
    assert stranger.get(school["course"].url).content.decode() == page


def test_signing_in_shows_ones_own_page_not_the_kept_one(client, school):
    client.get(school["course"].url)
    student = UserFactory()
    enrol(student, school["course"])
    client.force_login(student)
    response, queries = visit(client, school["course"].url)
    assert queries > 0
    assert client.session[SESSION_KEY] == str(student.pk)
    assert "csrfmiddlewaretoken" in response.content.decode()  # its log-out form


def test_progress_shows_after_a_tick(client, school):
    student = UserFactory()
    enrolment = enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    before = client.get(school["course"].url).content.decode()
    LessonCompletion.objects.create(
        enrolment=enrolment, lesson_key=lesson.translation_key
    )
    after = client.get(school["course"].url).content.decode()
    assert after != before
    assert after.count("✓") > before.count("✓")


def test_an_unpublished_page_is_gone_at_once(client, school):
    lesson = school["lessons"][1]
    url = lesson.url
    assert client.get(url).status_code == 200
    lesson.unpublish()
    assert client.get(url).status_code == 404
    assert lesson.title not in client.get(school["course"].url).content.decode()


def test_a_published_change_shows_at_once_and_a_draft_does_not(client, school):
    course = school["course"]
    client.get(course.url)
    course.title = "Draft title"
    course.save_revision()
    assert "Draft title" not in client.get(course.url).content.decode()
    course.title = "Border management, revised"
    course.save_revision().publish()
    assert "Border management, revised" in client.get(course.url).content.decode()


def test_a_new_call_for_applications_shows_on_the_home_page(client, school):
    client.get("/az/")
    cohort = CohortFactory(name_az="Yeni çağırış")
    assert "Yeni çağırış" in client.get("/az/").content.decode()
    cohort.delete()
    assert "Yeni çağırış" not in client.get("/az/").content.decode()


def test_a_synced_translation_shows_at_once(
    client, school, django_capture_on_commit_callbacks
):
    trainer = UserFactory()
    lesson = LessonPageFactory(
        parent=school["modules"][0],
        title="Sərhəd",
        body=[{"type": "paragraph_block", "value": "<p>Köhnə mətn</p>"}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate_into_russian(school, lesson, trainer, {"Köhnə mətn": "Старый текст"})
    russian = lesson.get_translation(Locale.objects.get(language_code="ru"))
    assert "Старый текст" in client.get(russian.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sync(lesson, trainer, {"Köhnə mətn": "Новый текст"})
    assert "Новый текст" in client.get(russian.url).content.decode()


def test_a_message_for_one_visitor_is_not_kept_for_the_next(client, school):
    client.get("/az/")
    request = RequestFactory().get("/az/")
    client.cookies["messages"] = CookieStorage(request)._encode(
        [Message(INFO, "Sizin üçün mesaj")]
    )
    assert "Sizin üçün mesaj" in client.get("/az/").content.decode()
    assert "Sizin üçün mesaj" not in Client().get("/az/").content.decode()


def test_a_password_protected_page_is_never_kept(client, school):
    lesson = school["lessons"][0]
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="sirr"
    )
    form = client.get(lesson.url)
    assert "csrftoken" in form.cookies
    _, queries = visit(Client(), lesson.url)
    assert queries > 0
    reader = Client()
    action = re.search(r'action="([^"]+)"', reader.get(lesson.url).content.decode())
    reader.post(action[1], {"password": "sirr", "return_url": lesson.url})
    assert lesson.title in reader.get(lesson.url).content.decode()
    assert "sirr" not in Client().get(lesson.url).content.decode()
    assert 'name="password"' in Client().get(lesson.url).content.decode()


@override_settings(LMS_PAGE_CACHE_SECONDS=0)
def test_no_page_is_kept_when_the_setting_says_so(client, school):
    client.get("/az/")
    _, queries = visit(client, "/az/")
    assert queries > 0


def translate_into_russian(school, lesson, user, strings):
    creator = TranslationCreator(user, [Locale.objects.get(language_code="ru")])
    for page in [school["home"], school["catalogue"], school["course"]]:
        creator.create_translations(page)
    creator.create_translations(school["modules"][0])
    creator.create_translations(lesson)
    for translations in creator.mappings.values():
        for translation in translations:
            _import(translation, user, strings)


def sync(lesson, user, strings):
    """What "Sync translated pages" does: the source is read again, the translation
    saved from it and published."""
    for translation in Translation.objects.filter(
        source__object_id=lesson.translation_key
    ):
        translation.source.update_from_db()
        _import(translation, user, strings)


def _import(translation, user, strings):
    catalogue = translation.export_po()
    for entry in catalogue:
        source = StringValue(entry.msgid).render_text()
        entry.msgstr = StringValue.from_plaintext(strings.get(source, source)).data
    translation.import_po(catalogue, user=user)
    translation.save_target(user=user, publish=True)


def test_panels_share_one_read_per_request_and_a_write_reads_again():
    """read_once: what the panels of one request share (a learner's enrolments) is
    read once; a write in the same request (forget_reads) makes the next read fresh;
    outside a request, and in the next request, it is read again."""
    from django.http import HttpResponse

    from lms_toolkit.page_cache import PageCacheMiddleware, forget_reads, read_once

    reads = []

    def build():
        reads.append(1)
        return len(reads)

    assert (read_once("ticks", build), read_once("ticks", build)) == (1, 2)

    seen = []

    def view(request):
        seen.append(read_once("ticks", build))
        seen.append(read_once("ticks", build))
        forget_reads()  # the request ticked a lesson
        seen.append(read_once("ticks", build))
        return HttpResponse()

    request = RequestFactory().get("/az/dashboard/", HTTP_COOKIE="sessionid=x")
    PageCacheMiddleware(view)(request)
    PageCacheMiddleware(view)(request)
    assert seen == [3, 3, 4, 5, 5, 6]

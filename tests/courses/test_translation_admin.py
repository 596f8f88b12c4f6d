"""Trainers translate a course in the admin with wagtail-localize."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from lms_courses.models import CourseIndexPage, LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_catalogue(school, trainer):
    english = Locale.objects.get(language_code="en")
    creator = TranslationCreator(trainer, [english])
    creator.create_translations(school["home"])
    creator.create_translations(school["catalogue"])
    return english


def test_trainer_translates_a_course_with_its_subtree(
    client, school, trainer, english_catalogue
):
    client.force_login(trainer)
    course = school["course"]
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"locales": [english_catalogue.pk], "include_subtree": "on"}
    )
    assert response.status_code == 302
    lessons = LessonPage.objects.filter(locale=english_catalogue)
    assert lessons.count() == 3
    assert Translation.objects.filter(target_locale=english_catalogue).count() >= 6


def test_trainer_edits_a_translation_segment_by_segment(
    client, school, trainer, english_catalogue
):
    TranslationCreator(trainer, [english_catalogue]).create_translations(
        school["course"]
    )
    english_course = school["course"].get_translation(english_catalogue)
    client.force_login(trainer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_course.pk]))
    assert response.status_code == 200
    assert b"translation" in response.content.lower()


def test_new_catalogue_translations_get_the_authoring_permissions(english_catalogue):
    english = CourseIndexPage.objects.get(locale=english_catalogue)
    codenames = set(
        english.group_permissions.values_list("group__name", "permission__codename")
    )
    assert ("Trainers", "add_page") in codenames


def test_students_cannot_translate(client, school, student):
    client.force_login(student)
    url = reverse(
        "wagtail_localize:submit_page_translation", args=[school["course"].pk]
    )
    assert client.get(url).status_code in (302, 403)


def test_a_course_translated_with_its_subtree_is_served_in_that_language(
    client, school, trainer, english_catalogue, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes the new pages when the request's transaction commits
    # (wagtail/wagtail-localize#773 left their parents with no children then).
    client.force_login(trainer)
    url = reverse(
        "wagtail_localize:submit_page_translation", args=[school["course"].pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"locales": [english_catalogue.pk], "include_subtree": "on"})
    lesson = school["lessons"][2].get_translation(english_catalogue)
    assert lesson.live
    assert client.get(lesson.url).context["page"].pk == lesson.pk
    module = lesson.get_parent()
    explore = client.get(reverse("wagtailadmin_explore", args=[module.pk]))
    assert lesson.title in explore.content.decode()

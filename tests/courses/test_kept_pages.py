"""A lesson or a course page is drawn once for the learners who see it alike; each
learner's own parts (their tick, their progress, where to go next, their forms' token)
are theirs (lms_toolkit/personal.py).
"""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Locale

from tests.conftest import count_queries, enrol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The lesson's "Mark as complete" form, and its "You have completed this lesson."
MARK = "data-offline-queue"
DONE = 'class="done-note"'
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def read(user, url: str, **extra) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def drawn_whole(user, url: str) -> str:
    with override_settings(LMS_PAGE_CACHE_SECONDS=0):  # nothing kept, nothing read
        return read(user, url)


def same_page(first: str, second: str) -> bool:
    token = 'name="csrfmiddlewaretoken" value="…"'
    return TOKEN.sub(token, first) == TOKEN.sub(token, second)


@pytest.fixture
def learners(school):
    """Two students of the course: one has done the first lesson, one has not."""
    done, fresh = UserFactory(), UserFactory()
    for user in (done, fresh):
        enrol(user, school["course"])
    client = Client()
    client.force_login(done)
    client.post(f"/az/learning/lessons/{school['lessons'][0].pk}/complete/")
    return done, fresh


def test_a_kept_lesson_is_the_page_each_learner_would_get_drawn_whole(school, learners):
    lesson = school["lessons"][0].url
    done, fresh = learners
    first = read(done, lesson)  # drawn, and kept for the next student
    kept = read(fresh, lesson)
    assert MARK in kept
    assert DONE not in kept
    assert DONE in first
    assert same_page(kept, drawn_whole(fresh, lesson))
    assert same_page(read(done, lesson), drawn_whole(done, lesson))


def test_the_next_learner_gets_only_their_part_drawn(client, school, learners):
    done, fresh = learners
    lesson, course = school["lessons"][0].url, school["course"].url
    read(done, lesson), read(done, course)
    client.force_login(fresh)
    drawn = [t.name for t in client.get(lesson).templates]
    assert drawn[0] == "courses/includes/lesson_done.html"
    assert "courses/lesson_page.html" not in drawn and "base.html" not in drawn
    drawn = [t.name for t in client.get(course).templates]
    assert "courses/course_page.html" not in drawn
    assert "courses/includes/course_learner.html" in drawn


def test_a_kept_lesson_costs_fewer_queries_and_the_same_at_any_learner(
    client, school, learners
):
    done, fresh = learners
    lesson = school["lessons"][1].url
    read(done, lesson)
    client.force_login(fresh)
    # The user, the page and the learner's enrolments with their ticks.
    assert count_queries(client, lesson) <= 3


def test_the_token_in_a_kept_lesson_is_the_readers_and_lets_them_tick(school, learners):
    done, fresh = learners
    lesson = school["lessons"][2]
    read(done, lesson.url)
    client = Client(enforce_csrf_checks=True)
    client.force_login(fresh)
    page = client.get(lesson.url).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) >= 2  # the header's log-out form and the lesson's tick
    for token in tokens:
        response = client.post(
            f"/az/learning/lessons/{lesson.pk}/complete/",
            {"csrfmiddlewaretoken": token, "next": lesson.url},
        )
        assert response.status_code == 302
    assert DONE in client.get(lesson.url).content.decode()


def test_a_tick_shows_at_once_on_the_kept_lesson(client, school, learners):
    _, fresh = learners
    lesson = school["lessons"][1]
    client.force_login(fresh)
    assert MARK in client.get(lesson.url).content.decode()
    client.post(f"/az/learning/lessons/{lesson.pk}/complete/")
    page = client.get(lesson.url).content.decode()
    assert DONE in page
    client.post(f"/az/learning/lessons/{lesson.pk}/incomplete/")
    assert MARK in client.get(lesson.url).content.decode()


def test_readers_with_other_roles_get_their_own_header(school, learners):
    lesson = school["lessons"][0].url
    done, _ = learners
    newcomer = UserFactory()  # no role yet: the header offers to apply
    apply = f'href="{reverse("cohorts:open_calls")}"'
    assert apply not in _header(read(done, lesson))
    assert apply in _header(read(newcomer, lesson))
    assert apply not in _header(read(done, lesson))


def test_an_editor_gets_the_user_bar_and_a_learner_never_does(
    school, learners, trainer
):
    lesson = school["lessons"][0].url
    done, fresh = learners
    read(done, lesson)
    assert "wagtail-userbar" in read(trainer, lesson)
    assert "wagtail-userbar" not in read(fresh, lesson)


def test_a_waiting_message_is_shown_once_on_the_lesson(school, learners):
    done, fresh = learners
    lesson = school["lessons"][2]
    read(done, lesson.url)
    client = Client()
    client.force_login(fresh)
    client.post(f"/az/learning/lessons/{lesson.pk}/complete/")  # says "well done"
    assert 'class="messages"' in client.get(lesson.url).content.decode()
    assert 'class="messages"' not in client.get(lesson.url).content.decode()


def test_after_signing_out_the_lesson_is_a_visitors(client, school, learners):
    done, _ = learners
    lesson = school["lessons"][0].url
    client.force_login(done)
    assert DONE in client.get(lesson).content.decode()
    client.post("/az/accounts/logout/")
    page = client.get(lesson).content.decode()
    assert DONE not in page
    assert MARK not in page
    assert "/accounts/logout/" not in page


def test_a_published_change_and_an_unpublished_lesson_reach_every_learner(
    school, learners
):
    done, fresh = learners
    lesson = school["lessons"][1]
    read(done, lesson.url)
    lesson.title = "Cooperation at the border, revised"
    lesson.save_revision().publish()
    assert "Cooperation at the border, revised" in read(fresh, lesson.url)
    lesson.unpublish()
    client = Client()
    client.force_login(done)
    assert client.get(lesson.url).status_code == 404


def test_a_synced_translation_is_read_in_its_language(school, learners):
    done, fresh = learners
    english = Locale.objects.get(language_code="en")
    for page in [school["home"], school["catalogue"], school["course"]]:
        page.copy_for_translation(english).save_revision().publish()
    module = school["modules"][0].copy_for_translation(english)
    module.save_revision().publish()
    lesson = school["lessons"][0].copy_for_translation(english)
    lesson.title = "Single window (English)"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert "Single window (English)" in read(done, lesson.url)
    lesson.title = "Single window, as synced"
    lesson.save_revision().publish()  # what a sync from the original does
    page = read(fresh, lesson.url)
    assert "Single window, as synced" in page
    assert MARK in page
    assert DONE in read(done, lesson.url)


def test_a_kept_course_page_shows_each_learner_their_progress(school, learners):
    course = school["course"].url
    done, fresh = learners
    first = read(done, course)
    kept = read(fresh, course)
    assert 'value="33"' in first and 'value="0"' in kept
    assert kept.count("outline__item--done") == 0
    assert first.count("outline__item--done") == 1
    assert same_page(kept, drawn_whole(fresh, course))
    assert same_page(read(done, course), drawn_whole(done, course))


def test_a_course_page_for_one_not_enrolled_offers_to_enrol(school, learners):
    done, _ = learners
    newcomer = UserFactory()
    read(done, school["course"].url)
    page = read(newcomer, school["course"].url)
    assert f"/learning/courses/{school['course'].pk}/enrol/" in page
    assert "outline__item--done" not in page
    assert same_page(page, drawn_whole(newcomer, school["course"].url))


def test_a_kept_dashboard_greets_and_shows_each_learner(school, learners):
    done, fresh = learners
    done.first_name, fresh.first_name = "Aysel", "Murad"
    done.save(), fresh.save()
    first = read(done, "/en/dashboard/")
    kept = read(fresh, "/en/dashboard/")
    assert "Welcome, Murad" in kept and "Aysel" not in kept
    assert "Welcome, Aysel" in first
    assert 'value="33"' in first and 'value="33"' not in kept
    assert same_page(kept, drawn_whole(fresh, "/en/dashboard/"))


def _header(page: str) -> str:
    return page.split("</header>", 1)[0]

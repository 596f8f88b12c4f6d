"""Open courses take anyone signed in; restricted lessons stay hidden from outsiders."""

import pytest
from django.urls import reverse

from lms_courses.models import CoursePage, Enrolment
from tests.conftest import enrol, in_english
from tests.factories import tag

pytestmark = pytest.mark.django_db

SECRET = "The lesson text."  # the factory's lesson body


@pytest.fixture
def restricted(school):
    course = school["course"]
    course.access = CoursePage.Access.RESTRICTED
    course.save_revision().publish()
    return school


def test_one_click_enrolment_in_an_open_course(client, school, student):
    client.force_login(student)
    url = f"/az/learning/courses/{school['course'].pk}/enrol/"
    response = client.post(url)
    assert response.status_code == 302
    assert client.post(url).status_code == 302
    enrolment = Enrolment.objects.get(user=student)
    assert enrolment.source == "self" and enrolment.is_active


def test_a_withdrawn_learner_who_enrols_again_keeps_their_record(
    client, school, student
):
    enrolment = enrol(student, school["course"], status="withdrawn")
    client.force_login(student)
    client.post(f"/az/learning/courses/{school['course'].pk}/enrol/")
    enrolment.refresh_from_db()
    assert enrolment.is_active
    assert Enrolment.objects.count() == 1


def test_anonymous_enrolment_asks_to_log_in(client, school):
    response = client.post(f"/az/learning/courses/{school['course'].pk}/enrol/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_open_lessons_can_be_read_by_anyone(client, school):
    response = client.get(school["lessons"][0].url)
    assert response.status_code == 200
    assert SECRET.encode() in response.content


def test_restricted_course_refuses_self_enrolment(client, restricted, student):
    client.force_login(student)
    response = client.post(f"/en/learning/courses/{restricted['course'].pk}/enrol/")
    assert response.status_code == 403
    assert b"This course is restricted" in response.content
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "student"])
def test_restricted_lesson_shows_the_outline_and_a_message_only(
    client, restricted, student, who
):
    if who == "student":
        client.force_login(student)
    response = client.get(in_english(restricted["lessons"][0].url))
    assert response.status_code == 403
    content = response.content.decode()
    assert SECRET not in content
    assert "This lesson is for enrolled learners." in content
    assert "Cooperation at the border" in content  # the outline is still there
    assert restricted["course"].title in content


def test_enrolled_learners_and_editors_read_restricted_lessons(
    client, restricted, student, trainer
):
    enrol(student, restricted["course"])
    client.force_login(student)
    assert SECRET in client.get(restricted["lessons"][0].url).content.decode()
    client.force_login(trainer)
    assert SECRET in client.get(restricted["lessons"][0].url).content.decode()


def test_a_withdrawn_learner_no_longer_reads_restricted_lessons(
    client, restricted, student
):
    enrol(student, restricted["course"], status="withdrawn")
    client.force_login(student)
    assert client.get(restricted["lessons"][0].url).status_code == 403


def test_search_does_not_reveal_restricted_lessons(client, restricted, student):
    lesson = restricted["lessons"][0]
    lesson.summary = "Cross-border cooperation"
    lesson.save_revision().publish()
    tag(lesson, topics=["cooperation"])
    client.force_login(student)
    titles = [
        page.title for page in client.get("/az/search/?q=single").context["results"]
    ]
    assert "Single window" not in titles
    enrol(student, restricted["course"])
    titles = [
        page.title for page in client.get("/az/search/?q=single").context["results"]
    ]
    assert "Single window" in titles


def test_search_of_an_open_course_finds_lessons(client, school):
    response = client.get("/az/search/", {"q": "window"})
    assert response.status_code == 200
    assert [page.title for page in response.context["results"]] == ["Single window"]


@pytest.mark.parametrize("query", ["", " ", "<script>", "a" * 5000, "' OR 1=1 --"])
def test_odd_search_queries_do_not_break(client, school, query):
    response = client.get("/az/search/", {"q": query})
    assert response.status_code == 200
    assert b'value="<script>"' not in response.content


def test_students_cannot_use_admin_previews_of_lessons(client, restricted, student):
    client.force_login(student)
    lesson = restricted["lessons"][0]
    for name in ("wagtailadmin_pages:view_draft", "wagtailadmin_pages:preview_on_edit"):
        response = client.get(reverse(name, args=[lesson.pk]))
        assert response.status_code in (302, 403), name
        assert SECRET.encode() not in response.content


def test_there_is_no_public_content_api(client, restricted):
    assert client.get("/api/v2/pages/", follow=True).status_code == 404
    assert client.get("/az/api/v2/pages/").status_code == 404

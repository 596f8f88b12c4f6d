"""An enrolled student ticks lessons off, sees progress and picks up where they left."""

import pytest
from django.test import Client

from lms_courses.models import CoursePage, Enrolment, LessonCompletion
from lms_courses.progress import mark_complete
from tests.conftest import enrol, in_english
from tests.factories import LessonPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def complete_url(lesson):
    return f"/az/learning/lessons/{lesson.pk}/complete/"


def undo_url(lesson):
    return f"/az/learning/lessons/{lesson.pk}/incomplete/"


def test_marking_a_lesson_complete_ticks_it_and_moves_the_bars(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    first = school["lessons"][0]
    response = client.post(complete_url(first), {"next": first.url})
    assert response.status_code == 302
    assert response["Location"] == first.url

    page = client.get(in_english(school["course"].url))
    outline = page.context["outline"]
    assert [item.done for item in outline.lessons] == [True, False, False]
    assert outline.percent == 33
    assert [module.percent for module in outline.modules] == [50, 0]
    assert b"Continue where you left off" in page.content
    assert outline.next_item.page.pk == school["lessons"][1].pk
    assert b'<progress max="100" value="33"' in page.content


def test_undo_removes_the_tick(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    client.post(complete_url(lesson))
    client.post(undo_url(lesson))
    assert not LessonCompletion.objects.exists()
    assert client.get(lesson.url).context["is_done"] is False


def test_marking_twice_or_from_two_tabs_leaves_one_row(client, school, student):
    enrolment = enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    assert client.post(complete_url(lesson)).status_code == 302
    assert client.post(complete_url(lesson)).status_code == 302
    assert mark_complete(enrolment, lesson.translation_key) is False
    assert LessonCompletion.objects.count() == 1


def test_the_database_refuses_a_second_tick_for_the_same_lesson(school, student):
    from django.db import IntegrityError, transaction

    enrolment = enrol(student, school["course"])
    key = school["lessons"][0].translation_key
    LessonCompletion.objects.create(enrolment=enrolment, lesson_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(enrolment=enrolment, lesson_key=key)


def test_a_lesson_of_a_course_one_is_not_enrolled_in_is_refused(
    client, school, student
):
    client.force_login(student)
    response = client.post(in_english(complete_url(school["lessons"][0])))
    assert response.status_code == 403
    assert b"Enrol in this course" in response.content
    assert not LessonCompletion.objects.exists()


def test_marking_needs_a_post_with_csrf(school, student):
    enrol(student, school["course"])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(student)
    lesson = school["lessons"][0]
    assert browser.get(complete_url(lesson)).status_code == 405
    assert browser.post(complete_url(lesson)).status_code == 403
    assert not LessonCompletion.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, school):
    response = client.post(complete_url(school["lessons"][0]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("page_id", [0, 999999])
def test_unknown_lessons_are_a_404(client, student, page_id, school):
    client.force_login(student)
    assert client.post(f"/az/learning/lessons/{page_id}/complete/").status_code == 404


def test_nobody_changes_or_sees_another_learners_progress(client, school, student):
    other = UserFactory(email="other@school.example")
    enrol(student, school["course"])
    enrol(other, school["course"])
    client.force_login(other)
    client.post(complete_url(school["lessons"][0]))
    # The other learner's tick is theirs alone.
    client.force_login(student)
    outline = client.get(school["course"].url).context["outline"]
    assert outline.done_count == 0
    assert Enrolment.objects.get(user=student).completions.count() == 0
    assert Enrolment.objects.get(user=other).completions.count() == 1


def test_progress_counts_only_live_lessons(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    lessons = school["lessons"]
    client.post(complete_url(lessons[0]))
    client.post(complete_url(lessons[2]))
    lessons[2].unpublish()
    outline = client.get(school["course"].url).context["outline"]
    assert (outline.done_count, len(outline.lessons), outline.percent) == (1, 2, 50)
    lessons[0].delete()
    response = client.get(school["course"].url)
    assert response.status_code == 200
    assert response.context["outline"].percent == 0
    assert client.get("/az/dashboard/").status_code == 200


def test_a_completed_course_says_so(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    for lesson in school["lessons"]:
        client.post(complete_url(lesson))
    response = client.get(in_english(school["course"].url))
    assert response.context["outline"].percent == 100
    assert b"You have completed every lesson" in response.content


def test_scripts_get_json_back(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    response = client.post(
        in_english(complete_url(school["lessons"][0])), HTTP_ACCEPT="application/json"
    )
    assert response.json() == {
        "done": True,
        "course_percent": 33,
        "lesson": school["lessons"][0].pk,
        "message": "Lesson marked as complete. Next: Cooperation at the border.",
        "next_url": school["lessons"][1].url,
    }


def test_marking_a_lesson_complete_says_so_and_names_the_next_lesson(
    client, school, student
):
    enrol(student, school["course"])
    client.force_login(student)
    first = school["lessons"][0]
    response = client.post(
        in_english(complete_url(first)), {"next": in_english(first.url)}, follow=True
    )
    content = response.content.decode()
    assert "Lesson marked as complete. Next: Cooperation at the border." in content
    assert "You have completed this lesson." in content
    assert (
        f'<a class="button" href="{school["lessons"][1].url}" rel="next">'
        "Next: Cooperation at the border</a>"
    ) in content


def test_the_lesson_form_brings_the_learner_back_to_the_confirmation(
    client, school, student
):
    enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    form = client.get(lesson.url).content.decode()
    assert f'name="next" value="{lesson.url}"' in form


def test_a_lesson_before_a_quiz_leads_to_the_quiz(client, school, student):
    from tests.factories import QuizPageFactory

    quiz = QuizPageFactory(parent=school["modules"][0], title="Check: borders")
    enrol(student, school["course"])
    client.force_login(student)
    second = school["lessons"][1]
    response = client.post(
        in_english(complete_url(second)), {"next": in_english(second.url)}, follow=True
    )
    content = response.content.decode()
    assert "Lesson marked as complete. Next, the quiz: Check: borders." in content
    assert f'href="{quiz.url}" rel="next">Take the quiz: Check: borders</a>' in content


def test_the_last_lesson_leads_back_to_the_course(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    for lesson in school["lessons"]:
        response = client.post(
            in_english(complete_url(lesson)),
            {"next": in_english(lesson.url)},
            follow=True,
        )
    content = response.content.decode()
    assert (
        "Lesson marked as complete. You have completed every lesson of this course."
        in content
    )
    assert (
        f'<a class="button" href="{school["course"].url}">Back to the course</a>'
        in (content)
    )


def test_the_last_lesson_with_others_left_points_to_the_course_page(
    client, school, student
):
    enrol(student, school["course"])
    client.force_login(student)
    response = client.post(in_english(complete_url(school["lessons"][2])), follow=True)
    assert (
        "That was the last lesson: the course page shows what is left."
        in response.content.decode()
    )


def test_undoing_a_tick_says_so(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    client.post(complete_url(lesson))
    response = client.post(
        in_english(undo_url(lesson)), {"next": in_english(lesson.url)}, follow=True
    )
    assert "Lesson marked as not done." in response.content.decode()


def test_a_script_that_is_refused_gets_the_reason_as_json(client, school, student):
    client.force_login(student)
    response = client.post(
        in_english(complete_url(school["lessons"][0])),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Enrol in this course to keep track of your lessons."
    )


def test_progress_made_in_one_language_shows_in_another(client, school, student):
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    home_en = school["home"].copy_for_translation(english)
    home_en.save_revision().publish()
    for page in [school["catalogue"], school["course"], *school["modules"]]:
        page.copy_for_translation(english).save_revision().publish()
    lesson_en = school["lessons"][1].copy_for_translation(english)
    lesson_en.save_revision().publish()
    lesson_en.refresh_from_db()
    assert lesson_en.url.startswith("/en/")

    enrol(student, school["course"])
    client.force_login(student)
    client.post(f"/en/learning/lessons/{lesson_en.pk}/complete/")

    az_lesson = client.get(school["lessons"][1].url)
    assert az_lesson.context["is_done"] is True
    course_en = CoursePage.objects.get(locale=english)
    outline = client.get(course_en.url).context["outline"]
    assert outline.done_count == 1
    dashboard = client.get("/en/dashboard/")
    assert dashboard.content.count(b"1 of 3 steps done") == 1


def test_previous_and_next_follow_the_tree(client, school):
    response = client.get(school["lessons"][1].url)
    assert response.context["previous_item"].page.pk == school["lessons"][0].pk
    assert response.context["next_item"].page.pk == school["lessons"][2].pk


def test_a_new_lesson_appears_in_the_outline_unticked(client, school, student):
    enrol(student, school["course"])
    client.force_login(student)
    for lesson in school["lessons"]:
        client.post(complete_url(lesson))
    # Published as an editor does: the outline cached by the ticks is forgotten.
    LessonPageFactory(
        parent=school["modules"][1], title="A new lesson"
    ).save_revision().publish()
    outline = client.get(school["course"].url).context["outline"]
    assert outline.percent == 75
    assert outline.next_item.page.title == "A new lesson"


def test_the_cached_outline_follows_publishing_unpublishing_and_deleting(
    client, school
):
    url = in_english(school["course"].url)
    assert len(client.get(url).context["outline"].lessons) == 3  # now cached
    draft = LessonPageFactory(parent=school["modules"][1], title="Fresh", live=False)
    draft.save_revision().publish()
    titles = [i.page.title for i in client.get(url).context["outline"].lessons]
    assert titles[-1] == "Fresh"
    school["lessons"][0].specific.save_revision().publish()
    renamed = school["lessons"][1]
    renamed.title = "Renamed lesson"
    renamed.save_revision().publish()
    titles = [i.page.title for i in client.get(url).context["outline"].lessons]
    assert "Renamed lesson" in titles
    school["lessons"][2].unpublish()
    draft.delete()
    titles = [i.page.title for i in client.get(url).context["outline"].lessons]
    assert titles == ["Single window", "Renamed lesson"]

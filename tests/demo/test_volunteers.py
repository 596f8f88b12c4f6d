"""The demo's Migration Volunteers union: its pages, training course, qualifications and
pledges, loaded by `manage.py load_demo` once."""

import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import Translation

from demo import content as demo_content
from demo import volunteers as demo_volunteers
from home.models import HomePage
from lms_courses.models import CourseIndexPage, CoursePage, LessonPage
from lms_courses.progress import enrol, mark_complete
from lms_quizzes.models import QuizPage
from lms_volunteers.jobs import remind_upcoming_shifts
from lms_volunteers.models import (
    DepartmentPage,
    HoursEntry,
    Pledge,
    ProjectPage,
    Qualification,
    QualificationGrant,
    ServiceLetter,
    Shift,
    SignUp,
    Volunteer,
    VolunteersIndexPage,
)
from lms_volunteers.pipeline import apply, pledges_in_force
from lms_volunteers.qualifications import grant_earned

pytestmark = pytest.mark.django_db

COURSE_SLUG = demo_volunteers.COURSE["slug"]


@pytest.fixture
def demo(demo_school, db):
    pass


def in_source_language(queryset):
    return queryset.filter(locale__language_code="az")


def test_the_union_home_lists_its_seven_departments_in_english(demo, client):
    response = client.get("/en/volunteers/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Migration Volunteers" in content
    assert "more than 7,000 registered young volunteers" in content
    for department in demo_volunteers.DEPARTMENTS:
        assert department["title"].en in content


def test_the_union_and_its_departments_are_in_russian(demo, client):
    content = client.get("/ru/volunteers/").content.decode()
    assert "Миграционные волонтёры" in content
    for department in demo_volunteers.DEPARTMENTS:
        assert department["title"].ru in content


def test_the_union_sits_under_the_home_page_with_seven_departments(demo):
    union = in_source_language(VolunteersIndexPage.objects).get()
    assert union.slug == "volunteers" and union.founded == 2019
    assert isinstance(union.get_parent().specific, HomePage)
    assert len(union.departments()) == 7


def test_projects_name_their_goal_funder_budget_and_dates(demo):
    projects = in_source_language(ProjectPage.objects.live())
    assert projects.count() == 4
    for project in projects:
        assert isinstance(project.get_parent().specific, DepartmentPage)
        assert project.goal and project.funder and project.budget > 0
        assert project.target_beneficiaries > 0
        assert project.ends_on > project.starts_on
    english = ProjectPage.objects.filter(locale__language_code="en")
    assert "IOM Azerbaijan" in set(english.values_list("funder", flat=True))


def test_every_english_translation_of_the_union_and_course_is_complete(demo):
    union = in_source_language(VolunteersIndexPage.objects).get()
    course = in_source_language(CoursePage.objects).get(slug=COURSE_SLUG)
    keys = {
        page.translation_key
        for root in (union, course)
        for page in Page.objects.descendant_of(root, inclusive=True)
    }
    translations = Translation.objects.filter(
        target_locale__language_code="en", source__object_id__in=keys
    )
    assert translations.count() == len(keys) == 23
    for translation in translations:
        total, translated = translation.get_progress()
        assert total == translated, translation.source.get_source_instance()


def test_the_psychology_course_has_eight_lessons_in_the_catalogue(demo):
    course = in_source_language(CoursePage.objects).get(slug=COURSE_SLUG)
    assert isinstance(course.get_parent().specific, CourseIndexPage)
    assert LessonPage.objects.live().descendant_of(course).count() == 8
    assert set(course.gcm_objectives.values_list("number", flat=True)) == {7, 15, 16}


def test_the_psychology_course_reads_in_english(demo, client):
    course = CoursePage.objects.get(slug=COURSE_SLUG, locale__language_code="en")
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Psychological first aid for volunteers working with migrants" in (
        response.content.decode()
    )
    english = LessonPage.objects.descendant_of(course).filter(
        locale__language_code="en"
    )
    assert english.count() == 8


def test_completing_the_course_grants_a_required_two_year_qualification(demo):
    course = in_source_language(CoursePage.objects).get(slug=COURSE_SLUG)
    first_aid = Qualification.objects.get(name_en="Psychological first aid")
    assert first_aid.course == course and first_aid.quiz is None
    assert first_aid.required_to_become_active
    assert first_aid.valid_for_days == 730
    assert first_aid.name_az and first_aid.name_ru


def test_passing_the_first_quiz_grants_desk_basics_for_a_year(demo):
    quiz = in_source_language(QuizPage.objects).get(slug=demo_content.QUIZ["slug"])
    desk = Qualification.objects.get(name_en="Assistance desk basics")
    assert desk.quiz == quiz and desk.course is None
    assert not desk.required_to_become_active
    assert desk.valid_for_days == 365


def test_the_code_of_conduct_and_confidentiality_pledge_are_in_force(demo):
    in_force = pledges_in_force()
    assert {(p.kind, p.version) for p in in_force} == {
        (Pledge.Kind.CONDUCT, 1),
        (Pledge.Kind.CONFIDENTIALITY, 1),
    }
    assert all("<li>" in pledge.text for pledge in in_force)


def test_the_demo_union_has_active_volunteers_with_shifts_and_hours(demo):
    assert Volunteer.objects.active().count() == 6
    assert not Volunteer.objects.filter(user__email=demo_content.GRADUATE[0]).exists()
    upcoming = Shift.objects.open()
    # Seven shifts of the union's projects, and eight slots of the desk's demo drive.
    assert upcoming.filter(drive_slot__isnull=True).count() == 7
    assert upcoming.filter(drive_slot__isnull=False).count() == 8
    assert all(shift.places_taken <= shift.capacity for shift in Shift.objects.all())
    assert upcoming.short_of_people().exists()
    assert HoursEntry.objects.approved().count() >= 6
    assert HoursEntry.objects.pending().count() == 1
    assert ServiceLetter.objects.count() == 1


def test_the_demo_volunteer_has_a_shift_within_a_day(demo, client):
    volunteer = get_user_model().objects.get(email="volunteer@school.example")
    client.force_login(volunteer)
    content = client.get("/en/volunteers/me/shifts/").content.decode()
    assert "Application desk: residence permit forms" in content
    soon = SignUp.objects.get(
        volunteer__user=volunteer, shift__starts_at__gt=timezone.now()
    )
    assert soon.shift.starts_at - timezone.now() < datetime.timedelta(days=1)


def test_done_means_a_graduate_goes_from_applying_to_a_verified_letter(
    demo, client, mailoutbox
):
    """The issue's "Done means", through the pages a person uses."""
    graduate = get_user_model().objects.get(email=demo_content.GRADUATE[0])
    client.force_login(graduate)

    # Applies, prefilled as a graduate, and is fast-tracked into training.
    form = client.get("/en/volunteers/apply/").context["form"]
    answers = {
        **form.initial,
        "languages": "Azerbaijani, Russian, English",
        "availability": "Weekends",
        "motivation": "I want to help migrants with their documents.",
    }
    answers |= {f"pledge_{pledge.pk}": "on" for pledge in pledges_in_force()}
    response = client.post("/en/volunteers/apply/", answers)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(user=graduate)
    assert volunteer.fast_tracked and volunteer.status == Volunteer.Status.IN_TRAINING

    # Completes the psychology course and becomes active by themselves.
    course = in_source_language(CoursePage.objects).get(slug=COURSE_SLUG)
    enrolment = enrol(graduate, course)
    for lesson in LessonPage.objects.live().descendant_of(course):
        mark_complete(enrolment, lesson.translation_key)
    grant_earned(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE

    # Signs up for the shift that starts within a day, and is reminded of it.
    shift = (
        Shift.objects.open().filter(required_languages="Russian").earliest("starts_at")
    )
    response = client.post(f"/en/volunteers/shifts/{shift.pk}/sign-up/", follow=True)
    assert "You are signed up" in response.content.decode()
    mailoutbox.clear()
    remind_upcoming_shifts.call()
    [reminder] = [m for m in mailoutbox if m.to == [graduate.email]]
    assert shift.title in reminder.body and shift.place in reminder.body

    # The shift happens; its lead ticks who came, and the hours are confirmed.
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=5),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    lead = Client()
    lead.force_login(shift.lead)
    came = {f"came_{held.pk}": "on" for held in shift.sign_ups.confirmed()}
    response = lead.post(f"/en/volunteers/shifts/{shift.pk}/attendance/", came)
    assert response.status_code == 302
    hours = HoursEntry.objects.approved().get(volunteer=volunteer)
    assert hours.hours == 4

    # Downloads a letter of service, which the public verification page confirms.
    response = client.post("/en/volunteers/me/letters/")
    assert response.status_code == 302
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    letter = ServiceLetter.objects.get(volunteer=volunteer)
    page = Client().get(f"/en/certificates/verify/{letter.display_code}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert graduate.get_full_name() in content
    assert "This letter of service is valid." in content


def test_the_demo_graduate_becomes_active_by_finishing_the_psychology_course(demo):
    graduate = get_user_model().objects.get(email=demo_content.GRADUATE[0])
    volunteer = apply(
        graduate,
        languages="Azerbaijani, English",
        availability="Weekends",
        motivation="I want to help migrants with their documents.",
    )
    assert volunteer.status == Volunteer.Status.IN_TRAINING
    course = in_source_language(CoursePage.objects).get(slug=COURSE_SLUG)
    enrolment = enrol(graduate, course)
    for lesson in LessonPage.objects.live().descendant_of(course):
        mark_complete(enrolment, lesson.translation_key)
    grant_earned(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert QualificationGrant.objects.filter(
        volunteer=volunteer, qualification__name_en="Psychological first aid"
    ).exists()


def test_running_load_demo_again_adds_nothing(demo, django_capture_on_commit_callbacks):
    def counts():
        return [
            model.objects.count()
            for model in (Page, Qualification, Pledge, VolunteersIndexPage)
        ]

    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open(os.devnull, "w"))
    assert counts() == before

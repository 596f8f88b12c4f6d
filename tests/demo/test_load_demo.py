"""`manage.py load_demo` builds a believable School, once, through the page tree."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from demo import content
from home.models import HomePage
from lms_certificates.models import Certificate, CertificateRule
from lms_cohorts.models import Application, Cohort
from lms_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms_live.models import LiveSession

pytestmark = pytest.mark.django_db

CURRICULUM = [
    "regulation-of-migration-processes",
    "border-management",
    "migration-policy-making",
    "managing-migration-flows",
    "rights-and-obligations-of-migrants",
    "international-cooperation",
    "gender-and-child-sensitive-approaches",
    "whole-of-government-and-society",
    "international-migration-review-forum",
]


@pytest.fixture
def demo(demo_school, db):
    pass


def test_demo_builds_the_school_under_the_site_root(demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    catalogue = CourseIndexPage.objects.child_of(home).get()
    course = CoursePage.objects.child_of(catalogue).get(slug=content.COURSE["slug"])
    modules = ModulePage.objects.child_of(course).live().order_by("path")
    assert [module.slug for module in modules] == CURRICULUM
    assert LessonPage.objects.live().descendant_of(course).count() >= 18


def test_demo_tags_every_module_with_objectives_and_goals(demo):
    for module in ModulePage.objects.all():
        assert module.gcm_objectives.exists(), module.slug
        assert module.sdgs.exists(), module.slug


def test_demo_pages_are_published_with_a_revision_and_owned_by_the_trainer(demo):
    trainer = get_user_model().objects.get(email="trainer@school.example")
    for lesson in LessonPage.objects.all():
        assert lesson.live and lesson.latest_revision_id
        assert lesson.owner == trainer


def test_demo_has_one_account_per_role(demo):
    users = get_user_model().objects
    assert users.get(email="admin@school.example").is_superuser
    assert (
        users.get(email="trainer@school.example")
        .groups.filter(name="Trainers")
        .exists()
    )
    assert (
        users.get(email="coordinator@school.example")
        .groups.filter(name="Coordinators")
        .exists()
    )
    assert (
        users.get(email="student@school.example")
        .groups.filter(name="Students")
        .exists()
    )
    assert users.get(email="student@school.example").check_password("demo-student")


def test_running_it_again_adds_nothing(demo, django_capture_on_commit_callbacks):
    before = (Page.objects.count(), get_user_model().objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), get_user_model().objects.count()) == before


def test_demo_pages_render(demo, client):
    lesson = LessonPage.objects.get(
        slug="what-the-global-compact-is", locale__language_code="az"
    )
    response = client.get(lesson.url)
    assert response.status_code == 200
    content = response.content.decode()
    for fragment in ('class="callout', "<picture>", 'class="document"', "quick-check"):
        assert fragment in content
    assert client.get("/az/").status_code == 200
    assert client.get("/az/courses/?sdg=10").status_code == 200


def test_the_demo_student_has_started_the_course(demo, client):
    student = get_user_model().objects.get(email="student@school.example")
    client.force_login(student)
    # Two lessons and the first module's quiz, of 18 lessons and 2 quizzes.
    assert "3 of 20 steps done" in client.get("/en/dashboard/").content.decode()


def test_demo_is_translated_with_wagtail_localize(demo):
    english = LessonPage.objects.filter(locale__language_code="en")
    assert (
        english.count() == LessonPage.objects.filter(locale__language_code="az").count()
    )
    lesson = english.get(slug="what-the-global-compact-is")
    assert lesson.title == "What the Global Compact is"
    for translation in Translation.objects.filter(target_locale__language_code="en"):
        total, translated = translation.get_progress()
        assert total == translated, translation.source.get_source_instance()


def test_demo_has_the_first_module_in_russian(demo):
    russian = ModulePage.objects.filter(locale__language_code="ru")
    assert [module.slug for module in russian] == [CURRICULUM[0]]
    assert LessonPage.objects.filter(locale__language_code="ru").count() == 3
    assert CoursePage.objects.get(locale__language_code="ru").title == (
        "Глобальный договор о миграции: от принципов к практике"
    )


def test_demo_has_an_open_call_and_applications_to_review(demo, client):
    fourth = Cohort.objects.get(number=4)
    assert fourth.is_open_for_applications()
    assert "4th Migration School" in client.get("/en/").content.decode()
    assert Application.objects.submitted().filter(cohort=fourth).count() == 3
    third = Cohort.objects.get(number=3)
    for email in ("student@school.example", "graduate@school.example"):
        assert third.members().filter(email=email).exists()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Cohort.objects.count() == 2


def test_demo_has_a_live_class_on_the_students_dashboard(demo, client):
    session = LiveSession.objects.upcoming().get()
    assert session.agenda.count() == 2
    student = get_user_model().objects.get(email="student@school.example")
    client.force_login(student)
    assert session.title_en in client.get("/en/dashboard/").content.decode()
    assert session.title in client.get("/az/dashboard/").content.decode()


def test_demo_has_a_graduate_with_a_certificate_and_rules_for_both_schools(
    demo, client
):
    assert CertificateRule.objects.count() == 2
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "Aynur Qəhrəmanlı-Şükürova"
    page = client.get(f"/en/certificates/verify/{certificate.display_code}/")
    assert "This certificate is valid." in page.content.decode()
    student = get_user_model().objects.get(email="student@school.example")
    client.force_login(student)
    assert "To earn the certificate:" in client.get("/en/dashboard/").content.decode()

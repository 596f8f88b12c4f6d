"""`manage.py load_demo` builds a believable School, once, through the page tree."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.models import HomePage

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
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_demo_builds_the_school_under_the_site_root(demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    catalogue = CourseIndexPage.objects.child_of(home).get()
    course = CoursePage.objects.child_of(catalogue).get()
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


def test_running_it_again_adds_nothing(demo):
    before = (Page.objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), get_user_model().objects.count()) == before


def test_demo_pages_render(demo, client):
    lesson = LessonPage.objects.get(slug="what-the-global-compact-is")
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
    assert "2 of " in client.get("/az/dashboard/").content.decode()

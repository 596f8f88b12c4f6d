"""The union's public pages: its home, its departments and their projects."""

import datetime

import pytest
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import HomePage
from lms_courses.models import CourseIndexPage
from lms_volunteers.models import (
    DepartmentPage,
    ProjectPage,
    Volunteer,
    VolunteersIndexPage,
)
from tests.conftest import count_queries, in_english
from tests.factories import (
    DepartmentPageFactory,
    HomePageFactory,
    ProjectPageFactory,
    UserFactory,
    VolunteersIndexPageFactory,
)
from tests.volunteers.conftest import ANSWERS


class UnionTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.update(root_page=cls.home)
        cls.union = VolunteersIndexPageFactory(parent=cls.home)
        cls.department = DepartmentPageFactory(parent=cls.union, title="Legal aid")
        cls.project = ProjectPageFactory(parent=cls.department, title="Permit drive")

    def test_the_tree_is_union_home_department_project(self):
        self.assertCanCreateAt(HomePage, VolunteersIndexPage)
        self.assertAllowedSubpageTypes(VolunteersIndexPage, {DepartmentPage})
        self.assertAllowedParentPageTypes(DepartmentPage, {VolunteersIndexPage})
        self.assertAllowedSubpageTypes(DepartmentPage, {ProjectPage})
        self.assertAllowedParentPageTypes(ProjectPage, {DepartmentPage})
        self.assertAllowedSubpageTypes(ProjectPage, set())

    def test_departments_and_projects_cannot_be_created_elsewhere(self):
        for parent in (HomePage, CourseIndexPage, ProjectPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, DepartmentPage)
        for parent in (HomePage, VolunteersIndexPage, ProjectPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, ProjectPage)
        self.assertCanNotCreateAt(CourseIndexPage, VolunteersIndexPage)

    def test_a_home_page_holds_one_union_home(self):
        self.assertFalse(VolunteersIndexPage.can_create_at(self.home))
        other_home = HomePageFactory(parent=Page.get_first_root_node())
        self.assertTrue(VolunteersIndexPage.can_create_at(other_home))

    def test_every_volunteers_page_renders_and_previews(self):
        for page in (self.union, self.department, self.project):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page)

    def test_every_volunteers_page_is_served_under_the_language_prefix(self):
        # Wagtail's assertPageIsRoutable ignores i18n_patterns' prefix, so route
        # through the real URL configuration instead.
        for page in (self.union, self.department, self.project):
            with self.subTest(page=type(page).__name__):
                response = self.client.get(in_english(page.url))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].pk, page.pk)

    def test_staff_add_a_project_with_its_funder_and_dates(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        data = nested_form_data(
            {
                "title": "Students' documents",
                "slug": "students-documents",
                "goal": "Help foreign medical students with their documents.",
                "funder": "UNHCR",
                "budget": "12000.00",
                "target_beneficiaries": 1000,
                "starts_on": "2024-09-01",
                "ends_on": "2024-10-31",
                "body": rich_text("<p>Volunteers sit at the faculty's desk.</p>"),
            }
        )
        self.assertCanCreate(self.department, ProjectPage, data)
        project = ProjectPage.objects.get(slug="students-documents")
        self.assertEqual(project.funder, "UNHCR")
        self.assertEqual(project.ends_on, datetime.date(2024, 10, 31))


@pytest.fixture
def union(school):
    return VolunteersIndexPageFactory(parent=school["home"])


def volunteer(status):
    return Volunteer.objects.create(user=UserFactory(), status=status, **ANSWERS)


def translate(page, language, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = title
    translation.save_revision().publish()
    return translation


def test_union_home_invites_visitors_to_become_a_volunteer(client, union):
    html = client.get(in_english(union.url)).content.decode()
    assert 'href="/en/volunteers/apply/"' in html
    assert "Become a volunteer" in html


def test_a_volunteer_is_led_to_their_own_volunteering(client, union):
    applicant = volunteer(Volunteer.Status.APPLICANT)
    client.force_login(applicant.user)
    html = client.get(in_english(union.url)).content.decode()
    assert "My volunteering" in html
    assert 'href="/en/volunteers/me/"' in html
    assert "Become a volunteer" not in html


def test_union_home_says_when_it_was_founded(client, union):
    response = client.get(in_english(union.url))
    assert "Founded in 2019" in response.content.decode()


def test_union_home_counts_only_active_volunteers(client, union):
    volunteer(Volunteer.Status.ACTIVE)
    volunteer(Volunteer.Status.ACTIVE)
    volunteer(Volunteer.Status.APPLICANT)
    response = client.get(in_english(union.url))
    assert "2 active volunteers" in response.content.decode()


def test_union_home_lists_its_published_departments(client, union):
    DepartmentPageFactory(parent=union, title="Legal aid", summary="Forms and advice.")
    DepartmentPageFactory(parent=union, title="Outreach", summary="Home visits.")
    draft = DepartmentPageFactory(parent=union, title="Not yet open", live=False)
    draft.save_revision()
    html = client.get(in_english(union.url)).content.decode()
    assert "Legal aid" in html
    assert "Forms and advice." in html
    assert "Outreach" in html
    assert "Not yet open" not in html


def test_departments_are_listed_in_the_readers_language(client, school, union):
    translated = DepartmentPageFactory(parent=union, title="Hüquqi yardım")
    DepartmentPageFactory(parent=union, title="Könüllülərin təlimi")
    translate(school["home"], "en", "Migration School")
    translate(union, "en", "Migration Volunteers")
    translate(translated, "en", "Legal aid")
    html = client.get("/en/volunteers/").content.decode()
    assert "Legal aid" in html
    assert "Hüquqi yardım" not in html
    # Not translated yet: still listed, in the original.
    assert "Könüllülərin təlimi" in html


def test_department_page_lists_its_projects_with_goal_funder_and_dates(client, union):
    department = DepartmentPageFactory(parent=union)
    ProjectPageFactory(
        parent=department,
        title="Permits at home",
        goal="Deliver residence permits to migrants' homes.",
        funder="IOM",
        starts_on=datetime.date(2020, 4, 1),
        ends_on=datetime.date(2020, 6, 30),
    )
    html = client.get(in_english(department.url)).content.decode()
    assert "Permits at home" in html
    assert "Deliver residence permits to migrants&#x27; homes." in html
    assert "Funded by IOM" in html
    assert "1 April 2020" in html
    assert "30 June 2020" in html


def test_department_page_links_back_to_the_union(client, union):
    department = DepartmentPageFactory(parent=union)
    html = client.get(in_english(department.url)).content.decode()
    assert f'href="{union.url}"' in html
    assert union.title in html


def test_project_page_shows_funder_budget_people_and_dates(client, union):
    project = ProjectPageFactory(
        parent=DepartmentPageFactory(parent=union),
        funder="UNHCR",
        budget="25000.00",
        target_beneficiaries=1000,
        starts_on=datetime.date(2020, 4, 1),
        ends_on=None,
    )
    html = client.get(in_english(project.url)).content.decode()
    assert "UNHCR" in html
    assert "25,000 AZN" in html
    assert "1,000" in html
    assert "From 1 April 2020" in html


def test_project_page_leaves_out_what_is_not_set(client, union):
    project = ProjectPageFactory(
        parent=DepartmentPageFactory(parent=union), funder="", budget=None
    )
    html = client.get(in_english(project.url)).content.decode()
    assert "Funded by" not in html
    assert "Budget" not in html


def test_union_home_runs_the_same_queries_for_2_and_10_departments(client, union):
    for _ in range(2):
        DepartmentPageFactory(parent=union)
    url = in_english(union.url)
    few = count_queries(client, url)
    for _ in range(8):
        DepartmentPageFactory(parent=union)
    assert count_queries(client, url) == few


def test_department_page_runs_the_same_queries_for_2_and_10_projects(client, union):
    department = DepartmentPageFactory(parent=union)
    for _ in range(2):
        ProjectPageFactory(parent=department)
    url = in_english(department.url)
    few = count_queries(client, url)
    for _ in range(8):
        ProjectPageFactory(parent=department)
    assert count_queries(client, url) == few

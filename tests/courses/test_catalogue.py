"""The public catalogue lists published courses, filtered by GCM, SDG and topic."""

import pytest

from tests.conftest import count_queries
from tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory, tag

pytestmark = pytest.mark.django_db


def course_titles(response):
    return [course.title for course in response.context["courses"]]


def test_catalogue_lists_published_courses_only(client, school):
    CoursePageFactory(parent=school["catalogue"], title="Unfinished course", live=False)
    response = client.get("/az/courses/")
    assert response.status_code == 200
    assert course_titles(response) == ["Border management"]
    assert b"Unfinished course" not in response.content


def test_filtering_by_sdg_finds_courses_tagged_at_any_depth(client, school):
    other = CoursePageFactory(parent=school["catalogue"], title="Remittances")
    tag(other, sdg=[17])
    # SDG 10 is only on a lesson of "Border management".
    response = client.get("/az/courses/", {"sdg": 10})
    assert response.status_code == 200
    assert course_titles(response) == ["Border management"]
    response = client.get("/az/courses/", {"sdg": 17})
    assert course_titles(response) == ["Remittances"]


def test_filtering_by_gcm_objective_and_topic(client, school):
    remittances = tag(
        CoursePageFactory(parent=school["catalogue"], title="Remittances"),
        gcm=[20],
        topics=["remittances"],
    )
    assert course_titles(client.get("/az/courses/", {"gcm": 20})) == [remittances.title]
    assert course_titles(client.get("/az/courses/", {"gcm": 4})) == [
        "Border management"
    ]
    assert course_titles(client.get("/az/courses/", {"topic": "remittances"})) == [
        "Remittances"
    ]
    assert course_titles(client.get("/az/courses/", {"gcm": 20, "sdg": 10})) == []


def test_a_tag_on_an_unpublished_lesson_does_not_list_its_course(client, school):
    hidden = LessonPageFactory(parent=school["modules"][1], title="Draft", live=False)
    tag(hidden, sdg=[5])
    assert course_titles(client.get("/az/courses/", {"sdg": 5})) == []


@pytest.mark.parametrize(
    "query", [{"sdg": 99}, {"gcm": "abc"}, {"gcm": 24}, {"topic": "<script>"}]
)
def test_unknown_filter_values_get_a_400_with_a_reason(client, school, query):
    response = client.get("/en/courses/", query)
    assert response.status_code == 400
    assert course_titles(response) == []
    assert b"These filters could not be used" in response.content
    assert b"<script>" not in response.content


def test_a_page_number_out_of_range_shows_the_last_page(client, school):
    response = client.get("/az/courses/", {"page": "9999"})
    assert response.status_code == 200
    response = client.get("/az/courses/", {"page": "abc"})
    assert response.status_code == 200


def test_each_gcm_objective_has_a_page_listing_tagged_content(client, school):
    response = client.get("/az/courses/gcm/4/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [group["course"].title for group in groups] == ["Border management"]
    assert [page.title for page in groups[0]["pages"]] == ["Legal identity"]
    assert not groups[0]["course_tagged"]

    response = client.get("/az/courses/gcm/11/")
    assert response.context["groups"][0]["course_tagged"]


def test_each_sdg_has_a_page_with_its_targets_and_tagged_content(client, school):
    response = client.get("/az/courses/sdg/16/")
    assert response.status_code == 200
    assert [target.code for target in response.context["tag"].targets.all()] == [
        "16.2",
        "16.9",
    ]
    pages = response.context["groups"][0]["pages"]
    assert [page.title for page in pages] == ["Integrated borders"]
    assert b"16.9" in response.content


@pytest.mark.parametrize("path", ["/az/courses/gcm/24/", "/az/courses/sdg/0/"])
def test_unknown_objective_or_goal_is_a_404(client, school, path):
    assert client.get(path).status_code == 404


def test_catalogue_reads_a_constant_number_of_queries(client, school):
    def add_courses(count):
        for n in range(count):
            course = CoursePageFactory(parent=school["catalogue"])
            tag(course, gcm=[n % 23 + 1], sdg=[n % 17 + 1], topics=[f"topic {n}"])
            ModulePageFactory(parent=course)

    add_courses(3)
    small = count_queries(client, "/az/courses/?sdg=2")
    add_courses(20)
    large = count_queries(client, "/az/courses/?sdg=2")
    assert small == large <= 22

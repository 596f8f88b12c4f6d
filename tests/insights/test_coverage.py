"""The GCM/SDG coverage matrix of a cohort's curriculum, and the content of its cells.

In ``cohort_school`` the course is tagged GCM 11 (so all four lessons count for it),
"Legal identity" GCM 4; module 1's quiz tests GCM 11 twice and GCM 4 once, module 2's
quiz GCM 4 twice.
"""

import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms_courses.models import GCMObjective, LessonPage, SDGTarget
from lms_courses.outline import forget_outlines
from lms_insights.coverage import NO_MODULE
from lms_live.models import LiveSession
from lms_quizzes.tagging import index_question_tags
from tests.cohorts.factories import CohortFactory
from tests.conftest import count_queries
from tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    QuizPageFactory,
    tag,
    true_false_question,
)
from tests.insights.conftest import add_learners

pytestmark = pytest.mark.django_db


def matrix_url(world, tab=None):
    url = reverse("insights_coverage", args=[world["cohort"].pk])
    return f"{url}?tab={tab}" if tab else url


def cell_url(world, kind, tag_pk, module_key):
    return reverse(
        "insights_coverage_cell",
        args=[world["cohort"].pk, kind, tag_pk, module_key],
    )


def gcm(number):
    return GCMObjective.objects.get(number=number)


def target(code):
    return SDGTarget.objects.get(code=code)


def module_key(world, index):
    return world["modules"][index].translation_key


def cell_text(response, url) -> str:
    """The words of the matrix cell that links to ``url`` ("" when it has no link)."""
    link = BeautifulSoup(response.content, "html.parser").find("a", href=url)
    return " ".join(link.get_text(" ").split()) if link else ""


def row_text(response, anchor) -> str:
    row = BeautifulSoup(response.content, "html.parser").find("tr", id=anchor)
    return " ".join(row.get_text(" ").split())


def teaches(session, *objectives):
    """Tag a live session with GCM objectives (a parental M2M: saved with it)."""
    session.gcm_objectives.add(*objectives)
    session.save()


def set_minutes(*pairs):
    for lesson, minutes in pairs:
        LessonPage.objects.filter(pk=lesson.pk).update(estimated_minutes=minutes)


@pytest.fixture
def coordinator_client(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    return client


# The GCM tab


def test_lessons_of_a_module_count_for_the_objective_their_course_is_tagged_with(
    coordinator_client, cohort_school
):
    first, second = cohort_school["lessons"][:2]
    set_minutes((first, 20), (second, 15))
    response = coordinator_client.get(matrix_url(cohort_school))
    url = cell_url(cohort_school, "gcm", gcm(11).pk, module_key(cohort_school, 0))
    assert cell_text(response, url) == "2 lessons 35 min 2 questions"


def test_a_lesson_tagged_itself_counts_only_in_its_own_module(
    coordinator_client, cohort_school
):
    set_minutes((cohort_school["lessons"][2], 30))
    response = coordinator_client.get(matrix_url(cohort_school))
    second = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 1))
    assert cell_text(response, second) == "1 lesson 30 min 2 questions"


def test_a_question_tagged_on_its_own_counts_without_any_lesson(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school))
    first = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 0))
    assert cell_text(response, first) == "1 question"


def test_live_sessions_of_the_cohort_count_in_the_column_of_their_module(
    coordinator_client, cohort_school
):
    teaches(cohort_school["session"], gcm(4))
    response = coordinator_client.get(matrix_url(cohort_school))
    first = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 0))
    assert cell_text(response, first) == "1 question 1 live session"


def test_live_sessions_of_another_cohort_do_not_count(
    coordinator_client, cohort_school
):
    other = LiveSession.objects.create(
        title="Another cohort's class",
        cohort=cohort_school["other_cohort"],
        module=cohort_school["modules"][0],
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    teaches(other, gcm(1))
    response = coordinator_client.get(matrix_url(cohort_school))
    assert "Gap" in row_text(response, "gcm-1")


def test_sessions_without_a_module_have_their_own_column(
    coordinator_client, cohort_school
):
    session = LiveSession.objects.create(
        title="Welcome class",
        cohort=cohort_school["cohort"],
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    teaches(session, gcm(7))
    response = coordinator_client.get(matrix_url(cohort_school))
    url = cell_url(cohort_school, "gcm", gcm(7).pk, NO_MODULE)
    assert cell_text(response, url) == "1 live session"
    assert "No module" in response.content.decode()


def test_an_objective_nothing_teaches_is_marked_as_a_gap(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school))
    assert "Gap" in row_text(response, "gcm-1")
    assert "Gap" not in row_text(response, "gcm-4")


def test_the_summary_names_how_many_objectives_are_not_taught(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school))
    summary = BeautifulSoup(response.content, "html.parser").find(
        class_="coverage-summary"
    )
    text = " ".join(summary.get_text(" ").split())
    assert text.startswith("21 of 23 objectives are not taught: GCM 1 ,")
    assert "GCM 4" not in text and "GCM 11" not in text


def test_cells_are_shaded_by_how_much_teaches_the_objective(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school))
    url = cell_url(cohort_school, "gcm", gcm(11).pk, module_key(cohort_school, 0))
    link = BeautifulSoup(response.content, "html.parser").find("a", href=url)
    assert "coverage-depth-2" in link.find_parent("td")["class"]


def test_the_page_states_how_cells_are_counted(coordinator_client, cohort_school):
    response = coordinator_client.get(matrix_url(cohort_school))
    assert "How cells are counted" in response.content.decode()


def test_the_table_has_a_caption_and_scoped_headers(coordinator_client, cohort_school):
    table = BeautifulSoup(
        coordinator_client.get(matrix_url(cohort_school)).content, "html.parser"
    ).find("table", class_="coverage-matrix")
    assert table.caption.get_text(strip=True)
    columns = [th.get_text(strip=True) for th in table.find_all("th", scope="col")]
    assert columns == ["Objective", "Integrated borders", "Identity and documents"]
    assert len(table.find_all("th", scope="row")) == 23


def test_the_coverage_tab_of_the_cohort_is_current(coordinator_client, cohort_school):
    response = coordinator_client.get(matrix_url(cohort_school))
    current = BeautifulSoup(response.content, "html.parser").find(
        "nav", class_="insights-tabs"
    )
    assert current.find("a", attrs={"aria-current": "page"}).get_text() == (
        "GCM/SDG coverage"
    )


# The SDG tab


def test_the_sdg_tab_counts_lessons_tagged_with_a_target(
    coordinator_client, cohort_school
):
    single_window = cohort_school["lessons"][0]
    single_window.sdg_targets.add(target("10.7"))
    single_window.save()
    response = coordinator_client.get(matrix_url(cohort_school, "sdg"))
    url = cell_url(
        cohort_school, "sdg", target("10.7").pk, module_key(cohort_school, 0)
    )
    assert cell_text(response, url) == "1 lesson"


def test_the_sdg_tab_counts_every_lesson_of_a_module_tagged_with_a_target(
    coordinator_client, cohort_school
):
    second = cohort_school["modules"][1]
    second.sdg_targets.add(target("16.9"))
    second.save()
    response = coordinator_client.get(matrix_url(cohort_school, "sdg"))
    url = cell_url(
        cohort_school, "sdg", target("16.9").pk, module_key(cohort_school, 1)
    )
    assert cell_text(response, url) == "2 lessons"


def test_the_sdg_tab_groups_targets_by_goal_and_marks_its_gaps(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school, "sdg"))
    page = BeautifulSoup(response.content, "html.parser")
    goals = [th.get_text(strip=True) for th in page.find_all("th", scope="rowgroup")]
    assert any(goal.startswith("SDG 10:") for goal in goals)
    assert "Gap" in row_text(response, "sdg-107")
    assert "9 of 9 targets are not taught" in response.content.decode()


def test_the_tabs_link_to_each_other(coordinator_client, cohort_school):
    response = coordinator_client.get(matrix_url(cohort_school, "sdg"))
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("a", href=matrix_url(cohort_school, "gcm"))
    assert page.find("a", href=matrix_url(cohort_school, "sdg"))["aria-current"]


def test_an_unknown_tab_shows_the_gcm_objectives_with_a_message(
    coordinator_client, cohort_school
):
    response = coordinator_client.get(matrix_url(cohort_school, "nonsense"))
    assert response.status_code == 200
    assert "There is no “nonsense” tab" in response.content.decode()
    assert "GCM 11" in row_text(response, "gcm-11")


# A cell's content


def test_a_cell_lists_its_lessons_with_links_to_edit_them(
    coordinator_client, cohort_school
):
    legal_identity = cohort_school["lessons"][2]
    url = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 1))
    page = BeautifulSoup(coordinator_client.get(url).content, "html.parser")
    edit = reverse("wagtailadmin_pages:edit", args=[legal_identity.pk])
    assert page.find("a", href=edit).get_text() == "Legal identity"
    assert "Consular documents" not in page.get_text()


def test_a_cell_says_why_each_lesson_counts(coordinator_client, cohort_school):
    url = cell_url(cohort_school, "gcm", gcm(11).pk, module_key(cohort_school, 1))
    text = coordinator_client.get(url).content.decode()
    assert "Consular documents" in text
    assert "its course is tagged with it" in text


def test_a_cell_lists_quizzes_with_their_tagged_question_counts(
    coordinator_client, cohort_school
):
    url = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 0))
    page = BeautifulSoup(coordinator_client.get(url).content, "html.parser")
    quiz = cohort_school["quizzes"][0]
    link = page.find("a", href=reverse("wagtailadmin_pages:edit", args=[quiz.pk]))
    assert link.get_text() == "Borders quiz"
    assert link.find_parent("tr").find("td").get_text(strip=True) == "1"


def test_a_cell_lists_its_live_sessions(coordinator_client, cohort_school):
    teaches(cohort_school["session"], gcm(4))
    url = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 0))
    assert "Borders in practice" in coordinator_client.get(url).content.decode()


def test_the_no_module_cell_lists_sessions_without_a_module(
    coordinator_client, cohort_school
):
    session = LiveSession.objects.create(
        title="Welcome class",
        cohort=cohort_school["cohort"],
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    teaches(session, gcm(7))
    url = cell_url(cohort_school, "gcm", gcm(7).pk, NO_MODULE)
    text = coordinator_client.get(url).content.decode()
    assert "Welcome class" in text


def test_an_unknown_kind_is_not_found(coordinator_client, cohort_school):
    url = cell_url(cohort_school, "nonsense", gcm(4).pk, module_key(cohort_school, 0))
    assert coordinator_client.get(url).status_code == 404


def test_an_unknown_objective_is_not_found(coordinator_client, cohort_school):
    url = cell_url(cohort_school, "gcm", 999999, module_key(cohort_school, 0))
    assert coordinator_client.get(url).status_code == 404


def test_an_unknown_sdg_target_is_not_found(coordinator_client, cohort_school):
    url = cell_url(cohort_school, "sdg", 999999, module_key(cohort_school, 0))
    assert coordinator_client.get(url).status_code == 404


def test_an_unknown_module_is_not_found(coordinator_client, cohort_school):
    url = cell_url(cohort_school, "gcm", gcm(4).pk, uuid.uuid4())
    assert coordinator_client.get(url).status_code == 404


def test_a_module_outside_the_cohorts_curriculum_is_not_found(
    coordinator_client, cohort_school
):
    other_course = CoursePageFactory(parent=cohort_school["catalogue"])
    other_module = ModulePageFactory(parent=other_course)
    url = cell_url(cohort_school, "gcm", gcm(4).pk, other_module.translation_key)
    assert coordinator_client.get(url).status_code == 404


def test_an_unknown_cohort_is_not_found(coordinator_client, cohort_school):
    url = reverse("insights_coverage", args=[999999])
    assert coordinator_client.get(url).status_code == 404


def test_a_cohort_without_a_curriculum_shows_an_empty_state(client, cohort_school):
    empty = CohortFactory(number=9, courses=[])
    client.force_login(cohort_school["coordinator"])
    response = client.get(reverse("insights_coverage", args=[empty.pk]))
    assert response.status_code == 200
    assert "there is nothing to cover" in response.content.decode()


# Who may see it


def test_a_trainer_sees_the_coverage_of_a_cohort_they_teach(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    response = client.get(matrix_url(cohort_school))
    assert response.status_code == 200
    assert "GCM 11" in response.content.decode()


def test_a_trainer_cannot_see_the_coverage_of_a_cohort_they_do_not_teach(
    client, cohort_school
):
    client.force_login(cohort_school["outsider"])
    response = client.get(matrix_url(cohort_school), follow=True)
    assert "you do not have permission" in response.content.decode()
    assert b"coverage-matrix" not in response.content


def test_a_trainer_cannot_open_a_cell_of_a_cohort_they_do_not_teach(
    client, cohort_school
):
    client.force_login(cohort_school["outsider"])
    url = cell_url(cohort_school, "gcm", gcm(4).pk, module_key(cohort_school, 1))
    response = client.get(url, follow=True)
    assert "you do not have permission" in response.content.decode()
    assert b"Legal identity" not in response.content


def test_a_student_cannot_see_the_coverage(client, cohort_school):
    client.force_login(cohort_school["aysel"])
    response = client.get(matrix_url(cohort_school), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("wagtailadmin_login"))
    assert b"coverage-matrix" not in response.content


def test_an_anonymous_visitor_is_sent_to_sign_in(client, cohort_school):
    response = client.get(matrix_url(cohort_school))
    assert response.status_code == 302
    assert "login" in response["Location"]


# Queries


def grow_curriculum(world, modules: int, lessons: int) -> None:
    """More tagged modules, lessons, quizzes and sessions in the cohort's course."""
    for m in range(modules):
        module = tag(
            ModulePageFactory(parent=world["course"], title=f"More {m}"), gcm=[2]
        )
        for n in range(lessons):
            tag(LessonPageFactory(parent=module, estimated_minutes=10), gcm=[3 + n])
        quiz = tag(
            QuizPageFactory(
                parent=module,
                questions=[true_false_question(f"m{m}-q", "A question.", True)],
            ),
            gcm=[5],
        )
        index_question_tags(quiz)
        session = LiveSession.objects.create(
            title=f"Session {m}",
            cohort=world["cohort"],
            module=module,
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(hours=1),
        )
        teaches(session, gcm(6))
    forget_outlines()


@pytest.mark.parametrize("tab", ["gcm", "sdg"])
def test_the_matrix_reads_as_many_queries_for_a_larger_curriculum_and_cohort(
    coordinator_client, cohort_school, tab
):
    small = count_queries(coordinator_client, matrix_url(cohort_school, tab))
    grow_curriculum(cohort_school, modules=4, lessons=5)
    add_learners(cohort_school, 200)
    large = count_queries(coordinator_client, matrix_url(cohort_school, tab))
    response = coordinator_client.get(matrix_url(cohort_school, tab))
    assert "More 3" in response.content.decode()
    assert small == large


def test_a_cell_reads_as_many_queries_for_a_larger_curriculum_and_cohort(
    coordinator_client, cohort_school
):
    url = cell_url(cohort_school, "gcm", gcm(11).pk, module_key(cohort_school, 0))
    small = count_queries(coordinator_client, url)
    grow_curriculum(cohort_school, modules=4, lessons=5)
    for n in range(5):
        LessonPageFactory(parent=cohort_school["modules"][0], title=f"Extra {n}")
    forget_outlines()
    add_learners(cohort_school, 200)
    large = count_queries(coordinator_client, url)
    assert "Extra 4" in coordinator_client.get(url).content.decode()
    assert small == large

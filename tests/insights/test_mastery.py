"""Mastery per objective: each learner's share of the points on the questions tagged
with it, the cohort's distribution for trainers, a learner's own on the dashboard."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from lms_courses.models import SDGTarget
from lms_insights.mastery import SDG, cohort_mastery, learner_mastery
from lms_quizzes.models import Attempt, QuestionTag
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import count_queries
from tests.factories import (
    CoursePageFactory,
    ModulePageFactory,
    QuizPageFactory,
    UserFactory,
    tag,
    true_false_question,
)
from tests.insights.conftest import add_learners, grade

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/dashboard/"


def mastery_url(cohort, tab=None) -> str:
    url = reverse("insights_mastery", args=[cohort.pk])
    return f"{url}?tab={tab}" if tab else url


def percents(user, kind="gcm") -> dict:
    return {row.tag.name: row.percent for row in learner_mastery(user, kind)}


def cohort_row(cohort, number):
    return next(row for row in cohort_mastery(cohort) if row.tag.number == number)


def page_row(response, heading: str) -> list[str]:
    """The cells of the mastery table's row whose heading starts with ``heading``."""
    soup = BeautifulSoup(response.content, "html.parser")
    for row in soup.select("table.listing tbody tr"):
        if row.th.strong.get_text(strip=True) == heading:
            return [
                " ".join(cell.get_text(" ", strip=True).split()) for cell in row("td")
            ]
    raise AssertionError(f"No row {heading}")


def panel_text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "mastery-heading"})
    return " ".join(panel.get_text(" ", strip=True).split()) if panel else ""


# The numbers


def test_a_learner_who_got_every_tagged_question_right_masters_it_fully(
    cohort_school,
):
    assert percents(cohort_school["aysel"]) == {"GCM 11": 100, "GCM 4": 100}


def test_mastery_is_the_share_of_points_on_the_questions_tagged_with_it(
    cohort_school,
):
    assert percents(cohort_school["murad"]) == {"GCM 11": 50, "GCM 4": 0}


def test_every_graded_attempt_counts(cohort_school):
    grade(
        cohort_school["murad"],
        cohort_school["quizzes"][0],
        {"b-1": 1, "b-2": 1, "b-3": 1},
        number=2,
    )
    assert percents(cohort_school["murad"]) == {"GCM 11": 75, "GCM 4": 50}


def test_an_attempt_still_in_progress_does_not_count(cohort_school):
    attempt = grade(
        cohort_school["murad"], cohort_school["quizzes"][1], {"i-1": 1, "i-2": 1}
    )
    Attempt.objects.filter(pk=attempt.pk).update(status=Attempt.Status.IN_PROGRESS)
    assert percents(cohort_school["murad"])["GCM 4"] == 0


def test_answers_to_questions_no_longer_in_the_quiz_do_not_count(cohort_school):
    QuestionTag.objects.filter(question_id="b-2").delete()
    assert percents(cohort_school["murad"])["GCM 11"] == 100


def test_cohort_mean_and_median_are_over_the_learners_tested(cohort_school):
    row = cohort_row(cohort_school["cohort"], 11)
    assert (row.learners, row.mean, row.median) == (2, 75, 75)


def test_cohort_distribution_counts_learners_in_fifths_of_mastery(cohort_school):
    assert cohort_row(cohort_school["cohort"], 4).buckets == [1, 0, 0, 0, 1]
    assert cohort_row(cohort_school["cohort"], 11).buckets == [0, 0, 1, 0, 1]


def test_a_share_on_a_boundary_falls_in_the_upper_fifth(cohort_school):
    lala = _member(cohort_school, "lala@school.example")
    quiz = cohort_school["quizzes"][0]
    grade(lala, quiz, {"b-1": 1, "b-2": 0})
    grade(lala, quiz, {"b-1": 1, "b-2": 1}, number=2)
    grade(lala, quiz, {"b-1": 0}, number=3)
    assert percents(lala)["GCM 11"] == 60
    assert cohort_row(cohort_school["cohort"], 11).buckets == [0, 0, 1, 1, 1]


def test_an_objective_no_question_tests_has_no_mastery(cohort_school):
    row = cohort_row(cohort_school["cohort"], 1)
    assert (row.tested, row.learners, row.mean, row.median) == (False, 0, None, None)


def test_only_members_of_the_cohort_count(cohort_school):
    stranger = UserFactory(email="stranger@school.example")
    grade(stranger, cohort_school["quizzes"][0], {"b-1": 0, "b-2": 0, "b-3": 0})
    assert cohort_row(cohort_school["cohort"], 11).learners == 2


def test_only_quizzes_of_the_cohorts_curriculum_count(cohort_school):
    course = tag(CoursePageFactory(parent=cohort_school["catalogue"]), gcm=[11])
    elsewhere = QuizPageFactory(
        parent=ModulePageFactory(parent=course),
        questions=[true_false_question("x-1", "Elsewhere.", True)],
    )
    QuestionTag.objects.create(
        quiz_key=elsewhere.translation_key,
        question_id="x-1",
        points=1,
        objective=cohort_row(cohort_school["cohort"], 11).tag,
    )
    grade(cohort_school["murad"], elsewhere, {"x-1": 0})
    assert cohort_row(cohort_school["cohort"], 11).mean == 75


def test_sdg_targets_have_their_own_mastery(cohort_school):
    _tag_b1_with_target(cohort_school, "10.7")
    rows = {row.tag.code: row for row in cohort_mastery(cohort_school["cohort"], SDG)}
    assert (rows["10.7"].learners, rows["10.7"].mean) == (2, 100)
    assert not rows["5.2"].tested


# The trainers' page


def test_the_page_shows_each_objective_with_learners_mean_median_and_bars(
    client, cohort_school
):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    cells = page_row(response, "GCM 4")
    assert cells[:3] == ["2", "50 %", "50 %"]
    assert "0–20 %: 1 learner" in cells[3]
    assert "80–100 %: 1 learner" in cells[3]
    assert "40–60 %: 0 learners" in cells[3]


def test_the_bars_are_as_tall_as_the_share_of_learners_in_each_fifth(
    client, cohort_school
):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    soup = BeautifulSoup(response.content, "html.parser")
    row = next(
        r
        for r in soup.select("table.listing tbody tr")
        if r.th.strong.get_text(strip=True) == "GCM 4"
    )
    heights = [int(rect["height"]) for rect in row.select("svg rect")]
    assert heights[0] == heights[4] > 0
    assert heights[1:4] == [0, 0, 0]
    assert row.svg["aria-hidden"] == "true"


def test_objectives_no_learner_was_tested_on_are_marked(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    assert page_row(response, "GCM 21") == ["Not tested yet"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("table.listing tbody tr")) == 23


def test_the_page_sits_among_the_cohort_tabs(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    soup = BeautifulSoup(response.content, "html.parser")
    current = soup.select_one(".insights-tabs a[aria-current=page]")
    assert current.get_text(strip=True) == "Mastery"


def test_the_sdg_tab_lists_the_targets(client, cohort_school):
    _tag_b1_with_target(cohort_school, "10.7")
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"], "sdg"))
    assert page_row(response, "Target 10.7")[:2] == ["2", "100 %"]
    assert page_row(response, "Target 5.2") == ["Not tested yet"]


def test_a_nonsense_tab_shows_the_objectives_with_a_message(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"], "nonsense"))
    assert response.status_code == 200
    assert "There is no such tab: showing the GCM objectives." in (
        response.content.decode()
    )
    assert page_row(response, "GCM 11")[:2] == ["2", "75 %"]


def test_no_sdg_tagged_answers_shows_an_empty_state(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    response = client.get(mastery_url(cohort_school["cohort"], "sdg"))
    assert (
        "No learner of this cohort has answered a quiz question tagged with an SDG "
        "target yet." in response.content.decode()
    )


def test_a_cohort_without_attempts_shows_an_empty_state(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    response = client.get(mastery_url(cohort_school["other_cohort"]))
    assert response.status_code == 200
    assert (
        "No learner of this cohort has answered a quiz question tagged with a GCM "
        "objective yet." in response.content.decode()
    )
    assert page_row(response, "GCM 11") == ["Not tested yet"]


def test_a_cohort_without_quizzes_shows_an_empty_state(client, cohort_school):
    empty = CohortFactory(number=9)
    client.force_login(cohort_school["coordinator"])
    response = client.get(mastery_url(empty))
    assert response.status_code == 200
    assert "The cohort's curriculum has no quizzes yet" in response.content.decode()


def test_an_unknown_cohort_is_not_found(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    response = client.get(reverse("insights_mastery", args=[999999]))
    assert response.status_code == 404


def test_queries_do_not_grow_with_the_number_of_learners(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    url = mastery_url(cohort_school["cohort"])
    with_two = count_queries(client, url)
    add_learners(cohort_school, 200)
    assert count_queries(client, url) == with_two
    assert page_row(client.get(url), "GCM 11")[0] == "202"


# Who may see it


def test_a_coordinator_opens_any_cohort(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    for cohort in (cohort_school["cohort"], cohort_school["other_cohort"]):
        assert client.get(mastery_url(cohort)).status_code == 200


def test_a_trainer_opens_the_cohort_they_teach(client, cohort_school):
    client.force_login(cohort_school["teacher"])
    assert client.get(mastery_url(cohort_school["cohort"])).status_code == 200


def test_a_trainer_cannot_open_a_cohort_they_do_not_teach(client, cohort_school):
    client.force_login(cohort_school["outsider"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_student_cannot_open_the_page(client, cohort_school):
    client.force_login(cohort_school["aysel"])
    response = client.get(mastery_url(cohort_school["cohort"]))
    assert response.status_code == 302
    assert b"GCM 11" not in response.content


def test_an_anonymous_visitor_is_sent_to_log_in(client, cohort_school):
    response = client.get(mastery_url(cohort_school["cohort"]))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


# The learner's dashboard


def test_the_dashboard_names_the_strongest_objectives(client, cohort_school):
    client.force_login(cohort_school["aysel"])
    text = panel_text(client.get(DASHBOARD))
    assert re.search(r"Strongest: Objective 4 \(.+, 100 %\); Objective 11 \(", text)
    assert "To revisit" not in text


def test_the_dashboard_names_the_objectives_to_revisit_weakest_first(
    client, cohort_school
):
    client.force_login(cohort_school["murad"])
    text = panel_text(client.get(DASHBOARD))
    assert re.search(r"To revisit: Objective 4 \(.+, 0 %\); Objective 11 \(", text)
    assert "Strongest" not in text


def test_the_dashboard_links_the_lessons_tagged_with_a_weak_objective(
    client, cohort_school
):
    client.force_login(cohort_school["murad"])
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "mastery-heading"})
    links = {a.get_text(strip=True): a["href"] for a in panel("a")}
    assert links == {"Legal identity": cohort_school["lessons"][2].url}


def test_the_lesson_links_follow_the_readers_language(client, cohort_school):
    english = Locale.objects.get(language_code="en")
    for page in [
        cohort_school["home"],
        cohort_school["catalogue"],
        cohort_school["course"],
        cohort_school["modules"][1],
    ]:
        page.copy_for_translation(english).save_revision().publish()
    lesson_en = cohort_school["lessons"][2].copy_for_translation(english)
    lesson_en.title = "Legal identity (English)"
    lesson_en.save_revision().publish()
    lesson_en.refresh_from_db()
    client.force_login(cohort_school["murad"])
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "mastery-heading"})
    assert [a["href"] for a in panel("a")] == [lesson_en.url]


def test_a_learner_sees_only_their_own_numbers(client, cohort_school):
    client.force_login(cohort_school["murad"])
    text = panel_text(client.get(DASHBOARD))
    assert "Objective 11: 50 %" in text
    assert "100 %" not in text


def test_a_learner_not_tested_yet_gets_no_mastery_panel(client, cohort_school):
    newcomer = _member(cohort_school, "newcomer@school.example")
    client.force_login(newcomer)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert panel_text(response) == ""


def _member(world, email):
    user = UserFactory(email=email, groups=["Students"])
    ApplicationFactory(cohort=world["cohort"], applicant=user, status="accepted")
    return user


def _tag_b1_with_target(world, code):
    QuestionTag.objects.create(
        quiz_key=world["quizzes"][0].translation_key,
        question_id="b-1",
        points=1,
        sdg_target=SDGTarget.objects.get(code=code),
    )

"""The charts page: weekly activity, quiz score distributions and attendance per live
session, drawn as SVG on the server, each with its numbers in a table."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from lms_courses.models import LessonCompletion
from lms_live.models import Attendance, LiveSession
from lms_quizzes.models import Attempt
from tests.cohorts.factories import CohortFactory
from tests.conftest import count_queries
from tests.factories import UserFactory
from tests.insights.conftest import add_learners, grade

pytestmark = pytest.mark.django_db

WEEKLY = ["active-learners", "lesson-completions"]


def charts_url(cohort) -> str:
    return reverse("insights_charts", args=[cohort.pk])


def open_charts(client, user, cohort) -> BeautifulSoup:
    client.force_login(user)
    response = client.get(charts_url(cohort))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def coordinator_sees(client, world, cohort=None) -> BeautifulSoup:
    return open_charts(client, world["coordinator"], cohort or world["cohort"])


def data(soup, figure_id) -> dict[str, list[str]]:
    """The rows of a chart's data table that hold something: {row header: cells}."""
    figure = soup.find("figure", id=figure_id)
    rows = {}
    for row in figure.select("table tbody tr"):
        cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
        if any(cell != "0" for cell in cells):
            rows[row.th.get_text(strip=True)] = cells
    return rows


def empty_sentence(soup, figure_id) -> str:
    figure = soup.find("figure", id=figure_id)
    assert figure.find("svg") is None
    return figure.select_one(".insights-figure__empty").get_text(strip=True)


def week_of(moment) -> str:
    """How the table names the week of ``moment`` (its Monday), in English."""
    day = timezone.localtime(moment).date()
    with translation.override("en"):
        return formats.date_format(day - datetime.timedelta(days=day.weekday()))


def session_label(session) -> str:
    with translation.override("en"):
        day = formats.date_format(timezone.localtime(session.starts_at))
    return f"{session.title}, {day}"


def attendance(world) -> list[str]:
    """In the room, online, total for the world's one session."""
    soup = coordinator_sees(world["client"], world)
    return data(soup, "attendance").get(session_label(world["session"]), ["0"] * 3)


@pytest.fixture
def world(cohort_school, client):
    return {**cohort_school, "client": client}


# Weekly activity


def test_a_learner_who_ticked_lessons_and_took_a_quiz_in_a_week_counts_once(world):
    soup = coordinator_sees(world["client"], world)

    # Aysel (two lessons and a quiz) and Murad (a quiz), this week.
    assert data(soup, "active-learners") == {week_of(timezone.now()): ["2"]}


def test_a_learner_who_only_submitted_a_quiz_that_week_is_active(world):
    earlier = timezone.now() - datetime.timedelta(weeks=3)
    Attempt.objects.filter(user=world["murad"]).update(submitted_at=earlier)

    soup = coordinator_sees(world["client"], world)

    assert data(soup, "active-learners") == {
        week_of(earlier): ["1"],
        week_of(timezone.now()): ["1"],
    }


def test_lessons_completed_are_counted_in_their_week(world):
    soup = coordinator_sees(world["client"], world)

    assert data(soup, "lesson-completions") == {week_of(timezone.now()): ["2"]}


def test_the_weeks_run_from_the_cohorts_start_to_its_end(world):
    cohort = world["cohort"]

    soup = coordinator_sees(world["client"], world)

    rows = soup.find("figure", id="lesson-completions").select("tbody th")
    assert rows[0].get_text(strip=True) == week_of(_noon(cohort.starts_on))
    assert rows[-1].get_text(strip=True) == week_of(_noon(cohort.ends_on))


def test_activity_before_the_cohort_started_is_left_out(world):
    long_ago = _noon(world["cohort"].starts_on) - datetime.timedelta(days=30)
    LessonCompletion.objects.update(completed_at=long_ago)
    Attempt.objects.update(submitted_at=long_ago)

    soup = coordinator_sees(world["client"], world)

    assert data(soup, "active-learners") == {}
    assert data(soup, "lesson-completions") == {}


def test_quizzes_still_in_progress_are_not_activity(world):
    Attempt.objects.filter(user=world["murad"]).delete()
    Attempt.objects.create(
        user=world["murad"],
        quiz_key=world["quizzes"][1].translation_key,
        number=1,
        status=Attempt.Status.IN_PROGRESS,
    )

    soup = coordinator_sees(world["client"], world)

    assert data(soup, "active-learners") == {week_of(timezone.now()): ["1"]}


# Quiz scores


def test_each_quiz_is_charted_under_its_title(world):
    soup = coordinator_sees(world["client"], world)

    titles = [
        figure.figcaption.get_text(strip=True)
        for figure in soup.select("figure[id^=quiz-]")
    ]
    assert titles == ["Borders quiz", "Identity quiz"]


def test_scores_are_counted_in_bands_of_ten_points(world):
    soup = coordinator_sees(world["client"], world)

    # Aysel scored 100 % (the last band), Murad 33.33 %.
    assert data(soup, "quiz-1") == {"30–40 %": ["1"], "90–100 %": ["1"]}


def test_a_quiz_no_learner_has_taken_says_so_instead_of_a_chart(world):
    soup = coordinator_sees(world["client"], world)

    assert empty_sentence(soup, "quiz-2") == (
        "No learner of this cohort has a result on this quiz yet."
    )


def test_results_of_people_outside_the_cohort_are_not_counted(world):
    grade(UserFactory(), world["quizzes"][1], {"i-1": 1, "i-2": 1})

    soup = coordinator_sees(world["client"], world)

    assert empty_sentence(soup, "quiz-2")


def test_a_quiz_is_titled_in_the_language_of_the_admin(world):
    english = Locale.objects.get(language_code="en")
    quiz_en = world["quizzes"][0].copy_for_translation(english, copy_parents=True)
    quiz_en.title = "Borders quiz (English)"
    quiz_en.save_revision().publish()

    soup = coordinator_sees(world["client"], world)

    caption = soup.find("figure", id="quiz-1").figcaption.get_text(strip=True)
    assert caption == "Borders quiz (English)"


# Attendance


def test_a_learner_online_for_the_whole_session_counts_online(world):
    assert attendance(world) == ["0", "1", "1"]


def test_a_learner_checked_in_the_room_counts_in_the_room(world):
    Attendance.objects.create(
        session=world["session"], user=world["murad"], checked_in_at=timezone.now()
    )

    assert attendance(world) == ["1", "1", "2"]


def test_a_learner_online_for_less_than_half_the_session_is_not_counted(world):
    Attendance.objects.create(
        session=world["session"], user=world["murad"], online_seconds=3599
    )

    assert attendance(world) == ["0", "1", "1"]


def test_a_coordinators_correction_wins_over_the_minutes_online(world):
    Attendance.objects.filter(user=world["aysel"]).update(present_override=False)
    Attendance.objects.create(
        session=world["session"], user=world["murad"], present_override=True
    )

    assert attendance(world) == ["0", "1", "1"]


def test_attendance_has_a_legend_for_the_room_and_online(world):
    soup = coordinator_sees(world["client"], world)

    legend = soup.find("figure", id="attendance").select(".insights-chart__legend li")
    assert [item.get_text(strip=True) for item in legend] == ["In the room", "Online"]


def test_a_session_yet_to_start_is_not_charted(world):
    LiveSession.objects.create(
        title="Next week",
        cohort=world["cohort"],
        starts_at=timezone.now() + datetime.timedelta(days=7),
        ends_at=timezone.now() + datetime.timedelta(days=7, hours=2),
    )

    soup = coordinator_sees(world["client"], world)

    headers = soup.find("figure", id="attendance").select("tbody th")
    assert [th.get_text(strip=True) for th in headers] == [
        session_label(world["session"])
    ]


# Empty cohorts


def test_a_cohort_without_learners_says_so_instead_of_activity_charts(world):
    soup = coordinator_sees(world["client"], world, world["other_cohort"])

    for figure_id in WEEKLY:
        assert empty_sentence(soup, figure_id) == (
            "This cohort has no learners yet, so there is no activity to chart."
        )


def test_a_cohort_without_sessions_says_so_instead_of_an_attendance_chart(world):
    soup = coordinator_sees(world["client"], world, world["other_cohort"])

    assert empty_sentence(soup, "attendance") == (
        "No live session of this cohort has started yet."
    )


def test_a_cohort_whose_curriculum_has_no_quizzes_says_so(world):
    bare = CohortFactory(number=9)

    soup = coordinator_sees(world["client"], world, bare)

    section = soup.find("section", attrs={"aria-labelledby": "quizzes-heading"})
    assert "The curriculum of this cohort has no quizzes." in section.get_text()
    assert section.find("svg") is None


def test_a_session_nobody_attended_draws_an_axis_of_one(world):
    Attendance.objects.all().delete()

    soup = coordinator_sees(world["client"], world)

    ticks = soup.find("figure", id="attendance").select(".insights-chart__tick")
    assert [tick.get_text() for tick in ticks] == ["0", "1"]


# What the charts are made of


def test_every_chart_is_an_image_named_by_its_title_and_description(world):
    soup = coordinator_sees(world["client"], world)

    charts = soup.select("svg.insights-chart")
    assert len(charts) == 4  # two weekly charts, one quiz, attendance
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)


def test_every_chart_has_its_numbers_as_a_table(world):
    soup = coordinator_sees(world["client"], world)

    for svg in soup.select("svg.insights-chart"):
        details = svg.find_parent("figure").find("details")
        assert details.summary.get_text(strip=True) == "Show the data"
        assert details.find("table")


def test_charts_scale_to_the_width_of_a_phone(world):
    soup = coordinator_sees(world["client"], world)

    for svg in soup.select("svg.insights-chart"):
        assert svg["width"] == "100%"
        # The HTML parser lowers the case of attribute names.
        assert re.fullmatch(r"0 0 \d+ \d+", svg["viewbox"])
        assert not svg.has_attr("height")


def test_each_bar_names_its_numbers_on_hover(world):
    soup = coordinator_sees(world["client"], world)

    bars = soup.find("figure", id="attendance").select("rect.insights-chart__bar")
    assert [bar.title.get_text() for bar in bars] == [
        f"{session_label(world['session'])} · Online: 1"
    ]


def test_the_charts_run_no_script_and_fetch_nothing(world):
    soup = coordinator_sees(world["client"], world)

    for svg in soup.select("svg"):
        markup = str(svg)
        assert "<script" not in markup
        assert not re.search(r"\son\w+=", markup)
        assert re.findall(r"https?://[^\"'\s<>]*", markup) in (
            [],
            ["http://www.w3.org/2000/svg"],
        )


def test_coordinates_stay_plain_numbers_in_a_language_with_decimal_commas(world):
    profile = UserProfile.get_for_user(world["coordinator"])
    profile.preferred_language = "ru"
    profile.save()

    soup = coordinator_sees(world["client"], world)

    for shape in soup.select("svg.insights-chart rect, svg.insights-chart line"):
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            if shape.has_attr(name):
                float(shape[name])


def test_the_cohort_tabs_mark_the_charts_page(world):
    soup = coordinator_sees(world["client"], world)

    current = soup.select_one(".insights-tabs [aria-current=page]")
    assert current.get_text(strip=True) == "Charts"


# Queries


def test_the_number_of_queries_does_not_grow_with_learners(world):
    client, url = world["client"], charts_url(world["cohort"])
    client.force_login(world["coordinator"])
    few = count_queries(client, url)

    add_learners(world, 200)

    assert count_queries(client, url) == few


# Who may see


def test_a_trainer_sees_the_charts_of_their_cohort(world):
    soup = open_charts(world["client"], world["teacher"], world["cohort"])

    assert soup.find("figure", id="attendance")


def test_a_trainer_cannot_see_the_charts_of_a_cohort_they_do_not_teach(world):
    world["client"].force_login(world["outsider"])

    response = world["client"].get(charts_url(world["cohort"]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_student_cannot_see_the_charts(world):
    world["client"].force_login(world["aysel"])

    response = world["client"].get(charts_url(world["cohort"]))

    assert response.status_code == 302
    assert b"insights-chart" not in response.content


def test_an_unknown_cohort_is_not_found(world):
    world["client"].force_login(world["coordinator"])

    response = world["client"].get(reverse("insights_charts", args=[999999]))

    assert response.status_code == 404


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

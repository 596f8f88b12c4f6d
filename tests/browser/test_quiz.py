"""A student on a phone takes the demo quiz: answers are saved as given, even
across a reload, and the attempt is graded on the server."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.walk import QUIZ

pytestmark = pytest.mark.browser


def test_student_answers_reloads_and_submits_the_quiz(demo_site, page, learner):
    log_in(page, demo_site.url, *learner, language="en")
    page.goto(f"{demo_site.url}/en{QUIZ}")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_load_state("load")  # the page's script saves from now on
    for answer in ("2018", "False"):
        with page.expect_response(lambda r: r.url.endswith("/answers/")) as saved:
            page.get_by_label(answer).check()
        assert saved.value.status == 200
    page.get_by_label("How many objectives").fill("23")
    with page.expect_response(lambda r: r.url.endswith("/answers/")):
        page.get_by_label("How many objectives").blur()

    page.reload()  # nothing typed or ticked is lost
    assert page.get_by_label("2018").is_checked()
    assert page.get_by_label("False").is_checked()
    assert page.get_by_label("How many objectives").input_value() == "23"

    page.get_by_label("People-centred").check()
    page.get_by_label("Gender-responsive").check()
    page.get_by_label("acronym").fill("iom")
    page.get_by_role("button", name="Submit the attempt").click()
    page.wait_for_url("**/result/")
    assert page.get_by_text("Score: 100%").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_answered_counter_follows_each_saved_answer(demo_site, page, learner):
    log_in(page, demo_site.url, *learner, language="en")
    page.goto(f"{demo_site.url}/en{QUIZ}")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_load_state("load")
    counter = page.locator("[data-answered-count]")
    expect(counter).to_have_text(re.compile(r"^0 of \d+ answered$"))
    for answer in ("2018", "False"):
        with page.expect_response(lambda r: r.url.endswith("/answers/")):
            page.get_by_label(answer).check()
    expect(counter).to_have_text(re.compile(r"^2 of \d+ answered$"))

    field = page.get_by_label("How many objectives")
    with page.expect_response(lambda r: r.url.endswith("/answers/")):
        field.fill("23")
        field.blur()
    expect(counter).to_have_text(re.compile(r"^3 of \d+ answered$"))
    # A cleared answer no longer counts once the server has it.
    with page.expect_response(lambda r: r.url.endswith("/answers/")):
        field.fill("")
        field.blur()
    expect(counter).to_have_text(re.compile(r"^2 of \d+ answered$"))

"""A student on a phone logs in, continues the course and ticks a lesson off."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_student_logs_in_continues_and_completes_a_lesson(demo_site, page, learner):
    log_in(page, demo_site.url, *learner, language="en")
    assert "0 of 20 steps done" in page.locator(".progress__text").first.inner_text()

    page.locator(".card__title a").first.click()
    page.get_by_role("link", name="Start the course").click()
    assert (
        page.locator("article.lesson h1").inner_text() == "What the Global Compact is"
    )
    page.get_by_role("button", name="Mark as complete").click()
    # Marking a lesson done says so and leads on to the next one.
    assert page.get_by_text("Lesson marked as complete.").is_visible()
    page.get_by_role("link", name="Next: Regular pathways for migration").click()
    assert (
        page.locator("article.lesson h1").inner_text()
        == "Regular pathways for migration"
    )

    page.goto(f"{demo_site.url}/en/dashboard/")
    assert "1 of 20 steps done" in page.locator(".progress__text").first.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows a phone

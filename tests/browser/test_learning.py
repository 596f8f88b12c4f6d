"""A student on a phone logs in, continues the course and ticks a lesson off."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_student_logs_in_continues_and_completes_a_lesson(demo_site, page):
    page.goto(f"{demo_site.url}/en/accounts/login/?next=/en/dashboard/")
    page.fill("#id_username", "student@school.example")
    page.fill("#id_password", "demo-student")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/dashboard/")
    assert "2 of 18 lessons done" in page.locator(".progress__text").first.inner_text()

    page.locator(".card__title a").first.click()
    page.get_by_role("link", name="Continue where you left off").click()
    assert (
        page.locator("article.lesson h1").inner_text()
        == "Information at every stage of migration"
    )
    page.get_by_role("button", name="Mark as complete").click()

    page.goto(f"{demo_site.url}/en/dashboard/")
    assert "3 of 18 lessons done" in page.locator(".progress__text").first.inner_text()
    # Nothing overflows a 390 px wide screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

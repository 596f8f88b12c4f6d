"""A visitor on a phone filters the catalogue by an SDG and opens a lesson."""

import pytest

pytestmark = pytest.mark.browser


def test_visitor_filters_by_sdg_and_opens_a_lesson(demo_site, page):
    page.goto(f"{demo_site.url}/az/courses/")
    assert page.locator("h1").inner_text() == "Kurslar"

    page.select_option("#id_sdg", "16")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/az/courses/?*sdg=16*")
    cards = page.locator(".card h2 a")
    assert cards.count() == 1

    cards.first.click()
    page.locator(".outline a").first.click()
    assert page.locator("article.lesson h1").inner_text() == "Qlobal Saziş nədir"
    assert page.locator(".callout").count() >= 1
    page.locator("a[rel=next]").click()
    assert page.locator("article.lesson h1").inner_text() == "Qanuni miqrasiya yolları"


def test_an_unknown_filter_shows_its_reason(demo_site, page):
    response = page.goto(f"{demo_site.url}/az/courses/?sdg=99")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()

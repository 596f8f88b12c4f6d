"""A reader switches language on a lesson and on a page not yet translated."""

import pytest
from django.utils import translation
from django.utils.dates import MONTHS_ALT

pytestmark = pytest.mark.browser
COURSE = "/courses/global-compact-for-migration/"
LESSON = COURSE + "regulation-of-migration-processes/what-the-global-compact-is/"
MODULE_2 = COURSE + "border-management/"


def switch(page, language: str) -> None:
    """A visitor's switcher is links (a kept page holds no form token)."""
    page.locator("nav.language-switcher").get_by_role("link", name=language).click()


def test_switching_language_on_a_lesson_translates_everything(demo_site, page):
    page.goto(f"{demo_site.url}/az{LESSON}")
    assert page.locator("nav.site-nav").get_by_role("link", name="Kurslar").is_visible()
    az_date = page.locator("article.lesson time").inner_text()

    switch(page, "English")
    page.wait_for_url(f"**/en{LESSON}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        page.locator("article.lesson h1").inner_text() == "What the Global Compact is"
    )
    assert page.locator("nav.site-nav").get_by_role("link", name="Courses").is_visible()
    en_date = page.locator("article.lesson time").inner_text()
    assert en_date != az_date  # month names follow the language

    switch(page, "Русский")
    page.wait_for_url(f"**/ru{LESSON}")
    assert (
        page.locator("article.lesson h1").inner_text() == "Что такое Глобальный договор"
    )
    ru_date = page.locator("article.lesson time").inner_text()
    with translation.override("ru"):  # the month in the genitive: "1 декабря 2026"
        months = [str(month) for month in MONTHS_ALT.values()]
    assert any(month in ru_date for month in months), ru_date
    assert page.locator("p.notice[role=note]").count() == 0


def test_switching_on_an_untranslated_page_shows_a_notice(demo_site, page):
    page.goto(f"{demo_site.url}/az{MODULE_2}")
    switch(page, "Русский")
    page.wait_for_url(f"**/ru{MODULE_2}")
    notice = page.locator("p.notice[role=note]")
    assert notice.is_visible()
    assert "Русский" in notice.inner_text()
    assert page.locator("main").get_attribute("lang") == "az"
    assert page.locator("h1").inner_text() == "Sərhəd idarəçiliyi"
    # The interface itself is Russian.
    assert page.locator("nav.site-nav").get_by_role("link", name="Курсы").is_visible()

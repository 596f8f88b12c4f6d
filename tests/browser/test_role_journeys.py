"""Each role logs in on a phone, lands on its own dashboard, does its main task from
there, and reads every date in its language's style: in az, en and ru.

With ``LMS_SCREENSHOTS_DIR`` set, each role's home is saved there as
``home-<role>.png`` (the pictures in docs/screenshots/ come from this test).
"""

import os
import re
from pathlib import Path

import pytest

from demo.content import ACCOUNTS
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

LANGUAGES = ["az", "en", "ru"]
SMALL_PHONE = {"width": 360, "height": 740}
PASSWORDS = {role: (email, password) for role, email, password, *_ in ACCOUNTS}

# What each role's home offers first, and where its main task leads (a path the
# link must reach, without the language prefix).
JOURNEYS = {
    "student": ("main a[href*='/courses/']", "/courses/"),
    "trainer": ("#insights-heading ~ ul a[href*='/mastery/']", "/admin/insights/"),
    "coordinator": ("#cohorts-heading ~ article a[href*='?cohort=']", "/admin/"),
    "union staff": ("#union-staff-heading ~ ul a[href*='status=pending']", "/admin/"),
    "volunteer": ("main a[href$='/me/shifts/#open-shifts']", "/volunteers/me/"),
    "desk staff": ("#desk-heading ~ p a.button", "/desk/"),
    "dpo": ("#privacy-heading ~ p a.button", "/desk/audit/"),
}

RUSSIAN_NOMINATIVE_AFTER_DAY = re.compile(
    r"\b\d{1,2}\s+(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|"
    r"октябрь|ноябрь|декабрь)\b",
    re.IGNORECASE,
)
US_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
TWELVE_HOUR = re.compile(r"\b\d{1,2}(:\d\d)?\s*(a\.m\.|p\.m\.|AM|PM)(?!\w)")
ENGLISH_ABBREVIATED_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
)


def date_style_problems(page, language: str) -> list[str]:
    """Dates on the page that are not in ``language``'s style."""
    times = page.locator("main time").all_inner_texts()
    text = page.locator("main").inner_text()
    problems = [f"US numeric date: {m.group()}" for m in US_NUMERIC_DATE.finditer(text)]
    if language == "ru":
        problems += [
            f"nominative month after a day: {m.group()}"
            for m in RUSSIAN_NOMINATIVE_AFTER_DAY.finditer(text)
        ]
    if language in ("az", "ru"):
        problems += [f"12-hour time: {t}" for t in times if TWELVE_HOUR.search(t)]
    else:
        problems += [
            f"abbreviated month: {t}"
            for t in times
            if ENGLISH_ABBREVIATED_MONTH.search(t)
        ]
    return problems


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone(language):
        context = browser.new_context(viewport=SMALL_PHONE, locale=language)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(JOURNEYS))
def test_each_role_lands_on_its_home_and_reaches_its_main_task(
    demo_site, phone, role, language
):
    email, password = PASSWORDS[role]
    page = phone(language)
    log_in(page, demo_site.url, email, password, language)
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    assert "You are not enrolled" not in page.locator("main").inner_text()
    assert date_style_problems(page, language) == []
    screenshots = os.environ.get("LMS_SCREENSHOTS_DIR")
    if screenshots and language == "az":
        Path(screenshots).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(screenshots) / f"home-{role.replace(' ', '-')}.png"),
            full_page=True,
        )

    selector, destination = JOURNEYS[role]
    link = page.locator(selector).first
    link.click()
    page.wait_for_load_state()
    assert destination in page.url
    assert page.locator("h1").count() >= 1
    if "/admin/" not in page.url:
        assert date_style_problems(page, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_is_offered_apply_but_desk_staff_are_not(demo_site, phone, language):
    page = phone(language)
    page.goto(f"{demo_site.url}/{language}/")
    assert page.locator(f"header a[href='/{language}/apply/']").count() == 1
    email, password = PASSWORDS["desk staff"]
    log_in(page, demo_site.url, email, password, language)
    assert page.locator(f"header a[href='/{language}/apply/']").count() == 0
    assert page.locator(f"header a[href='/{language}/desk/']").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_student_goes_from_home_to_the_next_lesson_and_ticks_it_off(
    demo_site, phone, learner, language
):
    page = phone(language)
    log_in(page, demo_site.url, *learner, language)
    page.locator("main .card--wide p a[href*='/courses/']").first.click()
    page.wait_for_load_state()
    title = page.locator("h1").inner_text()
    page.locator("form[action*='/complete/'] button[type=submit]").click()
    page.wait_for_load_state()
    message = page.locator(".messages .message--success")
    assert message.count() == 1
    assert page.locator("h1").inner_text() == title
    assert page.locator("form[action*='/incomplete/']").count() == 1
    assert date_style_problems(page, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_desk_staff_go_from_home_to_a_request_grouped_for_reading(
    demo_site, phone, language
):
    email, password = PASSWORDS["desk staff"]
    page = phone(language)
    log_in(page, demo_site.url, email, password, language)
    page.locator("#desk-heading ~ p a.button").click()
    page.wait_for_load_state()
    page.locator("main table a[href*='/desk/r/']").first.click()
    page.wait_for_load_state()
    assert "/desk/r/" in page.url
    assert page.locator("main h3").count() >= 4
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    assert date_style_problems(page, language) == []

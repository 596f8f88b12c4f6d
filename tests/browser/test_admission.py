"""A student on a phone finds the call, drafts an application, comes back, submits."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_student_drafts_comes_back_and_submits_an_application(demo_site, page, learner):
    log_in(page, demo_site.url, *learner, language="en")
    page.goto(f"{demo_site.url}/en/")
    page.get_by_role("link", name="Apply", exact=True).last.click()
    page.get_by_label("University").fill("Khazar University")
    page.get_by_role("button", name="Save draft").click()
    assert "Your draft is saved" in page.locator(".messages").inner_text()

    page.goto(f"{demo_site.url}/en/dashboard/")
    page.get_by_role("link", name="Continue your application").click()
    assert page.get_by_label("University").input_value() == "Khazar University"
    page.get_by_role("button", name="Submit application").click()
    assert "Please check the fields marked below" in page.content()

    page.get_by_label("Sociology").check()
    page.get_by_label("Graduated").check()
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Languages").fill("Azerbaijani, Russian")
    page.get_by_label("Motivation").fill(
        "My family moved twice; I want to help others."
    )
    page.get_by_label("Title of your proposal").fill("Language cafés")
    page.get_by_label("Innovative proposal on a migration issue").fill(
        "Weekly cafés where newcomers practise Azerbaijani with volunteers."
    )
    page.get_by_role("button", name="Submit application").click()
    assert "Your application is submitted" in page.locator(".messages").inner_text()
    assert page.locator("textarea").count() == 0

    page.goto(f"{demo_site.url}/en/dashboard/")
    assert (
        "Submitted" in page.locator("#my-applications-heading + article").inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

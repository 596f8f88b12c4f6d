"""WCAG 2.2 AA: axe-core finds nothing serious on any page, in any language; text
reflows on a 320 px screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in
from tests.browser.walk import LANGUAGES, PUBLIC_PAGES, STUDENT_PAGES

pytestmark = pytest.mark.browser
AXE = Axe()
SERIOUS = {"serious", "critical"}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def serious_violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_serious_accessibility_problems(demo_site, page, language):
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(f"{demo_site.url}/{language}{path}")
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_student_pages_have_no_serious_accessibility_problems(
    demo_site, page, learner, language
):
    log_in(page, demo_site.url, *learner, language=language)
    problems = {}
    for path in STUDENT_PAGES:
        page.goto(f"{demo_site.url}/{language}{path}")
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_pages_reflow_on_a_320_pixel_screen(demo_site, browser, learner):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    log_in(page, demo_site.url, *learner)
    overflowing = {}
    for path in PUBLIC_PAGES + STUDENT_PAGES:
        page.goto(f"{demo_site.url}/az{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing[path] = width
    context.close()
    assert overflowing == {}


def test_the_checker_itself_catches_a_problem(page):
    page.set_content(
        "<html lang='en'><body><main><img src='x.png'>"
        "<button style='color:#eee;background:#fff'>Go</button></main></body></html>"
    )
    problems = " ".join(serious_violations(page))
    assert "image-alt" in problems
    assert "color-contrast" in problems

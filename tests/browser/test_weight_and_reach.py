"""Phone-first reach: light pages, no scripts needed, offline reading, slow lines."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.walk import COURSE, LESSON, MODULE

pytestmark = pytest.mark.browser
NEXT_LESSON = MODULE + "regular-pathways/"
KB = 1024


class Transfer:
    """Bytes over the wire for one page load: headers and (compressed) bodies."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def load(self, page, url) -> int:
        self.requests.clear()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        total = 0
        for request in self.requests:
            sizes = request.sizes()
            total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        return total


@pytest.fixture
def plain_page(browser):
    """A phone without the service worker: every byte comes over the network."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, service_workers="block"
    )
    yield context.new_page()
    context.close()


def test_a_lesson_is_light_first_and_lighter_next(demo_site, plain_page, learner):
    page = plain_page
    log_in(page, demo_site.url, *learner)
    transfer = Transfer(page)
    transfer.session.send("Network.clearBrowserCache")
    first = transfer.load(page, f"{demo_site.url}/az{LESSON}")
    assert page.locator("article.lesson picture img").count() == 1
    following = transfer.load(page, f"{demo_site.url}/az{NEXT_LESSON}")
    print(
        f"lesson: first visit {first / KB:.1f} KB, next lesson {following / KB:.1f} KB"
    )
    assert first <= 100 * KB
    assert following <= 20 * KB


@pytest.mark.parametrize("path", ["/courses/", COURSE, "/dashboard/"])
def test_catalogue_course_and_dashboard_stay_under_150_kb(
    demo_site, plain_page, learner, path
):
    page = plain_page
    log_in(page, demo_site.url, *learner)
    transfer = Transfer(page)
    transfer.session.send("Network.clearBrowserCache")
    weight = transfer.load(page, f"{demo_site.url}/az{path}")
    print(f"{path}: {weight / KB:.1f} KB")
    assert weight <= 150 * KB


def test_a_course_can_be_read_and_a_lesson_completed_without_scripts(
    demo_site, browser, learner
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    log_in(page, demo_site.url, *learner, language="en")
    page.goto(f"{demo_site.url}/en{COURSE}")
    page.get_by_role("link", name="Start the course").click()
    assert page.locator(".lesson__body p").count() > 0
    page.get_by_role("button", name="Mark as complete").click()
    page.goto(f"{demo_site.url}/en{COURSE}")
    assert "1 of 20 steps done" in page.locator(".progress__text").first.inner_text()
    # The offline button needs scripts; without them it stays out of the way.
    assert not page.get_by_role("button", name="Save for offline reading").is_visible()
    context.close()


def test_a_saved_course_reads_offline_and_ticks_wait_for_the_line(
    demo_site, page, learner, orm
):
    from lms_courses.models import LessonCompletion

    log_in(page, demo_site.url, *learner, language="en")
    page.goto(f"{demo_site.url}/en{COURSE}")
    page.wait_for_function(
        "() => navigator.serviceWorker && navigator.serviceWorker.controller"
    )
    page.get_by_role("button", name="Save for offline reading").click()
    status = page.locator("#offline-status")
    status.filter(has_text="can be read offline").wait_for()
    # The course, its 9 modules, 18 lessons and 2 quizzes.
    assert "30 pages" in status.inner_text()

    page.context.set_offline(True)
    page.goto(f"{demo_site.url}/en{NEXT_LESSON}")
    assert page.locator("#offline-banner").is_visible()
    assert (
        page.locator("article.lesson h1").inner_text()
        == "Regular pathways for migration"
    )
    button = page.get_by_role("button", name="Mark as complete")
    button.click()
    page.get_by_text("it will be sent when you are back online").wait_for()
    assert not LessonCompletion.objects.filter(
        enrolment__user__email=learner[0]
    ).exists()

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    pending = "JSON.parse(localStorage.getItem('lms-pending-completions') || '[]')"
    page.wait_for_function(f"() => {pending}.length === 0")
    assert (
        LessonCompletion.objects.filter(enrolment__user__email=learner[0]).count() == 1
    )
    # The page confirms it without a reload, in its live region.
    page.locator("[data-completion-status]").filter(
        has_text="Lesson marked as complete. Next:"
    ).wait_for()


def test_a_lesson_is_readable_quickly_on_a_slow_3g_line(demo_site, page):
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.clearBrowserCache")
    # Chromium's "Slow 3G": 400 ms round trips, 400 kbit/s down and up.
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 400,
            "downloadThroughput": 400 * 1000 / 8,
            "uploadThroughput": 400 * 1000 / 8,
        },
    )
    page.goto(f"{demo_site.url}/az{LESSON}", wait_until="commit")
    # Predicates are functions: Playwright eval()s a bare expression, which the
    # Content-Security-Policy forbids.
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0",
        timeout=30_000,
    )
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    print(f"first contentful paint on slow 3G: {paint:.0f} ms")
    assert paint < 5000  # the budget: docs/accessibility.md


def test_a_video_player_loads_only_when_asked_for(demo_site, page, orm):
    from lms_courses.models import ModulePage
    from tests.factories import LessonPageFactory

    module = ModulePage.objects.get(
        slug="border-management", locale__language_code="az"
    )
    lesson = LessonPageFactory(
        parent=module,
        title="A tour of a border post",
        body=[
            {
                "type": "video_block",
                "value": {
                    "video": "https://video.example/border-tour",
                    "title": "A tour of a border post",
                    "transcript": "<p>We start at the arrivals hall.</p>",
                },
            }
        ],
    )
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(demo_site.url + lesson.url)
    assert not [url for url in asked if "video.example" in url]
    assert page.locator(".video iframe").count() == 0
    page.get_by_role("button", name="Videonu başladın").click()
    assert page.locator(".video iframe").count() == 1
    lesson.delete()

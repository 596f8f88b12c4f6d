"""The site, the Wagtail admin and the live classroom work under the
Content-Security-Policy, and the browser reports no violation of it."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DEMO_COURSE, log_in
from tests.browser.walk import CLASSROOM, LESSON, QUIZ

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# Runs in every document and frame before its own scripts.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `in ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


def watch(context) -> list[str]:
    """Every CSP violation in ``context``'s pages and frames, as the browser
    reports it to the page and to the console."""
    violations = []
    context.expose_binding(
        "reportCspViolation", lambda source, text: violations.append(text)
    )
    context.add_init_script(REPORT_VIOLATIONS)
    context.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    context.on("weberror", lambda error: violations.append(str(error.error)))
    return violations


def settled(page, violations) -> list[str]:
    """The violations, once the browser has had time to report the last ones."""
    page.wait_for_timeout(300)
    return violations


@pytest.fixture
def english_staff(orm):
    """The demo's trainer and coordinator, with the admin in English."""
    from accounts.models import User
    from tests.factories import admin_in_english

    admin_in_english(
        *User.objects.filter(
            email__in=["trainer@school.example", "coordinator@school.example"]
        )
    )


def test_student_pages_and_their_scripts_work_without_violations(
    demo_site, browser, learner, orm
):
    from lms_courses.models import ModulePage
    from tests.factories import LessonPageFactory

    context = browser.new_context(viewport=DESKTOP, locale="en")
    violations = watch(context)
    page = context.new_page()
    base = demo_site.url
    for path in ("/en/", "/en/courses/"):
        assert page.goto(base + path).ok
    log_in(page, base, *learner, language="en")
    assert page.get_by_role("heading", level=1).first.is_visible()

    # The course page saves itself for offline reading (fetch + service worker).
    page.goto(f"{base}/en{DEMO_COURSE}")
    page.get_by_role("button", name="Save for offline reading").click()
    page.get_by_text("can be read offline").wait_for()

    # A lesson with a video: the player's frame loads from an allowed host.
    module = ModulePage.objects.get(
        slug="border-management", locale__language_code="en"
    )
    lesson = LessonPageFactory(
        parent=module,
        title="Border post video",
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
    try:
        page.goto(base + lesson.url)
        page.get_by_role("button", name="Play the video").click()
        assert page.locator(".video iframe").count() == 1
    finally:
        lesson.delete()

    page.goto(f"{base}/en{LESSON}")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_load_state("load")

    # The quiz saves each answer as it is given (fetch).
    page.goto(f"{base}/en{QUIZ}")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_load_state("load")
    with page.expect_response(lambda r: r.url.endswith("/answers/")) as saved:
        page.get_by_label("2018").check()
    assert saved.value.status == 200

    page.goto(f"{base}/en/dashboard/")
    assert page.get_by_text("Global Compact for Migration").first.is_visible()
    assert settled(page, violations) == []
    context.close()


def test_trainer_edits_a_lesson_in_the_admin_without_violations(
    demo_site, browser, english_staff, orm
):
    from lms_courses.models import LessonPage

    # The original: its English translation is edited in wagtail-localize's editor.
    lesson = LessonPage.objects.get(
        slug="what-the-global-compact-is", locale__language_code="az"
    )
    context = browser.new_context(viewport=DESKTOP, locale="en")
    violations = watch(context)
    page = context.new_page()
    base = demo_site.url
    log_in(page, base, "trainer@school.example", "demo-trainer", "en")

    page.goto(f"{base}/admin/")
    assert page.title().startswith("Dashboard")
    page.goto(f"{base}/admin/pages/{lesson.get_parent().pk}/")
    page.get_by_role("link", name=lesson.title).first.wait_for()

    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    blocks = page.locator("[data-streamfield-child]")
    blocks.first.wait_for()
    before = blocks.count()
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Heading", exact=True).click()
    blocks.nth(before).wait_for()
    # The preview panel shows the page in a frame of the admin's own origin.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.get_by_role("heading", name=lesson.title).wait_for()
    assert settled(page, violations) == []
    context.close()


def test_coordinator_lists_applications_and_certificates_without_violations(
    demo_site, browser, english_staff
):
    context = browser.new_context(viewport=DESKTOP, locale="en")
    violations = watch(context)
    page = context.new_page()
    base = demo_site.url
    log_in(page, base, "coordinator@school.example", "demo-coordinator", "en")
    for url_name, heading in (
        ("wagtailsnippets_lms_cohorts_application:list", "Applications"),
        ("certificates_admin:index", "Certificates"),
    ):
        assert page.goto(base + reverse(url_name)).ok
        page.get_by_role("heading", name=heading).first.wait_for()
        assert page.locator("table tbody tr").count() > 0
    assert settled(page, violations) == []
    context.close()


def test_live_classroom_connects_and_chats_without_violations(
    daphne_site, browser, learner
):
    contexts, pages = [], []
    violations = []
    for email, password in (learner, ("trainer@school.example", "demo-trainer")):
        context = browser.new_context(viewport=DESKTOP, locale="en")
        contexts.append(context)
        found = watch(context)
        violations.append(found)
        page = context.new_page()
        log_in(page, daphne_site.url, email, password, "en")
        page.goto(f"{daphne_site.url}/en{CLASSROOM}")
        page.get_by_text("Connected.").wait_for()
        pages.append(page)
    student, trainer = pages

    trainer.get_by_label("Message").fill("Welcome to the class")
    trainer.get_by_role("button", name="Send").click()
    student.get_by_text("Welcome to the class").wait_for()
    assert settled(student, violations[0]) == []
    assert settled(trainer, violations[1]) == []
    for context in contexts:
        context.close()

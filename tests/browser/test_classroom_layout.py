"""The live classroom on a 360 px phone and on the trainer's desktop: nothing spills
sideways, the composer stays at hand, moderation is a row of named buttons, polls
show bars with counts, hands queue in order, and a reader who scrolled up stays
where they are."""

import itertools
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import serious_violations
from tests.browser.walk import CLASSROOM

pytestmark = pytest.mark.browser
SESSION_ID = int(re.search(r"\d+", CLASSROOM)[0])
_classmates = itertools.count()
# What a screen reader would call the focused element (enough for these controls).
FOCUSED_NAME = """() => {
  const element = document.activeElement;
  return element.getAttribute("aria-label")
    || (element.labels && element.labels[0] && element.labels[0].textContent.trim())
    || element.textContent.trim();
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture
def trainer(browser, daphne_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, daphne_site.url, "trainer@school.example", "demo-trainer", "en")
    page.goto(f"{daphne_site.url}/en{CLASSROOM}")
    page.get_by_text("Connected.").wait_for()
    yield page
    context.close()


@pytest.fixture
def classmate(learner, django_db_blocker):
    """A second learner in the same course: (email, password)."""
    from lms_courses.models import CoursePage
    from lms_courses.progress import enrol
    from tests.factories import UserFactory

    with django_db_blocker.unblock():
        user = UserFactory(
            email=f"classmate{next(_classmates)}@school.example",
            preferred_language="",
        )
        enrol(
            user,
            CoursePage.objects.get(
                slug="global-compact-for-migration", locale__language_code="az"
            ),
        )
    return user.email, "correct horse 42"


def enter(page, site, who):
    log_in(page, site.url, *who, language="en")
    page.goto(f"{site.url}/en{CLASSROOM}")
    page.get_by_text("Connected.").wait_for()


def full_name(email: str) -> str:
    from accounts.models import User

    user = User.objects.get(email=email)
    return user.get_full_name() or user.email


def say(page, text: str, kind: str = "Send"):
    page.get_by_label("Message").fill(text)
    page.get_by_role("button", name=kind, exact=True).click()


def test_on_a_phone_nothing_spills_sideways_and_the_composer_stays_at_the_bottom(
    daphne_site, phone, learner
):
    enter(phone, daphne_site, learner)
    say(phone, "Salam! Ə, ğ, ı, ö, ş, ü, ç 👋 " + "uzun" * 40)
    last = phone.locator('[data-feed="chat"] > li').last
    expect(last).to_contain_text("Salam!")

    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    composer = phone.locator("form[data-say]")
    box = composer.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(740, abs=1)
    # The page keeps room for the composer: the end of the page and the last
    # message, brought into view, are above it, not under it.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer = phone.locator("footer").last.bounding_box()
    assert footer["y"] + footer["height"] <= composer.bounding_box()["y"] + 1
    last.evaluate("element => element.scrollIntoView({block: 'end'})")
    message = last.bounding_box()
    assert message["y"] + message["height"] <= composer.bounding_box()["y"] + 1


def test_moderation_buttons_are_named_for_whom_and_follow_each_message_by_tab(
    daphne_site, page, learner, trainer, orm
):
    enter(page, daphne_site, learner)
    say(page, "Is the permit free of charge?")
    name = full_name(learner[0])
    entry = trainer.locator('[data-feed="chat"] > li', has_text="free of charge").last
    hide = entry.get_by_role("button", name=f"Hide the post by {name}")
    expect(hide).to_have_text("Hide")
    expect(entry.get_by_role("button", name=f"Mute {name}")).to_have_text("Mute")
    # Never words run together: the buttons sit apart, below the message.
    buttons = entry.locator(".actions button")
    first, second = buttons.nth(0).bounding_box(), buttons.nth(1).bounding_box()
    assert second["x"] >= first["x"] + first["width"] + 4
    assert first["y"] >= entry.locator(".text").bounding_box()["y"]

    hide.focus()
    names = [trainer.evaluate(FOCUSED_NAME)]
    for _ in range(5):
        trainer.keyboard.press("Tab")
        names.append(trainer.evaluate(FOCUSED_NAME))
    assert names == [
        f"Hide the post by {name}",
        f"Mute {name}",
        "Message",
        "Send",
        "Ask a question",
        "Raise hand",
    ]


def test_a_poll_shows_a_bar_with_the_count_and_share_of_each_choice(
    daphne_site, page, learner, classmate, trainer
):
    trainer.get_by_label("Question", exact=True).fill("Which office do you visit?")
    trainer.get_by_label("Choices, one per line").fill("ASAN\nDMX\nNeither")
    trainer.get_by_role("button", name="Open the poll").click()
    poll = trainer.locator(".poll", has_text="Which office do you visit?").first
    for who, choice in ((learner, "DMX"), (classmate, "DMX")):
        enter(page, daphne_site, who)
        page.locator(".poll", has_text="Which office").first.get_by_role(
            "button", name=choice, exact=True
        ).click()
        page.get_by_text("Your vote is counted.").wait_for()
        page.context.clear_cookies()

    rows = poll.locator(".poll__choices > li")
    expect(rows.nth(1)).to_contain_text("2 votes")
    expect(rows.nth(1)).to_contain_text("100%")
    expect(rows.nth(1).locator("meter")).to_have_attribute("value", "2")
    expect(rows.nth(0)).to_contain_text("0 votes")
    expect(rows.nth(0).locator("meter")).to_have_attribute("value", "0")


def test_raised_hands_queue_in_the_order_they_were_raised(
    daphne_site, browser, page, learner, classmate, trainer, orm
):
    other = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    enter(page, daphne_site, learner)
    enter(other, daphne_site, classmate)
    first, second = full_name(classmate[0]), full_name(learner[0])
    other.get_by_role("button", name="Raise hand").click()
    trainer.locator("[data-hands] > li", has_text=first).wait_for()
    page.get_by_role("button", name="Raise hand").click()
    trainer.locator("[data-hands] > li", has_text=second).wait_for()

    def queue():
        return [
            name
            for line in trainer.locator("[data-hands] > li").all_inner_texts()
            for name in (first, second)
            if name in line
        ]

    assert queue() == [first, second]
    expect(page.get_by_role("button", name="Lower my hand")).to_be_visible()
    trainer.get_by_role("button", name=f"Lower the hand of {first}").click()
    expect(trainer.locator("[data-hands] > li", has_text=first)).to_have_count(0)
    assert queue() == [second]
    other.context.close()


def test_a_reader_who_scrolled_up_is_not_pulled_down_by_a_new_message(
    daphne_site, phone, learner, trainer, orm
):
    from accounts.models import User
    from lms_live.classroom import act

    teacher = User.objects.get(email="trainer@school.example")
    for number in range(25):
        message = {"type": "chat", "text": f"Earlier note {number}", "ref": None}
        act(SESSION_ID, teacher, "trainer", message)
    enter(phone, daphne_site, learner)
    feed = phone.locator('[data-feed="chat"]')
    feed.locator("li", has_text="Earlier note 24").wait_for()
    feed.evaluate("element => element.scrollIntoView({block: 'end'})")
    expect(feed.locator("li", has_text="Earlier note 24")).to_be_in_viewport()

    feed.evaluate("element => { element.scrollTop = 0; }")
    say(trainer, "A note while you read")
    jump = phone.get_by_role("button", name="New messages")
    expect(jump).to_be_visible()
    assert feed.evaluate("element => element.scrollTop") == 0
    jump.click()
    expect(feed.locator("li", has_text="A note while you read")).to_be_in_viewport()
    expect(jump).to_be_hidden()


def test_a_busy_classroom_has_no_serious_accessibility_problems(
    daphne_site, page, learner, trainer
):
    enter(page, daphne_site, learner)
    say(page, "Where do I renew a residence permit?", kind="Ask a question")
    page.get_by_role("button", name="Raise hand").click()
    trainer.get_by_label("Question", exact=True).fill("Have you applied before?")
    trainer.get_by_label("Choices, one per line").fill("Yes, once\nNot yet")
    trainer.get_by_role("button", name="Open the poll").click()
    page.locator(".poll", has_text="applied before").first.get_by_role(
        "button", name="Yes, once"
    ).click()
    trainer.locator("[data-hands] > li").first.wait_for()
    page.get_by_text("Your vote is counted.").wait_for()
    assert serious_violations(trainer) == []
    # Scrolled to the end, nothing lies under the phone's composer.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert serious_violations(page) == []
    # Answered, the question keeps out of the way of the tier's other classes.
    question = trainer.locator("[data-questions] > li", has_text="renew a residence")
    question.get_by_role("button", name="Answered").click()
    expect(question).to_have_class(re.compile("answered"))

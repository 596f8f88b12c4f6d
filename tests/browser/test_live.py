"""A trainer and a student share the demo's live class in two browsers: a question,
a poll, a reconnect after the server drops everyone, and a frame lost on an open
socket."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.walk import CLASSROOM

pytestmark = pytest.mark.browser


@pytest.fixture
def trainer_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def trainer_page(trainer_context, daphne_site):
    page = trainer_context.new_page()
    log_in(page, daphne_site.url, "trainer@school.example", "demo-trainer", "en")
    return page


def test_trainer_and_student_share_a_class_and_survive_a_reconnect(
    daphne_site, page, learner, trainer_page
):
    log_in(page, daphne_site.url, *learner, language="en")
    for who in (page, trainer_page):
        who.goto(f"{daphne_site.url}/en{CLASSROOM}")
        who.get_by_text("Connected.").wait_for()
    # Who is present: the full list on joining, then arrivals and departures.
    for who in (page, trainer_page):
        expect(who.locator("[data-people] > li")).to_have_count(2)
    page.goto("about:blank")  # the student steps out, and comes back
    expect(trainer_page.locator("[data-people] > li")).to_have_count(1)
    page.goto(f"{daphne_site.url}/en{CLASSROOM}")
    expect(trainer_page.locator("[data-people] > li")).to_have_count(2)

    page.get_by_label("Message").fill("What documents does a work permit need?")
    page.get_by_role("button", name="Ask a question").click()
    trainer_page.get_by_text("What documents does a work permit need?").wait_for()
    # Q&A: the most upvoted question comes first, an answered one goes last.
    page.get_by_label("Message").fill("Can a family member apply too?")
    page.get_by_role("button", name="Ask a question").click()
    questions = trainer_page.locator("[data-questions] > li")
    questions.nth(1).filter(has_text="Can a family member apply too?").wait_for()
    page.locator("[data-questions] > li", has_text="family member").get_by_role(
        "button", name="Upvote"
    ).click()
    questions.first.filter(has_text="Can a family member apply too?").wait_for()
    questions.first.get_by_role("button", name="Answered").click()
    questions.nth(1).filter(has_text="Can a family member apply too?").wait_for()

    trainer_page.get_by_label("Question", exact=True).fill("Is the GCM binding?")
    trainer_page.get_by_label("Choices, one per line").fill("Yes\nNo")
    trainer_page.get_by_role("button", name="Open the poll").click()
    page.get_by_role("button", name="No", exact=True).click()
    trainer_page.locator("[data-feed] .count").nth(1).filter(has_text="1").wait_for()

    daphne_site.stop()  # every socket drops
    daphne_site.start()
    trainer_page.get_by_text("Connected.").wait_for(timeout=30000)
    trainer_page.get_by_label("Message").fill("Welcome back, everyone")
    trainer_page.get_by_role("button", name="Send").click()
    page.get_by_text("Welcome back, everyone").wait_for(timeout=30000)
    # Nothing shown twice after the reconnect.
    assert page.get_by_text("What documents does a work permit need?").count() == 1


def test_a_live_message_that_overtakes_the_replay_waits_for_it(
    daphne_site, page, learner, trainer_page
):
    """After (re)connecting, the room's live events can reach the page before the
    replay of what it missed: the page still shows everything once, in order."""
    trainer_page.goto(f"{daphne_site.url}/en{CLASSROOM}")
    trainer_page.get_by_text("Connected.").wait_for()
    for text in ("Overtaken one", "Overtaken two"):
        trainer_page.get_by_label("Message").fill(text)
        trainer_page.get_by_role("button", name="Send").click()
        trainer_page.get_by_text(text).wait_for()

    held = []  # what the server replays, kept back until the live message passed it

    def route(socket):
        server = socket.connect_to_server()

        def from_server(message):
            if "Overtaking three" in message:
                socket.send(message)
                for frame in held:
                    socket.send(frame)
                held.clear()
            elif '"event"' in message or '"replayed"' in message:
                held.append(message)
            else:
                socket.send(message)

        server.on_message(from_server)

    page.route_web_socket(re.compile(r"/ws/live/"), route)
    log_in(page, daphne_site.url, *learner, language="en")
    page.goto(f"{daphne_site.url}/en{CLASSROOM}")
    page.get_by_text("Connected.").wait_for()
    for _ in range(200):  # until the whole replay is held back
        if any('"replayed"' in frame for frame in held):
            break
        page.wait_for_timeout(50)
    assert any('"replayed"' in frame for frame in held), "no replay to hold back"
    trainer_page.get_by_label("Message").fill("Overtaking three")
    trainer_page.get_by_role("button", name="Send").click()

    page.get_by_text("Overtaking three").wait_for()
    shown = page.locator("[data-feed] > li").all_inner_texts()
    ours = [line for line in shown if "Overtak" in line]
    assert [line.split(": ", 1)[1] for line in ours] == [
        "Overtaken one",
        "Overtaken two",
        "Overtaking three",
    ]


def test_a_frame_lost_on_an_open_socket_is_asked_for_without_reconnecting(
    page, learner, trainer_context, orm, start_daphne
):
    """The server's test hook drops, for every socket, the first frame of one event
    (``LMS_LIVE_TEST_DROP_SEQ``, read when daphne starts, so this test starts its own):
    the page sees the gap when the next event comes, waits a second, asks for it with
    ``hello`` on the same socket, and shows both in order."""
    from lms_live.classroom import last_sequence
    from lms_live.models import LiveEvent

    session_id = int(re.search(r"\d+", CLASSROOM)[0])
    # Nothing else writes to the session meanwhile: the first chat below takes the
    # next number, and the second one the number dropped.
    dropped = last_sequence(session_id) + 2
    site = start_daphne(LMS_LIVE_TEST_DROP_SEQ=str(dropped))

    sockets, sent = [], []

    def watch(socket):
        sockets.append(socket)
        socket.on("framesent", lambda payload: sent.append(json.loads(payload)))

    page.on("websocket", watch)
    log_in(page, site.url, *learner, language="en")
    page.goto(f"{site.url}/en{CLASSROOM}")
    trainer = trainer_context.new_page()
    log_in(trainer, site.url, "trainer@school.example", "demo-trainer", "en")
    trainer.goto(f"{site.url}/en{CLASSROOM}")
    for who in (page, trainer):
        who.get_by_text("Connected.").wait_for()

    def say(text):
        trainer.get_by_label("Message").fill(text)
        trainer.get_by_role("button", name="Send").click()

    say("Before the gap")
    page.get_by_text("Before the gap").wait_for()
    say("Lost in the gap")
    stored = LiveEvent.objects.filter(session_id=session_id, sequence=dropped)
    for _ in range(100):
        if stored.exists():
            break
        page.wait_for_timeout(50)
    assert stored.get().payload["text"] == "Lost in the gap"
    # Stored, and long since sent to the room's sockets (alone, not in one batch with
    # the next event), but the hook dropped it: nothing else brings it.
    page.wait_for_timeout(300)
    expect(page.get_by_text("Lost in the gap")).to_have_count(0)
    say("After the gap")

    # A second for the page to give up waiting, then one round trip: well before it
    # would ask a second time (two seconds later).
    expect(page.locator("[data-feed] > li", has_text="the gap")).to_have_text(
        [
            re.compile("Before the gap$"),
            re.compile("Lost in the gap$"),
            re.compile("After the gap$"),
        ],
        timeout=2000,
    )
    assert {"v": 1, "type": "hello", "since": dropped - 1} in sent
    assert len(sockets) == 1, "the page reconnected instead of asking"

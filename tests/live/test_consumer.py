"""The classroom socket, message by message, as Channels' own tests do it."""

import datetime
import json

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from lms_live import classroom, protocol
from lms_live.models import Attendance, LiveEvent, Vote
from lms_live.routing import websocket_urlpatterns

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
APP = URLRouter(websocket_urlpatterns)


async def connect(session, user):
    communicator = WebsocketCommunicator(APP, f"/ws/live/{session.pk}/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def joined(session, user):
    """Connect and read past the welcome and presence frames.

    The room may hand on a change of presence gathered just before this socket joined
    (an earlier arrival) ahead of them: the full list that follows already holds it.
    """
    communicator = await connect(session, user)
    kinds = [(await receive(communicator))["type"] for _ in range(2)]
    while "presence_diff" in kinds:
        kinds.remove("presence_diff")
        kinds.append((await receive(communicator))["type"])
    assert sorted(kinds) == ["presence", "welcome"]
    return communicator


async def receive(communicator, timeout=1):
    """The next frame, as the page reads it: a batch's frames one by one."""
    waiting = communicator.__dict__.setdefault("waiting", [])
    if not waiting:
        frame = await communicator.receive_json_from(timeout=timeout)
        waiting += frame["frames"] if frame["type"] == "batch" else [frame]
    return waiting.pop(0)


async def send(communicator, kind, **fields):
    await communicator.send_to(text_data=json.dumps({"v": 1, "type": kind, **fields}))


async def events_within(communicator, seconds):
    """The stored events received within ``seconds``; presence changes aside."""
    events = []
    while communicator.__dict__.get("waiting") or not (
        await communicator.receive_nothing(timeout=seconds)
    ):
        frame = await receive(communicator)
        if frame["type"] == "event":
            events.append(frame)
    return events


async def not_presence(communicator):
    """The next frame that is not a change of who is present."""
    while (frame := await receive(communicator, timeout=3))["type"] == "presence_diff":
        pass
    return frame


async def next_of(communicator, kind):
    """The next frame of ``kind``, skipping presence updates."""
    for _ in range(10):
        frame = await receive(communicator, timeout=3)
        if frame["type"] == kind or frame.get("kind") == kind:
            return frame
    raise AssertionError(f"no {kind} frame")


async def test_someone_who_may_not_attend_is_closed_with_a_code(live_session, outsider):
    refused = await connect(live_session, outsider)
    assert (await refused.receive_output())["code"] == 4403

    from django.contrib.auth.models import AnonymousUser

    anonymous = await connect(live_session, AnonymousUser())
    assert (await anonymous.receive_output())["code"] == 4401


async def test_chat_is_stored_then_broadcast_to_everyone(
    live_session, enrolled, classmate
):
    alice = await joined(live_session, enrolled)
    bob = await joined(live_session, classmate)
    await send(alice, "chat", text="Salam!")
    for communicator in (alice, bob):
        frame = await next_of(communicator, "chat")
        assert frame["data"]["text"] == "Salam!"
        assert frame["seq"] == 1
    assert await LiveEvent.objects.acount() == 1
    await alice.disconnect()
    await bob.disconnect()


async def after_three_messages(session, trainer, student):
    """The trainer says "one", "two", "three"; then a student joins."""
    teacher = await joined(session, trainer)
    for text in ("one", "two", "three"):
        await send(teacher, "chat", text=text)
        await next_of(teacher, "chat")
    return teacher, await joined(session, student)


async def test_a_reconnecting_client_gets_exactly_what_it_missed(
    live_session, enrolled, trainer
):
    teacher, student = await after_three_messages(live_session, trainer, enrolled)
    await send(student, "hello", since=1)
    replayed = [await next_of(student, "chat") for _ in range(2)]
    assert [(f["seq"], f["data"]["text"]) for f in replayed] == [
        (2, "two"),
        (3, "three"),
    ]
    assert await events_within(student, 0.3) == []  # no duplicates
    await teacher.disconnect()
    await student.disconnect()


async def test_a_long_history_is_replayed_in_parts_each_ending_with_replayed(
    live_session, enrolled, trainer, monkeypatch
):
    monkeypatch.setattr(classroom, "REPLAY_LIMIT", 2)
    teacher, student = await after_three_messages(live_session, trainer, enrolled)

    await send(student, "hello", since=0)
    first = [await not_presence(student) for _ in range(3)]
    assert [f.get("seq") for f in first] == [1, 2, None]
    assert first[2] == {"v": 1, "type": "replayed", "last": 2, "more": True}
    await send(student, "hello", since=2)
    rest = [await not_presence(student) for _ in range(2)]
    assert rest[0]["data"]["text"] == "three"
    assert rest[1] == {"v": 1, "type": "replayed", "last": 3, "more": False}
    await send(student, "hello", since=3)
    assert await next_of(student, "replayed") == {
        "v": 1,
        "type": "replayed",
        "last": 3,
        "more": False,
    }
    await teacher.disconnect()
    await student.disconnect()


async def test_questions_are_upvoted_once_and_answered_by_the_trainer(
    live_session, enrolled, classmate, trainer
):
    teacher = await joined(live_session, trainer)
    asker = await joined(live_session, enrolled)
    voter = await joined(live_session, classmate)
    await send(asker, "ask", text="What is a single window?")
    question = await next_of(voter, "question")
    await send(voter, "upvote", question=question["seq"])
    assert (await next_of(teacher, "upvote"))["data"]["votes"] == 1
    await send(voter, "upvote", question=question["seq"])
    assert (await next_of(voter, "error"))["code"] == "already_voted"
    await send(asker, "answered", question=question["seq"])
    assert (await next_of(asker, "error"))["code"] == "trainers_only"
    await send(teacher, "answered", question=question["seq"])
    assert (await next_of(voter, "answered"))["data"] == {"question": question["seq"]}
    for communicator in (teacher, asker, voter):
        await communicator.disconnect()


async def test_polls_count_each_vote_once_and_close(live_session, enrolled, trainer):
    teacher = await joined(live_session, trainer)
    student = await joined(live_session, enrolled)
    await send(teacher, "poll_open", question="Ready?", choices=["Yes", "No"])
    poll = await next_of(student, "poll_opened")
    await send(student, "vote", poll=poll["seq"], choice=0)
    assert (await next_of(teacher, "tally"))["data"]["counts"] == [1, 0]
    await send(student, "vote", poll=poll["seq"], choice=1)
    assert (await next_of(student, "error"))["code"] == "already_voted"
    await send(teacher, "poll_close", poll=poll["seq"], reveal=True)
    closed = await next_of(student, "poll_closed")
    assert closed["data"] == {"poll": poll["seq"], "counts": [1, 0], "revealed": True}
    await send(student, "vote", poll=poll["seq"], choice=0)
    assert (await next_of(student, "error"))["code"] == "poll_closed"
    assert await Vote.objects.acount() == 1
    await teacher.disconnect()
    await student.disconnect()


async def test_hands_agenda_hide_and_mute(live_session, enrolled, trainer):
    teacher = await joined(live_session, trainer)
    student = await joined(live_session, enrolled)
    await send(student, "hand", raised=True)
    assert (await next_of(teacher, "hand"))["data"]["raised"] is True
    await next_of(student, "hand")  # the student sees their own hand up
    await send(teacher, "lower_hand", user=enrolled.pk)
    assert (await next_of(student, "hand"))["data"] == {
        "user": enrolled.pk,
        "raised": False,
    }
    await send(teacher, "agenda", item=0)
    agenda = await next_of(student, "agenda")
    assert agenda["data"]["title"] == "Single window"
    await send(student, "chat", text="spam")
    spam = await next_of(teacher, "chat")
    await send(teacher, "hide", event=spam["seq"])
    assert (await next_of(student, "hidden"))["data"] == {"event": spam["seq"]}
    await send(teacher, "mute", user=enrolled.pk, muted=True)
    await next_of(student, "muted")
    await send(student, "chat", text="again")
    assert (await next_of(student, "error"))["code"] == "muted"
    await send(teacher, "mute", user=enrolled.pk, muted=False)
    await next_of(student, "muted")
    await send(student, "chat", text="sorry")
    assert (await next_of(teacher, "chat"))["data"]["text"] == "sorry"
    await teacher.disconnect()
    await student.disconnect()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not json", "bad_json"),
        ("[1, 2]", "bad_json"),
        ('{"v": 2, "type": "chat", "text": "x"}', "bad_version"),
        ('{"v": 1, "type": "websocket.disconnect"}', "unknown_type"),
        ('{"v": 1, "type": "live.broadcast", "frame": {}}', "unknown_type"),
        ('{"v": 1, "type": "live_end"}', "unknown_type"),
        ('{"v": 1, "type": "chat"}', "bad_field"),
        ('{"v": 1, "type": "chat", "text": 5}', "bad_field"),
        ('{"v": 1, "type": "vote", "poll": true, "choice": 0}', "bad_field"),
        ('{"v": 1, "type": "chat", "text": "' + "x" * 1001 + '"}', "too_long"),
        ('{"v": 1, "type": "chat", "text": "' + "x" * 5000 + '"}', "too_large"),
        ('{"v": 1, "type": "vote", "poll": 999, "choice": 0}', "not_found"),
        ('{"v": 1, "type": "end"}', "trainers_only"),
        ('{"v": 1, "type": "check_in", "code": "000000"}', "bad_code"),
        # PostgreSQL stores no NUL, and no lone surrogate is valid UTF-8.
        ('{"v": 1, "type": "chat", "text": "Salam\\u0000"}', "bad_character"),
        ('{"v": 1, "type": "ask", "text": "\\u0000 why?"}', "bad_character"),
        ('{"v": 1, "type": "chat", "text": "broken \\ud800"}', "bad_character"),
        ('{"v": 1, "type": "check_in", "code": "00\\u00000"}', "bad_character"),
        ('{"v": 1, "type": "hand", "raised": true, "x\\u0000": 1}', "bad_character"),
        ('{"v": 1, "type": "chat", "text": "hi", "ref": "\\u0000"}', "bad_character"),
        ('{"v": 1, "type": "chat", "text": "a\x00b"}', "bad_json"),  # unescaped
        ('{"v": 1, "x": ' + "[" * 2000 + "]" * 2000 + "}", "bad_json"),  # too deep
        ('{"v": 1, "type": "chat", "x": ' + "[" * 900 + "]" * 900 + "}", "bad_field"),
        # Numbers no database column holds.
        ('{"v": 1, "type": "hello", "since": ' + "9" * 30 + "}", "bad_field"),
        ('{"v": 1, "type": "upvote", "question": ' + "9" * 30 + "}", "bad_field"),
        (
            '{"v": 1, "type": "vote", "poll": 1, "choice": -' + "9" * 30 + "}",
            "bad_field",
        ),
    ],
)
async def test_bad_messages_get_an_error_frame_and_store_nothing(
    live_session, enrolled, text, code
):
    student = await joined(live_session, enrolled)
    await student.send_to(text_data=text)
    error = await next_of(student, "error")
    assert error["code"] == code
    assert await LiveEvent.objects.acount() == 0
    await send(student, "chat", text="still here")  # the connection stays usable
    assert (await next_of(student, "chat"))["data"]["text"] == "still here"
    await student.disconnect()


async def test_a_student_in_the_room_checks_in_with_the_current_code(
    live_session, enrolled
):
    student = await joined(live_session, enrolled)
    await send(student, "check_in", code=classroom.check_in_code(live_session.pk))
    await next_of(student, "checked_in")
    row = await Attendance.objects.aget(session=live_session, user=enrolled)
    assert row.checked_in_at is not None
    await student.disconnect()


async def test_a_poll_with_nul_in_its_question_or_choices_is_refused(
    live_session, trainer
):
    teacher = await joined(live_session, trainer)
    for fields in (
        {"question": "Ready?\x00", "choices": ["Yes", "No"]},
        {"question": "Ready?", "choices": ["Yes", "N\x00o"]},
    ):
        await send(teacher, "poll_open", ref="p", **fields)
        error = await next_of(teacher, "error")
        assert (error["code"], error["ref"]) == ("bad_character", "p")
    await send(teacher, "poll_open", question="Ready?", choices=["Yes", "No"])
    assert (await next_of(teacher, "poll_opened"))["data"]["question"] == "Ready?"
    assert await LiveEvent.objects.acount() == 1
    await teacher.disconnect()


async def test_a_one_mebibyte_message_closes_the_socket_before_it_is_read(
    live_session, enrolled
):
    """However daphne was started (its own limit is 1 MiB unless told 64 KiB), the
    consumer closes a socket that sends more than a live message could need."""
    student = await joined(live_session, enrolled)
    text = '{"v": 1, "type": "chat", "text": "' + "x" * 1024 * 1024 + '"}'
    await student.send_to(text_data=text)
    closed = await student.receive_output(timeout=3)
    while closed["type"] != "websocket.close":
        assert closed["type"] == "websocket.send"
        assert json.loads(closed["text"])["type"] == "presence_diff"
        closed = await student.receive_output(timeout=3)
    assert closed["code"] == protocol.CLOSE_TOO_LARGE
    assert await LiveEvent.objects.acount() == 0


async def test_a_binary_message_over_the_limit_closes_the_socket_too(
    live_session, enrolled
):
    student = await joined(live_session, enrolled)
    await student.send_to(bytes_data=b"x" * (protocol.MAX_MESSAGE_BYTES + 1))
    for _ in range(5):
        frame = await student.receive_output(timeout=3)
        if frame["type"] == "websocket.close":
            assert frame["code"] == protocol.CLOSE_TOO_LARGE
            return
    raise AssertionError("not closed")


async def test_after_twenty_wrong_codes_even_the_right_one_waits(
    live_session, enrolled, settings
):
    settings.LMS_LIVE_FLOOD_LIMIT = (100, 5.0)
    student = await joined(live_session, enrolled)
    for _ in range(20):
        await send(student, "check_in", code="12345")
        assert (await next_of(student, "error"))["code"] == "bad_code"
    await send(student, "check_in", code=classroom.check_in_code(live_session.pk))
    assert (await next_of(student, "error"))["code"] == "too_many_codes"
    row = await Attendance.objects.aget(session=live_session, user=enrolled)
    assert row.checked_in_at is None
    await student.disconnect()


async def test_online_presence_is_recorded_on_join_and_leave(live_session, enrolled):
    student = await joined(live_session, enrolled)
    row = await Attendance.objects.aget(session=live_session, user=enrolled)
    assert (row.connections, row.first_joined_at is not None) == (1, True)
    await student.disconnect()
    row = await Attendance.objects.aget(session=live_session, user=enrolled)
    assert row.connections == 0 and row.connected_since is None


async def test_flooding_is_refused_then_disconnected(live_session, enrolled, settings):
    settings.LMS_LIVE_FLOOD_LIMIT = (3, 10.0)
    student = await joined(live_session, enrolled)
    for _ in range(4):
        await send(student, "chat", text="flood")
    assert (await next_of(student, "error"))["code"] == "rate_limited"
    for _ in range(3):
        await send(student, "chat", text="flood")
    closed = None
    for _ in range(20):
        frame = await student.receive_output(timeout=3)
        if frame["type"] == "websocket.close":
            closed = frame
            break
    assert closed["code"] == 4429
    assert await LiveEvent.objects.acount() == 3


async def test_ending_the_session_closes_every_connection(
    live_session, enrolled, trainer
):
    teacher = await joined(live_session, trainer)
    student = await joined(live_session, enrolled)
    await send(teacher, "end")
    await next_of(student, "ended")
    for _ in range(5):
        frame = await student.receive_output(timeout=3)
        if frame["type"] == "websocket.close":
            assert frame["code"] == 4410
            break
    late = await connect(live_session, enrolled)
    assert (await late.receive_output())["code"] == 4410


async def test_a_user_who_loses_access_is_disconnected(
    live_session, enrolled, settings
):
    from lms_courses.models import Enrolment

    settings.LMS_LIVE_RECHECK_SECONDS = 0.2
    student = await joined(live_session, enrolled)
    await Enrolment.objects.filter(user=enrolled).aupdate(status="withdrawn")
    for _ in range(10):
        frame = await student.receive_output(timeout=3)
        if frame["type"] == "websocket.close":
            assert frame["code"] == 4403
            return
    raise AssertionError("not disconnected")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a> javascript:alert(1)',
        '<img src=x onerror="alert(1)">',
    ],
)
async def test_chat_is_plain_text_with_only_safe_links(live_session, enrolled, text):
    student = await joined(live_session, enrolled)
    await send(student, "chat", text=text + " see https://iom.int/gcm")
    html = (await next_of(student, "chat"))["data"]["html"]
    assert "<script" not in html and "<img" not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert 'href="javascript' not in html
    assert '<a href="https://iom.int/gcm" rel="nofollow">' in html
    await student.disconnect()


async def test_everyone_sees_who_is_present(live_session, enrolled, classmate):
    """A newcomer gets the full list; the room hears only of arrivals and departures."""
    alice = await joined(live_session, enrolled)
    alice_entry = {"id": enrolled.pk, "name": str(enrolled.get_full_name())}
    assert (await next_of(alice, "presence_diff"))["joined"] == [alice_entry]
    bob = await connect(live_session, classmate)
    bob_entry = {"id": classmate.pk, "name": str(classmate.get_full_name())}
    frames = [await receive(bob) for _ in range(2)]
    assert frames[1]["people"] == sorted(
        [alice_entry, bob_entry], key=lambda person: person["name"]
    )
    assert await next_of(alice, "presence_diff") == {
        "v": 1,
        "type": "presence_diff",
        "joined": [bob_entry],
        "left": [],
    }
    await bob.disconnect()
    assert (await next_of(alice, "presence_diff"))["left"] == [classmate.pk]
    await alice.disconnect()


async def test_a_person_whose_server_stopped_is_counted_out(
    settings, live_session, enrolled, classmate
):
    """Nobody says goodbye for a student whose daphne was killed: the room counts
    them out once they have not been heard from for too long."""
    from lms_live import conf

    settings.LMS_LIVE_RECHECK_SECONDS = 0.2
    alice = await joined(live_session, enrolled)
    # Last heard from just before going stale: the room's next checks count them out.
    seen = timezone.now() - datetime.timedelta(seconds=conf.stale_seconds() - 0.1)
    await Attendance.objects.acreate(
        session=live_session, user=classmate, connections=1, last_seen_at=seen
    )
    for _ in range(10):
        frame = await next_of(alice, "presence_diff")
        if frame["left"]:
            break
    assert frame["left"] == [classmate.pk]
    await alice.disconnect()


async def test_an_open_connection_keeps_telling_it_is_there(
    settings, live_session, enrolled
):
    import asyncio

    from lms_live.models import Attendance

    settings.LMS_LIVE_RECHECK_SECONDS = 0.1
    student = await joined(live_session, enrolled)
    first = (await Attendance.objects.aget(user=enrolled)).last_seen_at
    await asyncio.sleep(0.5)
    assert (await Attendance.objects.aget(user=enrolled)).last_seen_at > first
    await student.disconnect()


async def test_a_message_the_busy_database_could_not_store_is_refused_with_its_ref(
    live_session, enrolled
):
    from unittest import mock

    from django.db import OperationalError

    student = await joined(live_session, enrolled)
    busy = OperationalError("No database connection came free in 10 s")
    with mock.patch.object(classroom, "act", side_effect=busy):
        await send(student, "chat", text="hi", ref="m1")
        error = await next_of(student, "error")
    assert (error["code"], error["ref"]) == ("busy", "m1")
    assert "yenidən göndərin" in error["message"]  # in the default language, az
    assert await LiveEvent.objects.acount() == 0
    # The socket stays open, and the same message goes through once there is room.
    await send(student, "chat", text="hi")
    assert (await next_of(student, "chat"))["data"]["text"] == "hi"
    await student.disconnect()

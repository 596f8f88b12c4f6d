"""How ``classroom.act`` stores what is said: the same on SQLite and PostgreSQL (the
services tier runs these on PostgreSQL), and on PostgreSQL in a single statement."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms_live import classroom
from lms_live.models import LiveEvent, LiveSession
from lms_live.protocol import ProtocolError
from tests.factories import UserFactory


def chat(session, user, text, kind="chat"):
    message = {"type": kind, "text": text, "ref": "r1"}
    return classroom.act(session.pk, user, "student", message)


def numbers(session):
    return list(
        LiveEvent.objects.filter(session=session)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )


def test_what_is_said_is_stored_under_the_next_number_and_told_as_stored(
    live_session, enrolled, trainer
):
    classroom.act(
        live_session.pk,
        trainer,
        "trainer",
        {"type": "poll_open", "question": "Ready?", "choices": ["Yes", "No"]},
    )
    said = chat(live_session, enrolled, "Salam <b>hamıya</b> https://iom.int/gcm")
    asked = chat(live_session, enrolled, "What is GCM objective 11?", kind="ask")

    stored = LiveEvent.objects.get(session=live_session, sequence=2)
    assert said.room == [classroom.event_frame(stored)]
    assert stored.kind == "chat"
    assert stored.author == enrolled
    assert stored.payload["text"] == "Salam <b>hamıya</b> https://iom.int/gcm"
    assert "&lt;b&gt;" in stored.payload["html"]
    assert '<a href="https://iom.int/gcm" rel="nofollow">' in stored.payload["html"]
    assert asked.room[0]["seq"] == 3
    assert asked.room[0]["kind"] == "question"
    live_session.refresh_from_db()
    assert live_session.last_sequence == 3


def test_a_muted_student_is_refused_and_nothing_is_stored(
    live_session, enrolled, trainer
):
    mute = {"type": "mute", "user": enrolled.pk, "muted": True}
    classroom.act(live_session.pk, trainer, "trainer", mute)

    with pytest.raises(ProtocolError) as refused:
        chat(live_session, enrolled, "Can you hear me?")

    assert refused.value.code == "muted"
    assert numbers(live_session) == [1]
    assert LiveSession.objects.get(pk=live_session.pk).last_sequence == 1
    # Others still speak, under the next number.
    assert chat(live_session, trainer, "I can.").room[0]["seq"] == 2


def test_nothing_is_said_once_the_session_has_ended(live_session, enrolled):
    LiveSession.objects.filter(pk=live_session.pk).update(ended_at=timezone.now())

    with pytest.raises(ProtocolError) as refused:
        chat(live_session, enrolled, "Anyone here?")

    assert refused.value.code == "session_ended"
    assert numbers(live_session) == []


@pytest.mark.postgres
def test_on_postgresql_a_chat_message_is_one_statement(live_session, enrolled):
    with CaptureQueriesContext(connection) as queries:
        chat(live_session, enrolled, "One round trip")

    assert len(queries) == 1
    assert numbers(live_session) == [1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_students_chatting_at_once_get_twenty_numbers_in_a_row(
    live_session, school
):
    from tests.conftest import enrol

    students = [UserFactory() for _ in range(20)]
    for student in students:
        enrol(student, school["course"])
    barrier = Barrier(len(students))

    def say(student):
        try:
            barrier.wait()
            return chat(live_session, student, f"I am {student.pk}").room[0]["seq"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(students)) as pool:
        told = list(pool.map(say, students))

    assert sorted(told) == list(range(1, 21))
    assert numbers(live_session) == list(range(1, 21))
    stored = LiveEvent.objects.filter(session=live_session)
    assert {event.author_id for event in stored} == {s.pk for s in students}
    assert LiveSession.objects.get(pk=live_session.pk).last_sequence == 20

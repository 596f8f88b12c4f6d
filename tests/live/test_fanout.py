"""A session's room in one process: frames relayed once, batched when they pile up."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import InMemoryChannelLayer

from lms_live import fanout
from lms_live.protocol import BATCH_LIMIT, CLOSE_ENDED

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Socket:
    """Stands in for a consumer: records what the room hands it."""

    def __init__(self, session_id: int, layer, slow=False):
        self.session_id = session_id
        self.layer = layer
        self.slow = slow
        self.received: list[dict] = []
        self.closed_with = None

    async def send(self, text_data):
        self.received.append(json.loads(text_data))
        if self.slow:  # handing out a frame takes time: others move on meanwhile
            await asyncio.sleep(0)

    async def close(self, code):
        self.closed_with = code

    def frames(self) -> list[dict]:
        """What the page handles: each frame of a batch on its own."""
        flat = []
        for frame in self.received:
            flat += frame["frames"] if frame["type"] == "batch" else [frame]
        return flat


def event(seq: int) -> dict:
    return {"v": 1, "type": "event", "seq": seq, "kind": "chat", "data": {}}


async def settle():
    for _ in range(200):
        await asyncio.sleep(0)


async def test_one_frame_goes_out_alone():
    layer = InMemoryChannelLayer()
    sockets = [Socket(1, layer) for _ in range(3)]
    for socket in sockets:
        await fanout.enter(socket)
    await fanout.broadcast(layer, 1, [event(1)])
    await settle()
    for socket in sockets:
        assert socket.received == [event(1)]
        await fanout.leave(socket)


async def test_frames_that_pile_up_while_the_room_is_busy_go_out_as_batches():
    layer = InMemoryChannelLayer()
    sockets = [Socket(2, layer, slow=True) for _ in range(fanout.YIELD_EVERY)]
    for socket in sockets:
        await fanout.enter(socket)
    count = BATCH_LIMIT * 3
    # A burst: events come faster than the room hands them to its sockets.
    for first in range(1, count + 1, 10):
        await fanout.broadcast(
            layer, 2, [event(seq) for seq in range(first, first + 10)]
        )
        await asyncio.sleep(0)
    await settle()
    for socket in sockets:
        assert [frame["seq"] for frame in socket.frames()] == list(range(1, count + 1))
        assert len(socket.received) < count / 2
        assert all(
            len(frame.get("frames", [frame])) <= BATCH_LIMIT
            for frame in socket.received
        )
        await fanout.leave(socket)


async def test_the_end_closes_sockets_after_the_frames_before_it():
    layer = InMemoryChannelLayer()
    socket = Socket(3, layer)
    await fanout.enter(socket)
    await fanout.broadcast(layer, 3, [event(1), event(2)])
    await fanout.end(layer, 3)
    await settle()
    assert [frame["seq"] for frame in socket.frames()] == [1, 2]
    assert socket.closed_with == CLOSE_ENDED
    await fanout.leave(socket)


async def test_events_published_out_of_order_are_handed_on_in_order():
    """Two processes may publish in the other order than they stored; the page would
    skip a number lower than one it has shown."""
    layer = InMemoryChannelLayer()
    socket = Socket(4, layer)
    await fanout.enter(socket)
    await fanout.broadcast(layer, 4, [event(2), event(3)])
    await settle()
    assert socket.frames() == []  # waiting for the first
    await fanout.broadcast(layer, 4, [event(1), event(2)])
    await settle()
    assert [frame["seq"] for frame in socket.frames()] == [1, 2, 3]
    await fanout.leave(socket)


async def test_an_event_the_layer_lost_is_read_from_the_database(
    live_session, enrolled, monkeypatch
):
    from lms_live import classroom

    monkeypatch.setattr(fanout, "GAP_SECONDS", 0.05)
    layer = InMemoryChannelLayer()
    socket = Socket(live_session.pk, layer)
    await fanout.enter(socket)
    said = []
    for text in ("first", "lost on the way", "third"):
        message = {"type": "chat", "text": text, "ref": None}
        outcome = await database_sync_to_async(classroom.act)(
            live_session.pk, enrolled, "student", message
        )
        said += outcome.room
    await fanout.broadcast(layer, live_session.pk, [said[0], said[2]])
    await settle()
    assert [frame["data"]["text"] for frame in socket.frames()] == ["first"]
    await asyncio.sleep(0.2)
    await settle()
    assert socket.frames() == said
    await fanout.leave(socket)

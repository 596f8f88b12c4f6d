"""One subscription per session and process: the channel layer carries a broadcast
once to every process, and each process hands it to its own sockets.

A group of 500 consumers would make the channel layer queue, scan and deliver 500
messages per event (the in-memory layer scans every channel on each receive, so a
broadcast costs O(N²)); a room relays one message and serialises the frame once.

Handing a frame to 500 sockets takes a while (daphne's send path costs tens of
microseconds per socket). Frames that arrive meanwhile wait, and go out together as one
``batch`` frame, in order: in a burst each socket gets a few messages instead of one
per event, so the room keeps up instead of falling behind.
"""

import asyncio
import json
from collections import deque

from . import conf
from .protocol import (
    BATCH_LIMIT,
    CLOSE_ENDED,
    CLOSE_RESUME,
    batched,
    session_group,
)

BROADCAST = "live.broadcast"
END = "live.end"

# Sockets handed a frame between two turns of the event loop.
YIELD_EVERY = 10

_rooms: dict[tuple[asyncio.AbstractEventLoop, int], "Room"] = {}


async def enter(consumer) -> None:
    """Add a connected consumer to its session's room in this process."""
    key = _key(consumer.session_id)
    room = _rooms.get(key)
    if room is None:  # no await between the check and the insert: one room only
        room = _rooms[key] = Room(consumer.session_id, consumer.layer)
        room.ready = asyncio.create_task(room.open())
    room.members.add(consumer)
    try:
        await room.ready
    except Exception:
        # The layer is unreachable: forget the room, the next connection tries anew.
        room.members.discard(consumer)
        if _rooms.get(key) is room:
            del _rooms[key]
        raise


async def leave(consumer) -> None:
    key = _key(consumer.session_id)
    room = _rooms.get(key)
    if room is None:
        return
    room.members.discard(consumer)
    if not room.members:
        del _rooms[key]
        await room.close()


async def broadcast(channel_layer, session_id: int, frames: list[dict]) -> None:
    for frame in frames:
        await channel_layer.group_send(
            session_group(session_id), {"type": BROADCAST, "frame": frame}
        )


async def end(channel_layer, session_id: int) -> None:
    await channel_layer.group_send(session_group(session_id), {"type": END})


class Room:
    def __init__(self, session_id: int, channel_layer):
        self.session_id = session_id
        self.layer = channel_layer
        self.group = session_group(session_id)
        self.members: set = set()
        self.channel = None
        self.relay = None
        self.courier = None
        self.keeper = None
        self.ready = None
        # Messages received from the layer, waiting for the courier, in order.
        self.outbox: deque[dict] = deque()
        self.waiting = asyncio.Event()

    async def open(self) -> None:
        # The layer's default prefix: channels-redis reads one per process.
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(self.group, self.channel)
        self.relay = asyncio.create_task(self._relay())
        self.courier = asyncio.create_task(self._deliver())
        self.keeper = asyncio.create_task(self._keep_joined())

    async def close(self) -> None:
        if self.ready is not None:
            await self.ready
        self.relay.cancel()
        self.courier.cancel()
        self.keeper.cancel()
        try:
            await self.layer.group_discard(self.group, self.channel)
        except Exception:  # unreachable: the group's entry expires on its own
            pass

    async def _relay(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except Exception:
                # Redis went away: once it is back, join again (a restarted Redis
                # has forgotten the group) and have every socket reconnect, so that
                # each resumes from the last event it saw and misses nothing.
                await self._join_again()
                for consumer in list(self.members):
                    await consumer.close(code=CLOSE_RESUME)
                continue
            if message.get("type") in (BROADCAST, END):
                self.outbox.append(message)
                self.waiting.set()

    async def _deliver(self) -> None:
        """Hand what waits in the outbox to every socket of the room, in order."""
        while True:
            await self.waiting.wait()
            self.waiting.clear()
            while self.outbox:
                taken = self._take()
                frames = [m["frame"] for m in taken if m["type"] == BROADCAST]
                if frames:
                    text = json.dumps(batched(frames), ensure_ascii=False)
                    for index, consumer in enumerate(list(self.members), start=1):
                        await consumer.send(text_data=text)
                        if index % YIELD_EVERY == 0:
                            # daphne's send never suspends: let the sockets' own
                            # messages and the relay move on meanwhile.
                            await asyncio.sleep(0)
                if taken[-1]["type"] == END:
                    for consumer in list(self.members):
                        await consumer.close(code=CLOSE_ENDED)

    def _take(self) -> list[dict]:
        """The next broadcasts (up to a batch), or up to and including an end."""
        taken = []
        while self.outbox and len(taken) < BATCH_LIMIT:
            message = self.outbox.popleft()
            taken.append(message)
            if message["type"] == END:
                break
        return taken

    async def _join_again(self) -> None:
        delay = 0.2
        while True:
            await asyncio.sleep(delay)
            try:
                await self.layer.group_add(self.group, self.channel)
                return
            except Exception:
                delay = min(delay * 2, 5)

    async def _keep_joined(self) -> None:
        """Join again now and then: a Redis restarted between two reads forgets the
        group without any read failing (and channels-redis lets groups expire)."""
        while True:
            await asyncio.sleep(conf.recheck_seconds())
            try:
                await self.layer.group_add(self.group, self.channel)
            except Exception:  # the relay notices too, and joins again when it can
                pass


def _key(session_id: int) -> tuple[asyncio.AbstractEventLoop, int]:
    # Per event loop too: a test's loop ends with its rooms, the next starts afresh.
    # The loop itself, not its id(): a new loop may reuse a closed one's id.
    return (asyncio.get_running_loop(), session_id)

"""One subscription per session and process: the channel layer carries a broadcast
once to every process, and each process hands it to its own sockets.

A group of 500 consumers would make the channel layer queue, scan and deliver 500
messages per event (the in-memory layer scans every channel on each receive, so a
broadcast costs O(N²)); a room relays one message and serialises the frame once.

Handing a frame to 500 sockets takes a while, even framed once and written straight
to each socket (``wire``). Frames that arrive meanwhile wait, and go out together as
one ``batch`` frame, in order: in a burst each socket gets a few messages instead of
one per event, so the room keeps up instead of falling behind.

Who is present travels the same way, as changes: a socket that joins gets the full
list (the room keeps it, read once when it opens and kept up to date by the changes
it relays), and the room hears of arrivals and departures, gathered over a second per
session and process (``presence_changed``). Sending everyone the full list on every
join would cost O(N²): 500 students arriving would each get a list of up to 500 names
(16 KB) again and again.

The room hands events on by their sequence numbers, one after the other. Two processes
may publish theirs in the other order than they stored them, and a page skips a number
lower than one it has shown: an event that comes early waits for the one before it,
and what is still missing after ``GAP_SECONDS`` (lost by the layer, which is
at-most-once) is read from the database.

No frame is dropped for a socket that stays open: one that ``wire`` cannot write
straight goes the ordinary way (``consumer.send``), in order; one that is closing is
skipped; one whose reader has fallen more than LMS_LIVE_SEND_BUFFER_BYTES behind is
closed with CLOSE_TOO_SLOW, and resumes with ``hello``. ``counts`` tells how often.

The room also checks its people again now and then, all at once: whoever logged out
or may no longer attend is disconnected, and the others are marked as still there.
"""

import asyncio
import json
import logging
from collections import Counter, deque

from channels.db import database_sync_to_async
from django.utils import timezone

from . import classroom, conf, wire
from .protocol import (
    BATCH_LIMIT,
    CLOSE_ENDED,
    CLOSE_NOT_ALLOWED,
    CLOSE_RESUME,
    CLOSE_TOO_SLOW,
    MAX_MESSAGE_BYTES,
    batched,
    session_group,
)
from .wire import Outcome

logger = logging.getLogger(__name__)

BROADCAST = "live.broadcast"
END = "live.end"
# From the channel layer: broadcasts may have been lost (lms_live/layers.py).
RESUME = "live.resume"

# Sockets handed a frame between two turns of the event loop.
YIELD_EVERY = 25
# How long an event that came early waits for the ones before it.
GAP_SECONDS = 0.25

_rooms: dict[tuple[asyncio.AbstractEventLoop, int], "Room"] = {}
# Per session: the people whose presence changed and are not yet announced.
_changed: dict[tuple[asyncio.AbstractEventLoop, int], set[int]] = {}
_announcing: set[asyncio.Task] = set()
# Frames of this process's rooms that were not written straight, by why: "ordinary"
# (sent through consumer.send), "skipped_closing", "closed_too_slow", "send_failed",
# "left_out_for_test".
counts: Counter = Counter()


async def enter(consumer) -> None:
    """Add a connected consumer to its session's room in this process."""
    key = _key(consumer.session_id)
    room = _rooms.get(key)
    if room is None:  # no await between the check and the insert: one room only
        room = _rooms[key] = Room(consumer.session_id, consumer.layer)
        room.ready = asyncio.create_task(room.open())
    room.members[consumer] = wire.socket_of(consumer)
    try:
        await room.ready
    except Exception:
        # The layer is unreachable: forget the room, the next connection tries anew.
        room.members.pop(consumer, None)
        if _rooms.get(key) is room:
            del _rooms[key]
        raise


def presence(consumer) -> dict:
    """The ``presence`` frame for a consumer that just entered its room."""
    room = _rooms[_key(consumer.session_id)]
    return room.presence(classroom.person(consumer.user))


async def leave(consumer) -> None:
    key = _key(consumer.session_id)
    room = _rooms.get(key)
    if room is None:
        return
    room.members.pop(consumer, None)
    if not room.members:
        del _rooms[key]
        await room.close()


async def broadcast(channel_layer, session_id: int, frames: list[dict]) -> None:
    for frame in frames:
        await channel_layer.group_send(
            session_group(session_id), {"type": BROADCAST, "frame": frame}
        )


def presence_changed(channel_layer, session_id: int, user_ids) -> None:
    """Announce to the session, within LMS_LIVE_PRESENCE_SECONDS, where these people
    stand (arrived or gone), together with everyone else's changes meanwhile."""
    key = _key(session_id)
    if key not in _changed:
        _changed[key] = set()
        task = asyncio.create_task(_announce(channel_layer, key))
        _announcing.add(task)
        task.add_done_callback(_announcing.discard)
    _changed[key].update(user_ids)


async def _announce(channel_layer, key) -> None:
    await asyncio.sleep(conf.presence_seconds())
    user_ids = _changed.pop(key)  # whoever changes from now on, the next frame
    frame = await database_sync_to_async(classroom.presence_changes)(key[1], user_ids)
    try:
        await broadcast(channel_layer, key[1], [frame])
    except Exception:  # Redis is unreachable: sockets resume, and get the full list
        pass


async def end(channel_layer, session_id: int) -> None:
    await channel_layer.group_send(session_group(session_id), {"type": END})


class Room:
    def __init__(self, session_id: int, channel_layer):
        self.session_id = session_id
        self.layer = channel_layer
        self.group = session_group(session_id)
        # Each consumer, with its daphne socket when frames can be written to it.
        self.members: dict = {}
        self.people: dict[int, dict] = {}  # who is present, by user id
        self.last_seq = 0  # the last event handed on
        self.early: dict[int, dict] = {}  # events waiting for one before them
        self.filler = None
        self.channel = None
        self.relay = None
        self.courier = None
        self.keeper = None
        self.watcher = None
        self.ready = None
        # Messages received from the layer, waiting for the courier, in order.
        self.outbox: deque[dict] = deque()
        self.waiting = asyncio.Event()
        self.test_drop_seq = conf.test_drop_seq()

    async def open(self) -> None:
        frame, self.last_seq = await database_sync_to_async(self._opening)()
        self.people = {person["id"]: person for person in frame["people"]}
        # The layer's default prefix: channels-redis reads one per process.
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(self.group, self.channel)
        self.relay = asyncio.create_task(self._relay())
        self.courier = asyncio.create_task(self._deliver())
        self.keeper = asyncio.create_task(self._keep_joined())
        self.watcher = asyncio.create_task(self._watch())

    async def close(self) -> None:
        if self.ready is not None:
            await self.ready
        self.relay.cancel()
        if self.filler is not None:
            self.filler.cancel()
        self.courier.cancel()
        self.keeper.cancel()
        self.watcher.cancel()
        try:
            await self.layer.group_discard(self.group, self.channel)
        except Exception:  # unreachable: the group's entry expires on its own
            pass

    async def _relay(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except Exception:
                # A layer whose receive fails when Redis goes away (channels-redis's
                # RedisChannelLayer): once it is back, join again (a restarted Redis
                # has forgotten the group) and have everyone resume. The pub/sub layer
                # of the settings says RESUME instead (lms_live/layers.py).
                await self._join_again()
                await self._resume_everyone()
                continue
            if message.get("type") == RESUME:
                await self._resume_everyone()
                continue
            if message.get("type") == BROADCAST:
                self._note_presence(message["frame"])
                self._in_order(message)
            elif message.get("type") == END:
                self._hand_on(message)

    def _hand_on(self, message: dict) -> None:
        self.outbox.append(message)
        self.waiting.set()

    def _in_order(self, message: dict) -> None:
        seq = message["frame"].get("seq")
        if seq is None:  # presence changes are not numbered
            self._hand_on(message)
            return
        if seq <= self.last_seq:
            return  # handed on already (read from the database meanwhile)
        self.early[seq] = message
        while self.last_seq + 1 in self.early:
            self.last_seq += 1
            self._hand_on(self.early.pop(self.last_seq))
        if self.early and self.filler is None:
            self.filler = asyncio.create_task(self._fill_gap())

    async def _fill_gap(self) -> None:
        """Read what is still missing before the early events from the database, and
        hand all of them on in order."""
        try:
            await asyncio.sleep(GAP_SECONDS)
            if not self.early:
                return
            try:
                stored = await database_sync_to_async(classroom.replay)(
                    self.session_id, self.last_seq
                )
            except Exception:  # the database is away: sockets resume when it is back
                logger.exception("Could not read the events %s missed", self.group)
                stored = []
                await self._resume_everyone()
            for frame in stored:
                if frame["seq"] > self.last_seq:
                    self.early.setdefault(
                        frame["seq"], {"type": BROADCAST, "frame": frame}
                    )
            for seq in sorted(self.early):
                self.last_seq = seq
                self._hand_on(self.early.pop(seq))
        finally:
            self.filler = None

    async def _deliver(self) -> None:
        """Hand what waits in the outbox to every socket of the room, in order."""
        while True:
            await self.waiting.wait()
            self.waiting.clear()
            while self.outbox:
                taken = self._take()
                frames = [m["frame"] for m in taken if m["type"] == BROADCAST]
                if frames and not self._left_out_for_test(frames):
                    await self._send_all(frames)
                if taken[-1]["type"] == END:
                    for consumer in list(self.members):
                        await consumer.close(code=CLOSE_ENDED)

    def _note_presence(self, frame: dict) -> None:
        if frame.get("type") == "presence_diff":
            for user_id in frame["left"]:
                self.people.pop(user_id, None)
            for person in frame["joined"]:
                self.people[person["id"]] = person

    def presence(self, newcomer: dict) -> dict:
        """Everyone present as this room knows it, with a newcomer not yet announced."""
        people = {**self.people, newcomer["id"]: newcomer}
        return classroom.presence_frame(people.values())

    async def _send_all(self, frames: list[dict]) -> None:
        """One frame (a batch when there are several) to every socket of the room.

        The order holds for a socket that goes the ordinary way: daphne's
        ``handle_reply`` hands a reply to autobahn before ``consumer.send`` returns
        (``wire`` checks that it never waits), and the room waits for it. So a later
        frame finds it queued in autobahn (``BUSY``: the ordinary way again, behind
        it) or in the transport's buffer (written behind it): it never overtakes.
        """
        text = json.dumps(batched(frames), ensure_ascii=False)
        data = wire.frame(text)
        limit = conf.send_buffer_bytes()
        for index, (consumer, socket) in enumerate(list(self.members.items()), 1):
            outcome = (
                Outcome.BUSY if socket is None else wire.write(socket, data, limit)
            )
            if outcome is Outcome.BUSY:
                await self._send_ordinary(consumer, frames, text, len(data))
            elif outcome is Outcome.CLOSED:
                counts["skipped_closing"] += 1
                logger.debug("Skipped a closing socket of %s", self.group)
            elif outcome is Outcome.TOO_SLOW:
                counts["closed_too_slow"] += 1
                logger.info("Closed a socket of %s that fell behind", self.group)
                await consumer.close(code=CLOSE_TOO_SLOW)
            if index % YIELD_EVERY == 0:
                # Neither way suspends: let the sockets' own messages and the relay
                # move on meanwhile.
                await asyncio.sleep(0)

    async def _send_ordinary(self, consumer, frames, text: str, size: int) -> None:
        counts["ordinary"] += 1
        # daphne refuses to send a message over its limit (64 KiB as deployed): a big
        # batch goes frame by frame, as the page would handle it anyway.
        texts = [text]
        if size > MAX_MESSAGE_BYTES and len(frames) > 1:
            texts = [json.dumps(frame, ensure_ascii=False) for frame in frames]
        try:
            for piece in texts:
                await consumer.send(text_data=piece)
        except Exception:
            # The socket took part of it, or none (closing meanwhile, or a frame
            # too big): it reconnects and resumes with hello, missing nothing.
            counts["send_failed"] += 1
            logger.warning(
                "Could not send to a socket of %s", self.group, exc_info=True
            )
            try:
                await consumer.close(code=CLOSE_RESUME)
            except Exception:  # already closed
                pass

    def _left_out_for_test(self, frames: list[dict]) -> bool:
        """LMS_LIVE_TEST_DROP_SEQ: leave out once the frame carrying that event."""
        seq = self.test_drop_seq
        if seq is None or not any(
            frame.get("type") == "event" and frame.get("seq") == seq for frame in frames
        ):
            return False
        self.test_drop_seq = None
        counts["left_out_for_test"] += 1
        logger.warning(
            "Left out event %s of %s (LMS_LIVE_TEST_DROP_SEQ)", seq, self.group
        )
        return True

    def _take(self) -> list[dict]:
        """The next broadcasts (up to a batch), or up to and including an end."""
        taken = []
        while self.outbox and len(taken) < BATCH_LIMIT:
            message = self.outbox.popleft()
            taken.append(message)
            if message["type"] == END:
                break
        return taken

    async def _resume_everyone(self) -> None:
        """Have every socket reconnect, so that each resumes from the last event it
        saw and misses nothing."""
        for consumer in list(self.members):
            await consumer.close(code=CLOSE_RESUME)

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
        """Join again now and then, for layers that keep groups in Redis
        (RedisChannelLayer): a Redis restarted between two reads forgets the group
        without any read failing, and groups expire. For the pub/sub layer, a join
        while subscribed changes nothing."""
        while True:
            await asyncio.sleep(conf.recheck_seconds())
            try:
                await self.layer.group_add(self.group, self.channel)
            except Exception:  # the relay notices too, and joins again when it can
                pass

    async def _watch(self) -> None:
        """Every LMS_LIVE_RECHECK_SECONDS: close the sockets whose user logged out or
        may no longer attend, mark the others as still there, and count out whoever
        another server stopped serving without a word."""
        checked = timezone.now()
        while True:
            await asyncio.sleep(conf.recheck_seconds())
            logins = {consumer: consumer.login for consumer in list(self.members)}
            now = timezone.now()
            try:
                allowed, gone = await database_sync_to_async(self._check)(
                    set(logins.values()), checked, now
                )
                checked = now
            except Exception:  # the database is away: check again next time
                logger.exception("Could not check the people of session %s", self.group)
                continue
            for consumer, login in logins.items():
                if login not in allowed:
                    await consumer.close(code=CLOSE_NOT_ALLOWED)
            if gone:
                presence_changed(self.layer, self.session_id, gone)

    def _opening(self) -> tuple[dict, int]:
        return (
            classroom.presence(self.session_id),
            classroom.last_sequence(self.session_id),
        )

    def _check(self, logins: set, since, until) -> tuple[set, list[int]]:
        return (
            classroom.still_allowed(self.session_id, logins),
            classroom.vanished(self.session_id, since, until),
        )


def _key(session_id: int) -> tuple[asyncio.AbstractEventLoop, int]:
    # Per event loop too: a test's loop ends with its rooms, the next starts afresh.
    # The loop itself, not its id(): a new loop may reuse a closed one's id.
    return (asyncio.get_running_loop(), session_id)

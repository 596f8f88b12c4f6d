"""One subscription per session and process: the channel layer carries a broadcast
once to every process, and each process hands it to its own sockets.

A group of 500 consumers would make the channel layer queue, scan and deliver 500
messages per event (the in-memory layer scans every channel on each receive, so a
broadcast costs O(N²)); a room relays one message and serialises the frame once.
"""

import asyncio
import json

from .protocol import CLOSE_ENDED, session_group

BROADCAST = "live.broadcast"
END = "live.end"

_rooms: dict[tuple[int, int], "Room"] = {}


async def enter(consumer) -> None:
    """Add a connected consumer to its session's room in this process."""
    key = _key(consumer.session_id)
    room = _rooms.get(key)
    if room is None:  # no await between the check and the insert: one room only
        room = _rooms[key] = Room(consumer.session_id, consumer.channel_layer)
        room.ready = asyncio.create_task(room.open())
    room.members.add(consumer)
    await room.ready


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
        self.ready = None

    async def open(self) -> None:
        # The layer's default prefix: channels-redis reads one per process.
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(self.group, self.channel)
        self.relay = asyncio.create_task(self._relay())

    async def close(self) -> None:
        if self.ready is not None:
            await self.ready
        self.relay.cancel()
        await self.layer.group_discard(self.group, self.channel)

    async def _relay(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            if message.get("type") == BROADCAST:
                text = json.dumps(message["frame"], ensure_ascii=False)
                for consumer in list(self.members):
                    await consumer.send(text_data=text)
            elif message.get("type") == END:
                for consumer in list(self.members):
                    await consumer.close(code=CLOSE_ENDED)


def _key(session_id: int) -> tuple[int, int]:
    # Per event loop too: a test's loop ends with its rooms, the next starts afresh.
    return (id(asyncio.get_running_loop()), session_id)

"""The live classroom's WebSocket: one consumer per connection.

It stays thin: parse a client message against the protocol, let ``classroom.act``
store what happened, then broadcast the stored frames through the session's room
(``fanout``). The client's ``type`` only ever selects a protocol action; messages on
the channel layer use the room's own types and never reach a consumer's handlers.
"""

import json
import time
from collections import deque

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import OperationalError

from . import classroom, conf, fanout, protocol
from .protocol import ProtocolError


class ClassroomConsumer(AsyncWebsocketConsumer):
    # Frames reach a socket through its session's room, not through a channel of its
    # own: without one, Redis going away cannot take the socket down with it.
    channel_layer_alias = None

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            # However the socket ended, even by an error, it leaves the room and the
            # attendance count.
            await self.disconnect(None)

    async def dispatch(self, message):
        """Channels' dispatch without its hop to a thread before every message to close
        old database connections: each database call here goes through
        ``database_sync_to_async``, which closes them itself. One hop per chat
        message instead of two."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        self.layer = get_channel_layer()
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.user = self.scope.get("user")
        self.joined = False
        self.recent = deque()
        await self.accept()
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=protocol.CLOSE_NOT_LOGGED_IN)
            return
        admission = await database_sync_to_async(classroom.admit)(
            self.session_id, self.user
        )
        if admission.role is None:
            await self.close(code=protocol.CLOSE_NOT_ALLOWED)
            return
        if admission.ended:
            await self.close(code=protocol.CLOSE_ENDED)
            return
        self.role = admission.role
        # The login the room checks again now and then (logged out: disconnected).
        self.login = (
            self.user.pk,
            getattr(self.scope.get("session"), "session_key", None),
        )
        # Counted in attendance: from here on, however the socket ends, it leaves.
        self.joined = True
        await fanout.enter(self)
        if admission.arrived:
            fanout.presence_changed(self.layer, self.session_id, [self.user.pk])
        await self._send({"v": protocol.VERSION, "type": "welcome", "role": self.role})
        await self._send(fanout.presence(self))

    async def disconnect(self, code):
        if not getattr(self, "joined", False):
            return
        self.joined = False
        await fanout.leave(self)
        if await database_sync_to_async(classroom.leave)(self.session_id, self.user):
            fanout.presence_changed(self.layer, self.session_id, [self.user.pk])

    async def receive(self, text_data=None, bytes_data=None):
        if not self.joined:
            return
        if protocol.too_large(text_data, bytes_data):
            # daphne started without its size flags lets up to 1 MiB through.
            await self.close(code=protocol.CLOSE_TOO_LARGE)
            return
        flooding = self._flooding()
        if flooding == "close":
            await self.close(code=protocol.CLOSE_FLOODING)
            return
        try:
            if flooding:
                raise ProtocolError("rate_limited")
            message = protocol.parse(text_data)
            if protocol.trainer_only(message["type"]) and self.role != "trainer":
                raise ProtocolError("trainers_only", message["ref"])
            try:
                outcome = await database_sync_to_async(classroom.act)(
                    self.session_id, self.user, self.role, message
                )
            except OperationalError:
                # No database connection came free in time (or it broke): nothing was
                # stored, and the sender is told so, with the message's ref.
                raise ProtocolError("busy", message.get("ref")) from None
        except ProtocolError as error:
            await self._send(error.frame())
            return
        for frame in outcome.sender:
            await self._send(frame)
        try:
            await self._broadcast(outcome.room)
            if outcome.end:
                await fanout.end(self.layer, self.session_id)
        except Exception:
            # Stored, but Redis is unreachable: this socket reconnects and resumes
            # (and the room has the others do so once Redis is back).
            await self.close(code=protocol.CLOSE_RESUME)

    async def _broadcast(self, frames):
        await fanout.broadcast(self.layer, self.session_id, frames)

    async def _send(self, frame):
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    def _flooding(self):
        limit, seconds = conf.flood_limit()
        now = time.monotonic()
        self.recent.append(now)
        while self.recent and self.recent[0] < now - seconds:
            self.recent.popleft()
        if len(self.recent) > 2 * limit:
            return "close"
        return len(self.recent) > limit

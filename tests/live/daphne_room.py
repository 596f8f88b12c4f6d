"""A daphne application for tests/live/test_wire.py: sockets in one session's room,
steered by the test, without a database (the room's reads of it are stood in for)."""

import json

from django.core.asgi import get_asgi_application

get_asgi_application()  # Django is set up before the room's modules load

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402

from lms_live import fanout, wire  # noqa: E402

SESSION = 1

fanout.Room._opening = lambda room: ({"people": []}, 0)
fanout.Room._check = lambda room, logins, since, until: (logins, [])


class SteeredSocket(AsyncWebsocketConsumer):
    channel_layer_alias = None  # like the classroom's: frames come through the room

    async def connect(self):
        self.session_id = SESSION
        self.layer = get_channel_layer()
        await self.accept()
        await fanout.enter(self)

    async def disconnect(self, code):
        await fanout.leave(self)

    async def receive(self, text_data=None, bytes_data=None):
        order = json.loads(text_data)
        if order["do"] == "hold_back":
            # A frame autobahn writes later, a byte per turn of the event loop: its
            # send_queue stays full while the room broadcasts.
            protocol = wire.socket_of(self)
            protocol.sendFrame(opcode=1, payload=order["text"].encode(), chopsize=1)
        elif order["do"] == "broadcast":
            frame = {"v": 1, "type": "event", "seq": order["seq"], "kind": "chat"}
            await fanout.broadcast(self.layer, SESSION, [{**frame, "data": {}}])
        elif order["do"] == "report":
            report = {"fast_path": wire.fast_path(), "counts": dict(fanout.counts)}
            await self.send(text_data=json.dumps(report))


application = SteeredSocket.as_asgi()

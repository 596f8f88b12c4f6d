"""No frame is dropped for a socket that stays open (issue 40).

A room writes its frames straight to daphne's sockets (``lms_live.wire``). Where that
would reorder, the frame goes the ordinary way, behind what waits; a closing socket is
skipped; a reader that fell too far behind is closed with CLOSE_TOO_SLOW. These
sockets are daphne's own protocol objects over real socket pairs, replying through
daphne's own ``Server.handle_reply``; only the reactor is a stand-in, so the test
decides when Twisted and autobahn write out what they hold. The same through a real
daphne: tests/live/test_wire.py.
"""

import asyncio
import json
import logging
import socket
from functools import partial

import pytest
from channels.layers import InMemoryChannelLayer
from daphne.server import Server
from daphne.ws_protocol import WebSocketFactory
from twisted.internet.tcp import Connection
from twisted.internet.testing import StringTransport
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from lms_live import fanout, wire
from lms_live.protocol import CLOSE_NOT_ALLOWED, CLOSE_TOO_SLOW

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Reactor:
    """Enough of a reactor for a transport: it only records who waits to write."""

    def __init__(self):
        self.writers = []

    def addWriter(self, writer):
        self.writers.append(writer)

    def removeWriter(self, writer):
        self.writers.remove(writer)


class ServedSocket:
    """A consumer as daphne serves it: ``base_send`` is daphne's
    ``partial(server.handle_reply, protocol)``, over one end of a socket pair."""

    def __init__(self, session_id: int, layer):
        self.session_id = session_id
        self.layer = layer
        ours, self.peer = socket.socketpair()
        self.peer.setblocking(False)
        factory = WebSocketFactory(None, reactor=Reactor())
        # No timers: nothing here runs a reactor.
        factory.setProtocolOptions(openHandshakeTimeout=0, closeHandshakeTimeout=0)
        self.protocol = factory.buildProtocol(None)
        self.protocol.makeConnection(StringTransport())
        self.protocol.transport = Connection(ours, self.protocol, reactor=Reactor())
        self.protocol.transport.connected = True
        self.protocol.state = self.protocol.STATE_OPEN
        self.protocol.client_addr = None  # what daphne's onConnect notes of the peer
        server = Server(None, endpoints=["tcp:port=0"])
        server.connections = {self.protocol: {}}
        self.base_send = partial(server.handle_reply, self.protocol)
        self.reader = StreamReader()

    async def send(self, text_data):
        await self.base_send({"type": "websocket.send", "text": text_data})

    async def close(self, code):
        await self.base_send({"type": "websocket.close", "code": code})

    def hold_back(self, text: str) -> None:
        """A frame autobahn keeps in its queue, to write on a later turn."""
        self.protocol.triggered = True  # its delayed write is already on its way
        self.protocol.sendMessage(text.encode(), sync=True)

    def drain_autobahn(self) -> None:
        """What autobahn's delayed writes do, one after the other."""
        while self.protocol.send_queue:
            self.protocol.transport.write(self.protocol.send_queue.popleft()[0])
        self.protocol.triggered = False

    def flush(self, turns: int = 1) -> None:
        """What Twisted does when the socket is writable, ``turns`` times."""
        for _ in range(turns):
            if self.protocol.transport.reactor.writers:
                self.protocol.transport.doWrite()

    def received(self) -> list:
        """Everything the peer has read so far: texts, and ("close", code)."""
        for _ in range(10_000):
            self.flush()
            try:
                chunk = self.peer.recv(1 << 20)
            except BlockingIOError:
                if not self.protocol.transport.reactor.writers:
                    break
                continue
            self.reader.feed_data(chunk)
        messages = []
        while True:
            parser = Frame.parse(self.reader.read_exact, mask=False)
            try:
                next(parser)
            except StopIteration as done:
                frame = done.value
            else:
                break  # incomplete: wait for more
            if frame.opcode == Opcode.CLOSE:
                messages.append(("close", int.from_bytes(frame.data[:2], "big")))
            else:
                messages.append(bytes(frame.data).decode())
        return messages


def event(seq: int) -> dict:
    return {"v": 1, "type": "event", "seq": seq, "kind": "chat", "data": {}}


def seqs(messages: list) -> list:
    """The events among what a socket received, batches opened, others as they are."""
    flat = []
    for message in messages:
        if isinstance(message, tuple) or not message.startswith("{"):
            flat.append(message)
            continue
        frame = json.loads(message)
        for inner in frame["frames"] if frame["type"] == "batch" else [frame]:
            flat.append(inner["seq"])
    return flat


async def settle():
    for _ in range(200):
        await asyncio.sleep(0)


@pytest.fixture
def room_of_served_sockets():
    layer = InMemoryChannelLayer()
    sockets = []

    async def served(session_id: int, count: int = 2) -> list[ServedSocket]:
        for _ in range(count):
            sockets.append(ServedSocket(session_id, layer))
            await fanout.enter(sockets[-1])
        return sockets

    yield layer, served
    for served_socket in sockets:
        served_socket.peer.close()
        served_socket.protocol.transport.socket.close()


@pytest.fixture
def fresh_fast_path():
    """``fast_path`` is decided once per process: each test decides it anew."""
    wire.fast_path.cache_clear()
    yield
    wire.fast_path.cache_clear()


async def test_a_frame_behind_autobahns_queue_arrives_after_it(
    room_of_served_sockets,
):
    layer, served = room_of_served_sockets
    held, idle = await served(11)
    held.hold_back("an answer sent a moment before")
    before = fanout.counts["ordinary"]

    await fanout.broadcast(layer, 11, [event(1)])
    await settle()
    await fanout.broadcast(layer, 11, [event(2)])  # autobahn still holds the answer
    await settle()
    held.drain_autobahn()
    await fanout.broadcast(layer, 11, [event(3)])  # drained: straight again
    await settle()

    assert seqs(held.received()) == ["an answer sent a moment before", 1, 2, 3]
    assert seqs(idle.received()) == [1, 2, 3]
    assert fanout.counts["ordinary"] - before == 2


async def test_a_frame_for_a_socket_with_bytes_waiting_goes_behind_them(
    room_of_served_sockets,
):
    layer, served = room_of_served_sockets
    (busy,) = await served(12, count=1)
    # More than the socket pair takes at once: Twisted keeps the rest (dataBuffer).
    await busy.send(text_data="x" * 600_000)
    busy.flush()
    transport = busy.protocol.transport
    assert len(transport.dataBuffer) > transport.offset
    await busy.send(text_data="an error answer")  # waits in _tempDataBuffer
    assert transport._tempDataBuffer

    await fanout.broadcast(layer, 12, [event(1)])
    await settle()

    assert seqs(busy.received()) == ["x" * 600_000, "an error answer", 1]


async def test_a_closing_socket_is_skipped_and_counted(room_of_served_sockets):
    layer, served = room_of_served_sockets
    leaving, staying = await served(13)
    await leaving.close(code=CLOSE_NOT_ALLOWED)
    before = fanout.counts["skipped_closing"]

    await fanout.broadcast(layer, 13, [event(1)])
    await settle()

    assert leaving.received() == [("close", CLOSE_NOT_ALLOWED)]
    assert seqs(staying.received()) == [1]
    assert fanout.counts["skipped_closing"] - before == 1


async def test_a_reader_too_far_behind_is_closed_and_the_others_keep_receiving(
    room_of_served_sockets, settings
):
    settings.LMS_LIVE_SEND_BUFFER_BYTES = 64 * 1024
    layer, served = room_of_served_sockets
    slow, fast = await served(14)
    await slow.send(text_data="y" * 100_000)  # not read yet: the phone is slow
    before = fanout.counts["closed_too_slow"]

    await fanout.broadcast(layer, 14, [event(1)])
    await settle()
    await fanout.broadcast(layer, 14, [event(2)])
    await settle()

    assert seqs(fast.received()) == [1, 2]
    assert slow.received() == ["y" * 100_000, ("close", CLOSE_TOO_SLOW)]
    assert fanout.counts["closed_too_slow"] - before == 1


async def test_the_test_hook_leaves_out_one_frame_for_every_socket(
    room_of_served_sockets, settings
):
    settings.LMS_LIVE_TEST_DROP_SEQ = 2
    layer, served = room_of_served_sockets
    sockets = await served(15)
    for seq in (1, 2, 3):
        await fanout.broadcast(layer, 15, [event(seq)])
        await settle()

    for served_socket in sockets:
        assert seqs(served_socket.received()) == [1, 3]


async def test_without_the_test_hook_every_frame_goes_out(room_of_served_sockets):
    layer, served = room_of_served_sockets
    (only,) = await served(16, count=1)
    for seq in (1, 2, 3):
        await fanout.broadcast(layer, 16, [event(seq)])
        await settle()

    assert seqs(only.received()) == [1, 2, 3]


async def test_with_other_library_versions_every_frame_goes_the_ordinary_way(
    room_of_served_sockets, fresh_fast_path, monkeypatch, caplog
):
    monkeypatch.setitem(wire.TESTED_WITH, "daphne", "4.2.2")
    layer, served = room_of_served_sockets
    with caplog.at_level(logging.WARNING, logger="lms_live.wire"):
        sockets = await served(17, count=3)
        before = fanout.counts["ordinary"]
        for seq in (1, 2):
            await fanout.broadcast(layer, 17, [event(seq)])
            await settle()

    for served_socket in sockets:
        assert seqs(served_socket.received()) == [1, 2]
    assert fanout.counts["ordinary"] - before == 6  # every socket, every frame
    (warning,) = [r for r in caplog.records if r.name == "lms_live.wire"]
    assert "daphne is 4.2.3, not 4.2.2" in warning.getMessage()

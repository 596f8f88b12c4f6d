"""A room's frame is framed once and written straight to daphne's sockets.

The two-daphne test (redis tier) and the browser test run the whole path; these pin
down the framing and the rule that bytes already waiting on a socket stay ahead.
"""

import socket
from collections import deque
from functools import partial

import pytest
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet.tcp import Connection
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from lms_live import wire


def parse(data: bytes) -> Frame:
    reader = StreamReader()
    reader.feed_data(data)
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        next(parser)
    except StopIteration as done:
        return done.value
    raise AssertionError("incomplete frame")


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536, 70000])
def test_a_frame_reads_back_as_the_same_text_whatever_its_length(size):
    text = ("ə" * size)[:size]
    frame = parse(wire.frame(text))
    assert frame.fin and frame.opcode == Opcode.TEXT
    assert bytes(frame.data).decode() == text


class Reactor:
    """Enough of a reactor for a transport: it only records who waits to write."""

    def __init__(self):
        self.writers = []

    def addWriter(self, writer):
        self.writers.append(writer)

    def removeWriter(self, writer):
        self.writers.remove(writer)


@pytest.fixture
def connected():
    ours, theirs = socket.socketpair()
    protocol = WebSocketProtocol()
    protocol.state = protocol.STATE_OPEN
    protocol.send_queue = deque()
    protocol.transport = Connection(ours, protocol, reactor=Reactor())
    protocol.transport.connected = True
    theirs.settimeout(2)
    yield protocol, theirs
    ours.close()
    theirs.close()


def test_an_idle_socket_gets_the_frame_at_once(connected):
    protocol, peer = connected
    data = wire.frame("hello")
    assert wire.write(protocol, data)
    assert peer.recv(100) == data
    assert protocol.transport.reactor.writers == []  # nothing left to write later


def test_bytes_already_waiting_on_a_socket_stay_ahead(connected):
    protocol, _peer = connected
    protocol.transport.write(b"earlier reply")
    assert wire.write(protocol, b"room frame")
    assert protocol.transport._tempDataBuffer == [b"earlier reply", b"room frame"]


def test_nothing_is_written_to_a_closing_socket(connected):
    protocol, peer = connected
    protocol.state = protocol.STATE_CLOSING
    assert not wire.write(protocol, wire.frame("late"))
    peer.settimeout(0.1)
    with pytest.raises(TimeoutError):
        peer.recv(100)


class SessionWrapper:
    """Like channels' session middleware: it keeps daphne's send as real_send."""

    def __init__(self, real_send):
        self.real_send = real_send

    async def send(self, message):
        await self.real_send(message)


def test_a_consumer_served_by_daphne_is_recognised_through_middleware():
    class Server:
        async def handle_reply(self, protocol, message):
            pass

    protocol = WebSocketProtocol()
    daphne_send = partial(Server().handle_reply, protocol)
    consumer = type("Consumer", (), {})()
    consumer.base_send = SessionWrapper(daphne_send).send
    assert wire.socket_of(consumer) is protocol
    consumer.base_send = daphne_send
    assert wire.socket_of(consumer) is protocol


def test_any_other_server_goes_the_ordinary_way():
    async def send(message):
        pass

    consumer = type("Consumer", (), {"base_send": staticmethod(send)})()
    assert wire.socket_of(consumer) is None

"""A room's frame is framed once and written straight to daphne's sockets.

The two-daphne test (redis tier) and the browser test run the whole path; these pin
down the framing, the rule that bytes already waiting on a socket stay ahead, what
``write`` tells the room, and the guard against other versions of daphne, autobahn
and Twisted. tests/live/test_no_frame_lost.py shows what the room does with each
outcome; one test here shows it through a real daphne.
"""

import json
import logging
import os
import re
import socket
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from autobahn.websocket.protocol import WebSocketProtocol as AutobahnProtocol
from daphne.ws_protocol import WebSocketFactory, WebSocketProtocol
from twisted.internet.abstract import FileDescriptor
from twisted.internet.tcp import Connection
from twisted.internet.testing import StringTransport
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader
from websockets.sync.client import connect

from lms_live import wire
from lms_live.wire import Outcome
from tests.services.processes import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 1024 * 1024


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
    factory = WebSocketFactory(None, reactor=Reactor())
    factory.setProtocolOptions(openHandshakeTimeout=0, closeHandshakeTimeout=0)
    protocol = factory.buildProtocol(None)
    protocol.makeConnection(StringTransport())
    protocol.state = protocol.STATE_OPEN
    protocol.client_addr = None  # what daphne's onConnect notes of the peer
    protocol.transport = Connection(ours, protocol, reactor=Reactor())
    protocol.transport.connected = True
    theirs.settimeout(2)
    yield protocol, theirs
    ours.close()
    theirs.close()


def test_an_idle_socket_gets_the_frame_at_once(connected):
    protocol, peer = connected
    data = wire.frame("hello")
    assert wire.write(protocol, data, LIMIT) is Outcome.WRITTEN
    assert peer.recv(100) == data
    assert protocol.transport.reactor.writers == []  # nothing left to write later


def test_bytes_already_waiting_on_a_socket_stay_ahead(connected):
    protocol, _peer = connected
    protocol.transport.write(b"earlier reply")
    assert wire.write(protocol, b"room frame", LIMIT) is Outcome.WRITTEN
    assert protocol.transport._tempDataBuffer == [b"earlier reply", b"room frame"]


def test_a_frame_autobahn_holds_back_makes_the_socket_busy(connected):
    protocol, peer = connected
    protocol.send_queue.append((wire.frame("sent a moment before"), True))
    assert wire.write(protocol, wire.frame("room frame"), LIMIT) is Outcome.BUSY
    peer.settimeout(0.1)
    with pytest.raises(TimeoutError):
        peer.recv(100)


def test_nothing_is_written_to_a_closing_socket(connected):
    protocol, peer = connected
    protocol.state = protocol.STATE_CLOSING
    assert wire.write(protocol, wire.frame("late"), LIMIT) is Outcome.CLOSED
    peer.settimeout(0.1)
    with pytest.raises(TimeoutError):
        peer.recv(100)


def test_a_socket_holding_more_than_the_limit_is_too_slow(connected):
    protocol, _peer = connected
    protocol.transport.write(b"x" * 1000)
    protocol.send_queue.append((b"y" * 100, False))
    assert wire.backlog(protocol) == 1100
    assert wire.write(protocol, b"room frame", 1100) is Outcome.BUSY  # not over
    assert wire.write(protocol, b"room frame", 1099) is Outcome.TOO_SLOW


def test_a_transport_other_than_a_plain_socket_goes_the_ordinary_way(connected):
    protocol, _peer = connected
    protocol.transport = StringTransport()
    protocol.transport.disconnecting = False
    protocol.transport.connected = True
    assert wire.write(protocol, b"room frame", LIMIT) is Outcome.BUSY
    assert protocol.transport.value() == b""


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


# --- the guard --------------------------------------------------------------------


@pytest.fixture
def fresh_fast_path():
    """``fast_path`` is decided once per process: each test decides it anew."""
    wire.fast_path.cache_clear()
    yield
    wire.fast_path.cache_clear()


def test_the_fast_path_finds_the_libraries_it_was_tested_with():
    """Upgrading daphne, autobahn or Twisted fails here: test the fast path against
    the new versions (this file and test_no_frame_lost.py), then update TESTED_WITH."""
    assert wire.fast_path_problems() == []


def test_requirements_pin_the_versions_the_fast_path_was_tested_with():
    text = (ROOT / "requirements.txt").read_text()
    for name, version in wire.TESTED_WITH.items():
        assert re.search(rf"^{name}=={re.escape(version)}\b", text, re.M), name


def test_a_missing_attribute_of_autobahn_is_named(monkeypatch):
    monkeypatch.delattr(AutobahnProtocol, "SEND_STATE_GROUND")
    problems = wire.fast_path_problems()
    assert len(problems) == 1
    assert "SEND_STATE_GROUND" in problems[0]


def test_a_missing_attribute_of_twisted_is_named(monkeypatch):
    monkeypatch.delattr(FileDescriptor, "disconnecting")
    assert wire.fast_path_problems() == ["a Twisted TCP transport has no disconnecting"]


def test_with_another_version_sockets_are_not_written_straight_and_one_warning_says_why(
    fresh_fast_path, monkeypatch, caplog
):
    monkeypatch.setitem(wire.TESTED_WITH, "Twisted", "25.5.0")
    protocol = WebSocketProtocol()
    consumer = type("Consumer", (), {})()
    consumer.base_send = SessionWrapper(partial(_handle_reply, protocol)).send
    with caplog.at_level(logging.WARNING, logger="lms_live.wire"):
        assert wire.socket_of(consumer) is None
        assert wire.socket_of(consumer) is None
    (warning,) = caplog.records
    assert "Twisted is 26.10.0, not 25.5.0" in warning.getMessage()


async def _handle_reply(protocol, message):
    pass


# --- through a real daphne ----------------------------------------------------------


@pytest.fixture
def daphne_room(tmp_path):
    """daphne serving tests/live/daphne_room.py on a free port."""
    port = free_port()
    log_path = tmp_path / "daphne.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [*command, "tests.live.daphne_room:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(
            lambda: server.poll() is not None or _answers(port),
            seconds=60,
            message="daphne",
        )
        assert server.poll() is None, log_path.read_text()
        yield f"ws://127.0.0.1:{port}/", log_path
    finally:
        server.terminate()
        server.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def test_through_daphne_frames_behind_autobahns_queue_arrive_after_it_in_order(
    daphne_room,
):
    url, log_path = daphne_room
    held_back = "held back by autobahn, a byte a turn " * 100
    with connect(url, open_timeout=20) as client:
        # Autobahn writes this frame a piece per turn of the loop (its send_queue);
        # the room broadcasts three events meanwhile, then one after it has drained.
        client.send(json.dumps({"do": "hold_back", "text": held_back}))
        for seq in (1, 2, 3):
            client.send(json.dumps({"do": "broadcast", "seq": seq}))
        received = [client.recv(timeout=10) for _ in range(2)]
        while _seqs(received[1:])[-1:] != [3]:
            received.append(client.recv(timeout=10))
        client.send(json.dumps({"do": "broadcast", "seq": 4}))
        received.append(client.recv(timeout=10))
        client.send(json.dumps({"do": "report"}))
        report = json.loads(client.recv(timeout=10))

    assert received[0] == held_back, log_path.read_text()
    assert _seqs(received[1:]) == [1, 2, 3, 4]
    assert report["fast_path"] is True
    assert report["counts"]["ordinary"] >= 1  # 1 to 3 went behind autobahn's queue


def _seqs(texts: list[str]) -> list[int]:
    seqs = []
    for text in texts:
        frame = json.loads(text)
        for inner in frame["frames"] if frame["type"] == "batch" else [frame]:
            seqs.append(inner["seq"])
    return seqs

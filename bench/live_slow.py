"""Slow readers for the live benchmark: students on a poor link, whose unread frames
pile up on the server.

A slow reader's socket has a small receive buffer (``RECEIVE_BUFFER``), and after each
frame it reads, it stops reading for ``READ_EVERY`` seconds. It resumes as the
classroom page does (lms_live/static/live/classroom.js): it applies events strictly in
``seq`` order, holds one that comes early and skips one already applied; when its
socket closes (4013 when the room finds it too far behind, or reset before that close
frame could be read), it reconnects with back-off and sends ``hello`` with the last
``seq`` it applied, again from ``last`` while ``replayed`` says ``more``; an early
event held for ``GAP_WAIT`` asks for the gap with ``hello`` on the same socket. A new
page sends ``hello`` from 0 too: the bench's students join before the first event of
the run, and the session keeps earlier runs' events, so they skip that one.

Each message's body carries its index in the run, so ``seq`` minus the index is the
same for every event of a run: the first event a reader sees tells it which events it
must end up with.
"""

import asyncio
import json
import socket
import time
from collections import Counter

import picows

READ_EVERY = 0.1
RECEIVE_BUFFER = 4096
# Loopback's 64 KiB segments let the server's kernel buffer megabytes for one socket;
# an Ethernet-sized segment keeps that buffer as small as over a real link.
SEGMENT = 1460
GAP_WAIT = 1.0
# Close codes after which the page stops reconnecting.
FINAL_CODES = {4401, 4403, 4404, 4410}
# How long the bench waits for slow readers that apply nothing more.
STALL_SECONDS = 20


class SlowReader:
    """One slow student, over as many connections as it takes."""

    def __init__(self, url: str, headers: dict):
        self.url, self.headers = url, headers
        self.welcomed = asyncio.Event()
        self.socket = None
        self.base = None  # the seq of the run's first event
        self.last = None  # the last seq applied
        self.early: dict[int, dict] = {}
        self.replaying = False  # a hello is answered by a replay not yet over
        self.duplicates = 0  # events applied already (a replay may bring them again)
        self.gaps = 0  # an event early with no replay under way: one went missing
        self.closes: Counter = Counter()  # by close code, "reset" when none came
        self.applied_at = time.monotonic()
        self.stopping = False
        self.delay = 0.5
        self.gap_timer = None
        self.gap_wait = GAP_WAIT

    async def connect(self) -> None:
        transport, self.socket = await picows.ws_connect(
            lambda: _SlowSocket(self),
            self.url,
            extra_headers=self.headers,
            websocket_handshake_timeout=60,
            socket_factory=_small_receive_buffer,
        )
        if self.stopping:  # the bench ended while it reconnected
            transport.disconnect()

    async def close(self) -> None:
        self.stopping = True
        if self.gap_timer is not None:
            self.gap_timer.cancel()
        if self.socket is not None:
            await self.socket.close()

    def complete(self, events: int) -> bool:
        return self.base is not None and self.last == self.base + events - 1

    def outcome(self, events: int) -> str:
        """in_order, resumed (after a close, by replay) or broken."""
        if not self.complete(events) or self.gaps:
            return "broken"
        return "resumed" if self.closes else "in_order"

    def opened(self) -> None:
        self.delay = 0.5
        if self.last is not None:
            self.hello()

    def hello(self) -> None:
        self.replaying = True
        message = {"v": 1, "type": "hello", "since": self.last}
        self.socket.transport.send(picows.WSMsgType.TEXT, json.dumps(message).encode())

    def read(self, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "welcome":
            self.welcomed.set()
        elif kind == "batch":
            for each in frame["frames"]:
                self.read(each)
        elif kind == "event":
            self._event(frame)
        elif kind == "replayed":
            if frame["more"]:
                self.hello()
            else:
                self.replaying = False

    def lost(self, code) -> None:
        self.closes[code or "reset"] += 1
        self.socket = None
        if not self.stopping and code not in FINAL_CODES:
            asyncio.get_running_loop().call_later(self.delay, self._reconnect)
            self.delay = min(self.delay * 2, 15)

    def _event(self, frame: dict) -> None:
        seq = frame["seq"]
        if self.base is None:
            self.base = seq - json.loads(frame["data"]["text"])["i"]
            self.last = self.base - 1
        if seq <= self.last:
            self.duplicates += 1
            return
        if seq > self.last + 1 and not self.replaying and seq not in self.early:
            self.gaps += not self.early  # one per gap, not per event behind it
        self.early[seq] = frame
        while self.last + 1 in self.early:
            self.last += 1
            del self.early[self.last]
            self.applied_at = time.monotonic()
        self._ask_for_gap()

    def _ask_for_gap(self) -> None:
        if not self.early:
            if self.gap_timer is not None:
                self.gap_timer.cancel()
            self.gap_timer, self.gap_wait = None, GAP_WAIT
        elif self.gap_timer is None:
            loop = asyncio.get_running_loop()
            self.gap_timer = loop.call_later(self.gap_wait, self._gap_waited)

    def _gap_waited(self) -> None:
        self.gap_timer = None
        if self.socket is not None:
            self.hello()
        self.gap_wait = min(self.gap_wait * 2, 15)
        self._ask_for_gap()

    def _reconnect(self) -> None:
        if self.stopping:
            return
        task = asyncio.ensure_future(self.connect())
        task.add_done_callback(self._reconnected)

    def _reconnected(self, task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.lost("refused")


async def settle(readers: list[SlowReader], events: int) -> dict:
    """Wait until every slow reader has every event of the run, or none applied
    anything for STALL_SECONDS; then what became of them."""
    while not all(reader.complete(events) for reader in readers):
        latest = max(reader.applied_at for reader in readers)
        if time.monotonic() - latest > STALL_SECONDS:
            break
        await asyncio.sleep(0.1)
    outcomes = Counter(reader.outcome(events) for reader in readers)
    closes = sum((reader.closes for reader in readers), Counter())
    return {
        "sockets": len(readers),
        "in_order": outcomes["in_order"],
        "resumed": outcomes["resumed"],
        "broken": outcomes["broken"],
        "closes": {str(code): count for code, count in closes.items()},
        "duplicates": sum(reader.duplicates for reader in readers),
        "gaps": sum(reader.gaps for reader in readers),
    }


class _SlowSocket(picows.WSListener):
    """One connection of a slow reader: a frame, then a pause in reading."""

    def __init__(self, reader: SlowReader):
        self.reader = reader
        self.parts: list[bytes] = []
        self.code = None
        self.transport = None

    def on_ws_connected(self, transport) -> None:
        self.transport = transport
        self.reader.socket = self
        self.reader.opened()

    def on_ws_disconnected(self, transport) -> None:
        self.reader.lost(self.code)

    async def close(self) -> None:
        self.transport.send_close(picows.WSCloseCode.OK)
        self._resume()
        try:
            await asyncio.wait_for(self.transport.wait_disconnected(), 5)
        except TimeoutError:
            self.transport.disconnect()

    def on_ws_frame(self, transport, frame) -> None:
        kind = frame.msg_type
        if kind == picows.WSMsgType.CLOSE:
            self.code = int(frame.get_close_code())
            transport.disconnect()
            return
        if kind not in (picows.WSMsgType.TEXT, picows.WSMsgType.CONTINUATION):
            return
        self.parts.append(frame.get_payload_as_bytes())
        if not frame.fin:
            return
        message, self.parts = b"".join(self.parts), []
        self.reader.read(json.loads(message))
        if not self.reader.stopping:
            transport.underlying_transport.pause_reading()
            asyncio.get_running_loop().call_later(READ_EVERY, self._resume)

    def _resume(self) -> None:
        underlying = self.transport.underlying_transport
        if not underlying.is_closing() and not underlying.is_reading():
            underlying.resume_reading()


def _small_receive_buffer(_url) -> socket.socket:
    """A socket whose small receive window leaves unread bytes on the server."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, SEGMENT)
    return sock

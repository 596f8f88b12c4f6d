"""Live classroom broadcasts beside a raw WebSocket broadcast server.

The same harness (one asyncio client process, send times embedded in the messages,
compression off) drives both: N students connected, one sender. Its client is
`picows`, which hands each frame to a callback as it comes off the socket. Burst: K
messages sent back to back, deliveries per second until the last one arrives. Rate:
messages at a fixed rate, delivery latency p50/p99. Lost: deliveries that never
arrived.

With slow readers (``bench/live_slow.py``), the latency and losses are the other
students'; the slow readers report whether each got every event, in order.

`python -m bench.live raw PORT` runs the baseline server (websockets' `broadcast`);
`python -m bench.live_session N` prepares the class the daphne rows measure.
"""

import asyncio
import gc
import json
import os
import resource
import statistics
import sys
import time

import picows
import websockets

from bench import live_slow

BURST = 50
RATE_PER_SECOND = 10
RATE_SECONDS = 5
QUIET_SECONDS = 5
CONNECT_ATTEMPTS = 5


def run_raw_server(port: int) -> None:
    clients = set()

    async def handler(connection):
        clients.add(connection)
        try:
            async for message in connection:
                websockets.broadcast(clients, message)
        finally:
            clients.discard(connection)

    async def main():
        async with websockets.serve(handler, "127.0.0.1", port, compression=None):
            await asyncio.Future()

    asyncio.run(main())


def measure(
    targets: list[tuple], sender_target: tuple, daphne: bool, slow_every: int = 0
) -> dict:
    """Connect one client per (url, headers) target, then measure. With
    ``slow_every`` (daphne only), every such target's client is a slow reader."""
    try:
        return asyncio.run(_measure(targets, sender_target, daphne, slow_every))
    finally:
        gc.unfreeze()


async def _measure(targets, sender_target, daphne, slow_every=0) -> dict:
    received: dict[int, list[float]] = {}
    arrivals: list[float] = []
    clients = []
    readers = []
    connecting = []
    retried = []
    for number, target in enumerate(targets, 1):
        if slow_every and number % slow_every == 0:
            readers.append(live_slow.SlowReader(*target))
            connecting.append(readers[-1].connect())
        else:
            connecting.append(_connect(*target, daphne, retried))
    for start in range(0, len(connecting), 50):  # in batches, as a class arrives
        batch = await asyncio.gather(*connecting[start : start + 50])
        clients += [client for client in batch if client is not None]
    sender = await _connect(*sender_target, daphne)
    if daphne:
        for client in [*clients, sender, *readers]:
            await client.welcomed.wait()
    for client in clients:
        client.record(received, arrivals)
    # The harness's own full garbage collections would pass over 500 connections,
    # stalling every reader for 20-100 ms, and show up as the server's p99: keep
    # what exists by now out of them.
    gc.collect()
    gc.freeze()

    def send(index: int):
        body = json.dumps({"i": index, "t": time.time()})
        frame = {"v": 1, "type": "chat", "text": body} if daphne else {"raw": body}
        sender.transport.send(picows.WSMsgType.TEXT, json.dumps(frame).encode())

    began = time.time()
    for index in range(BURST):
        send(index)
    await _quiet(received, len(clients) * BURST)
    burst_deliveries = sum(len(received.get(i, [])) for i in range(BURST))
    last = max(arrivals, default=began)
    burst = {
        "deliveries": burst_deliveries,
        "per_second": round(burst_deliveries / max(last - began, 1e-6)),
    }
    for index in range(BURST, BURST + RATE_PER_SECOND * RATE_SECONDS):
        send(index)
        await asyncio.sleep(1 / RATE_PER_SECOND)
    events = BURST + RATE_PER_SECOND * RATE_SECONDS
    expected = len(clients) * events
    await _quiet(received, expected)
    slow_readers = await live_slow.settle(readers, events) if readers else None
    latencies = [
        latency
        for index in range(BURST, BURST + RATE_PER_SECOND * RATE_SECONDS)
        for latency in received.get(index, [])
    ]
    await asyncio.gather(*(c.close() for c in [*clients, sender, *readers]))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    arrival = {"burst": burst, "clients": len(clients)}
    arrival["rate"] = {"p50_ms": round(cuts[49], 1), "p99_ms": round(cuts[98], 1)}
    arrival["lost"] = expected - sum(len(v) for v in received.values())
    arrival["handshakes_retried"] = len(retried)
    if slow_readers:
        arrival["slow_readers"] = slow_readers
    return arrival


class Client(picows.WSListener):
    """One student's socket. Each message is read in the callback that receives its
    frame, as it comes off the socket: no task is woken per message, so the reading
    client adds as little as it can to the latency it measures."""

    def __init__(self, daphne: bool):
        self.daphne = daphne
        self.welcomed = asyncio.Event()
        self.received = self.arrivals = None
        self.parts: list[bytes] = []

    async def close(self) -> None:
        """Close as a browser would: a close frame, then the server's answer."""
        self.transport.send_close(picows.WSCloseCode.OK)
        try:
            await asyncio.wait_for(self.transport.wait_disconnected(), 5)
        except TimeoutError:
            self.transport.disconnect()

    def record(self, received: dict, arrivals: list) -> None:
        self.received, self.arrivals = received, arrivals

    def on_ws_frame(self, transport, frame) -> None:
        kind = frame.msg_type
        if kind == picows.WSMsgType.CLOSE:
            transport.disconnect()
            return
        if kind not in (picows.WSMsgType.TEXT, picows.WSMsgType.CONTINUATION):
            return
        self.parts.append(frame.get_payload_as_bytes())
        if not frame.fin:
            return
        now = time.time()
        message, self.parts = b"".join(self.parts), []
        self.read(now, json.loads(message))

    def read(self, now: float, frame: dict) -> None:
        if not self.daphne:
            bodies = [json.loads(frame["raw"])]
        elif frame.get("type") == "welcome":
            self.welcomed.set()
            return
        else:
            # A room that falls behind sends what waits as one batch frame.
            frames = frame["frames"] if frame["type"] == "batch" else [frame]
            bodies = [json.loads(f["data"]["text"]) for f in frames if _chat(f)]
        if self.received is None:
            return
        self.arrivals.append(now)
        for body in bodies:  # latency in milliseconds, per message index
            self.received.setdefault(body["i"], []).append((now - body["t"]) * 1000)


async def _connect(url, headers, daphne, retried: list | None = None) -> Client:
    """A connected client. A socket the server drops before the handshake ends
    (daphne rejects one that waits longer than its connect timeout, 5 s, for the
    application to accept it) tries again after a moment, as the page does; the
    retries are counted in ``retried``."""
    for attempt in range(CONNECT_ATTEMPTS):
        transport, client = await picows.ws_connect(
            lambda: Client(daphne),
            url,
            extra_headers=headers,
            websocket_handshake_timeout=60,
        )
        if client is not None:
            client.transport = transport
            return client
        if retried is not None:
            retried.append(url)
        await asyncio.sleep(0.5 * 2**attempt)
    raise RuntimeError(f"{url} dropped the handshake {CONNECT_ATTEMPTS} times")


def _chat(frame: dict) -> bool:
    return frame.get("kind") == "chat"


async def _quiet(received, expected):
    """Wait until every delivery arrived, or nothing more came for a while."""
    seen, still = -1, time.monotonic()
    while True:
        count = sum(len(v) for v in received.values())
        if count >= expected:
            return
        if count != seen:
            seen, still = count, time.monotonic()
        elif time.monotonic() - still > QUIET_SECONDS:
            return
        await asyncio.sleep(0.05)


def wait_for_port(port: int) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def raise_open_files(sockets: int) -> None:
    """Let this process, and the servers it starts (which inherit the limit), hold
    ``sockets`` sockets and some files besides; fail early where the machine cannot
    (a hard limit only root raises, or too few ephemeral ports for the clients)."""
    needed = sockets + 1000  # the interpreter's own files, the database, Redis
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise RuntimeError(
                f"{sockets} sockets need {needed} open files, and the hard limit "
                f"is {hard}: raise it (ulimit -Hn, or limits.conf) first"
            )
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
    with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
        low, high = (int(port) for port in ports.read().split())
    if high - low + 1 < sockets + 1000:
        raise RuntimeError(
            f"{sockets} client sockets need as many ephemeral ports, and "
            f"net.ipv4.ip_local_port_range leaves {high - low + 1}: widen it first"
        )


def process_usage(pids: list[int]) -> dict:
    """Resident memory (KiB) and CPU time (s) of processes together, from /proc."""
    rss = ticks = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            rss += next(
                int(line.split()[1]) for line in status if line.startswith("VmRSS")
            )
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return {"rss_kib": rss, "cpu_s": ticks / os.sysconf("SC_CLK_TCK")}


if __name__ == "__main__" and sys.argv[1] == "raw":
    run_raw_server(int(sys.argv[2]))

"""A small HTTP load generator: N keep-alive clients for S seconds, as wrk runs them.

Used where wrk is missing and wherever a run must watch the server while it is loaded
(the connection tests in tests/deployment/, the connection columns of `make bench`):
``sample`` is called every ``every`` seconds during the run and its values are kept.
"""

import asyncio
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Result:
    seconds: float
    statuses: Counter = field(default_factory=Counter)
    durations: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)  # connection errors, by kind
    samples: list = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile_ms(self, percent: int) -> float:
        if len(self.durations) < 2:
            return self.durations[0] * 1000 if self.durations else 0.0
        return statistics.quantiles(self.durations, n=100)[percent - 1] * 1000

    def as_wrk_output(self) -> str:
        """What wrk prints, for bench/http.py's parser."""
        bad = sum(n for status, n in self.statuses.items() if status >= 400)
        return (
            f"Requests/sec: {self.requests / self.seconds:.2f}\n"
            f" 50% {self.percentile_ms(50):.2f}ms\n"
            f" 99% {self.percentile_ms(99):.2f}ms\n"
            f"Non-2xx or 3xx responses: {bad}\n"
            f"Socket errors: connect {sum(self.failures.values())}\n"
        )


def run(
    port: int,
    paths: list[str],
    *,
    clients: int = 16,
    seconds: float = 10,
    headers: dict[str, str] | None = None,
    sample=None,
    every: float = 0.25,
    host: str = "127.0.0.1",
) -> Result:
    """Load ``paths`` (clients take them in turn) and return what came back."""
    result = Result(seconds=seconds)
    stop = threading.Event()
    sampler = None
    if sample is not None:

        def watch():
            while not stop.wait(every):
                result.samples.append(sample())

        sampler = threading.Thread(target=watch, daemon=True)
        sampler.start()
    try:
        asyncio.run(_load(host, port, paths, clients, seconds, headers or {}, result))
    finally:
        stop.set()
        if sampler is not None:
            sampler.join()
            result.samples.append(sample())
    return result


async def _load(host, port, paths, clients, seconds, headers, result):
    stop_at = time.monotonic() + seconds
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    requests = [
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode() for path in paths
    ]
    await asyncio.gather(
        *(_client(host, port, requests, n, stop_at, result) for n in range(clients))
    )


async def _client(host, port, requests, n, stop_at, result):
    writer = None
    turn = n
    while time.monotonic() < stop_at:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.monotonic()
            writer.write(requests[turn % len(requests)])
            turn += 1
            status, keep_alive = await _response(reader)
            result.durations.append(time.monotonic() - started)
            result.statuses[status] += 1
            if not keep_alive:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            result.failures[type(error).__name__] += 1
            if writer is not None:
                writer.close()
                writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


async def _response(reader) -> tuple[int, bool]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            fields[name.strip().lower()] = value.strip()
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        return status, False
    return status, fields.get("connection", "").lower() != "close"

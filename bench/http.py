"""HTTP: daphne serving the site, loaded over loopback by wrk, beside a minimal view.

Every page is compared with the smallest Django view (`/bench/ping/`) served by the
same daphne process in the same run: the ratio is what the page costs on this stack.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
CONNECTIONS = 16
THREADS = 2
SECONDS = 10


@dataclass
class Endpoint:
    name: str
    path: str
    signed_in: bool = False


@dataclass
class Measurement:
    endpoint: Endpoint
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def serve(port: int = PORT, env: dict | None = None) -> subprocess.Popen:
    """Start daphne with the bench site on ``port``; return once it answers.

    Its log goes to var/bench-daphne-<port>.log: a pipe that nobody reads fills up,
    and then every thread that logs a response blocks on it.
    """
    if not free_port(port):
        # A server left over from an interrupted run would answer instead.
        raise RuntimeError(f"Port {port} is in use: stop what listens there first.")
    log_path = ROOT / "var" / f"bench-daphne-{port}.log"
    log_path.parent.mkdir(exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
            + ["lms.asgi:application"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "lms.settings.bench",
                **(env or {}),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            url = f"http://127.0.0.1:{port}/bench/ping/"
            with urllib.request.urlopen(url, timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(log_path.read_text()[-2000:]) from None
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("daphne did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:  # daphne waits for open connections
        server.kill()
        server.wait()


def base_url() -> str:
    return f"http://127.0.0.1:{PORT}"


def measure(endpoints: list[Endpoint], cookie: str) -> list[Measurement]:
    results = []
    for endpoint in endpoints:
        headers = ["-H", f"Cookie: {cookie}"] if endpoint.signed_in else []
        _check(endpoint, cookie)
        load(endpoint.path, headers, seconds=2, connections=4)  # warm up
        results.append(_parse(endpoint, load(endpoint.path, headers)))
    return results


def load(path, headers, seconds=SECONDS, connections=CONNECTIONS) -> str:
    if shutil.which("wrk"):
        command = ["wrk", "-t", str(THREADS), "-c", str(connections)]
        command += ["-d", f"{seconds}s", "--latency", *headers, base_url() + path]
        return subprocess.run(
            command, capture_output=True, text=True, check=True
        ).stdout
    return _python_load(path, headers, seconds, connections)


def _check(endpoint: Endpoint, cookie: str) -> None:
    request = urllib.request.Request(base_url() + endpoint.path)
    if endpoint.signed_in:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{endpoint.path} answered {response.status}")
        if endpoint.signed_in and b"/accounts/logout/" not in response.read():
            raise RuntimeError(f"{endpoint.path} was not served to a signed-in student")


def _parse(endpoint: Endpoint, output: str) -> Measurement:
    def number(pattern):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else 0.0

    def latency(percentile):
        match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return 0.0
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = number(r"Non-2xx or 3xx responses:\s+(\d+)")
    errors += sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
    )
    return Measurement(
        endpoint,
        requests_per_second=number(r"Requests/sec:\s+([\d.]+)"),
        p50_ms=latency(50),
        p99_ms=latency(99),
        errors=int(errors),
    )


def _python_load(path, headers, seconds, connections) -> str:
    """A small asyncio client for machines without wrk; prints what wrk would.

    One connection per request ("Connection: close"), so it also measures connecting.
    """
    import asyncio
    import statistics

    extra = f"{headers[1]}\r\n" if headers else ""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n"
    ).encode()

    async def client(durations, bad, stop_at):
        while time.monotonic() < stop_at:
            started = time.monotonic()
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(request)
            response = await reader.read()
            writer.close()
            durations.append(time.monotonic() - started)
            bad[0] += int(not response.startswith(b"HTTP/1.1 200"))

    async def run():
        durations, bad = [], [0]
        stop_at = time.monotonic() + seconds
        await asyncio.gather(
            *(client(durations, bad, stop_at) for _ in range(connections))
        )
        return durations, bad[0]

    durations, bad = asyncio.run(run())
    cuts = statistics.quantiles(durations, n=100)
    return (
        f"Requests/sec: {len(durations) / seconds:.2f}\n"
        f" 50% {cuts[49] * 1000:.2f}ms\n 99% {cuts[98] * 1000:.2f}ms\n"
        f"Non-2xx or 3xx responses: {bad}\n"
    )


def free_port(port: int = PORT) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0

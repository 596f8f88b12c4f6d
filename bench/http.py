"""HTTP: daphne serving the site, loaded over loopback, beside a minimal view.

The load comes from wrk, or from bench/load.py where wrk is missing. Every page is
compared with the smallest Django view (`/bench/ping/`) served by the same daphne
process in the same run: the ratio is what the page costs on this stack.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import load as bench_load

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
CONNECTIONS = 16
THREADS = 2
SECONDS = 10
EVERY = 0.25  # seconds between two counts of the server's connections


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
    # Database connections the server held when the load ended, and the most seen.
    connections_end: int | None = None
    connections_peak: int | None = None


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


def measure(
    endpoints: list[Endpoint],
    cookie: str,
    count_connections: Callable[[], int] | None = None,
) -> list[Measurement]:
    """Each endpoint after a warm-up; ``count_connections`` is sampled meanwhile."""
    results = []
    for endpoint in endpoints:
        headers = {"Cookie": cookie} if endpoint.signed_in else {}
        _check(endpoint, cookie)
        load(endpoint.path, headers, seconds=2, connections=4)  # warm up
        output, held = load(endpoint.path, headers, sample=count_connections)
        results.append(_parse(endpoint, output, held))
    return results


def load(
    path: str,
    headers: dict[str, str],
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
    sample: Callable[[], int] | None = None,
) -> tuple[str, list[int]]:
    """wrk's output, and what ``sample`` returned every ``EVERY`` s and at the end."""
    if not shutil.which("wrk"):
        result = bench_load.run(
            PORT,
            [path],
            clients=connections,
            seconds=seconds,
            headers=headers,
            sample=sample,
            every=EVERY,
        )
        return result.as_wrk_output(), result.samples
    command = ["wrk", "-t", str(THREADS), "-c", str(connections)]
    # wrk leaves a request slower than its timeout (2 s) out of its percentiles: wait
    # as long as a request may wait for a pooled connection, so p99 tells the truth.
    command += ["-d", f"{seconds}s", "--timeout", "10s", "--latency", base_url() + path]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    samples = []
    while True:
        try:
            output, _ = wrk.communicate(timeout=EVERY)
            break
        except subprocess.TimeoutExpired:
            if sample is not None:
                samples.append(sample())
    if wrk.returncode:
        raise RuntimeError(f"wrk failed on {path}: {output[-2000:]}")
    if sample is not None:
        samples.append(sample())
    return output, samples


def generator() -> str:
    """The load generator that ``load`` uses on this machine, as the report names it."""
    if shutil.which("wrk"):
        return f"`wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s --timeout 10s --latency`"
    return f"{CONNECTIONS} keep-alive clients of `bench/load.py` for {SECONDS} s"


def _check(endpoint: Endpoint, cookie: str) -> None:
    request = urllib.request.Request(base_url() + endpoint.path)
    if endpoint.signed_in:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{endpoint.path} answered {response.status}")
        if endpoint.signed_in and b"/accounts/logout/" not in response.read():
            raise RuntimeError(f"{endpoint.path} was not served to a signed-in student")


def _parse(endpoint: Endpoint, output: str, held: list[int]) -> Measurement:
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
        connections_end=held[-1] if held else None,
        connections_peak=max(held) if held else None,
    )


def free_port(port: int = PORT) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0

"""Servers that the fault drills start, kill with SIGKILL and start again.

Each listens on 127.0.0.1 only, on a free port, and logs to a file of the test's own
temporary directory (a pipe that nobody reads would fill up and stall the server).
``Processes`` remembers every process it started, so a fixture can kill them all
however the test ended.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.services.drill_settings"


class Processes:
    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[subprocess.Popen] = []

    def daphne(self, port: int, **urls) -> subprocess.Popen:
        """Start daphne serving the site on ``port``; return once it answers."""
        return self.daphnes([port], **urls)[0]

    def daphnes(
        self, ports: list[int], *, database_url: str, redis_url: str
    ) -> list[subprocess.Popen]:
        """Start one daphne per port, all at once; return once all answer."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "PYTHONPATH": str(ROOT),
        }
        servers = []
        for port in ports:
            command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1"]
            command += ["-p", str(port), "lms.asgi:application"]
            servers.append(self._start(f"daphne-{port}", command, env))
        for port, server in zip(ports, servers, strict=True):
            self._wait_for_port(server, port, f"daphne-{port}")
        return servers

    def site(self, port: int, settings: str, **environment) -> subprocess.Popen:
        """daphne on ``settings`` with ``environment`` added; return once it answers."""
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **environment}
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1"]
        command += ["-p", str(port), "lms.asgi:application"]
        server = self._start(f"daphne-{port}", command, env)
        self._wait_for_port(server, port, f"daphne-{port}")
        return server

    def redis(self, port: int, name: str = "redis") -> subprocess.Popen:
        """A private redis-server without persistence: a restart forgets everything."""
        command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        server = self._start(name, command, os.environ)
        self._wait_for_port(server, port, name)
        return server

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL: no shutdown code runs, as when the machine loses the process."""
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def kill_all(self) -> None:
        for process in self.started:
            self.kill(process)

    def log(self, name: str) -> str:
        """The end of a server's log, for an assertion's message."""
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def _start(self, name, command, env) -> subprocess.Popen:
        with open(self.logs / f"{name}.log", "a", encoding="utf-8") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self.started.append(process)
        return process

    def _wait_for_port(self, process, port, name, seconds=60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped:\n{self.log(name)}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{name} did not start on port {port}:\n{self.log(name)}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds: float = 15, message: str = "condition"):
    """Poll ``condition`` until it returns something truthy; return that."""
    deadline = time.monotonic() + seconds
    while True:
        outcome = condition()
        if outcome:
            return outcome
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {message}")
        time.sleep(0.1)

"""daphne stops on SIGTERM within seconds, under load, saying goodbye to its sockets.

A real daphne on the embedded SQLite default (the bench settings: production's pooled
connections), on a copy of the test database: HTTP load and two classroom sockets,
then SIGTERM. The same on PostgreSQL and Redis: tests/services/test_shutdown.py.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, closing, contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from bench import load
from lms import shutdown
from lms.settings import bench
from lms_live.models import LiveSession
from tests.conftest import enrol, signed_in
from tests.factories import UserFactory
from tests.services.processes import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
# The grace for requests in flight, the pools and the exit, and a second for the signal
# and the machine (two cores shared with other test runs).
STOP_SECONDS = 5


@pytest.mark.sqlite_copy
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sigterm_under_load_stops_daphne_in_seconds_closing_sockets_with_1012(
    tmp_path, school
):
    session, cookies = live_class(school, bench.SECRET_KEY)
    daphne = serve(copy_of_database(tmp_path), tmp_path)
    port = daphne.port
    with ExitStack() as stack:
        sockets = [
            stack.enter_context(classroom_socket(port, session, cookie))
            for cookie in cookies
        ]
        paths = ["/bench/ping/", school["lessons"][0].url, school["course"].url]
        loaded = {}
        loading = threading.Thread(
            target=lambda: loaded.update(
                result=load.run(
                    port,
                    paths,
                    clients=16,
                    seconds=4,
                    headers={"Cookie": f"sessionid={cookies[1]}"},
                )
            )
        )
        loading.start()
        time.sleep(1.5)  # sixteen requests in flight at any moment

        daphne.process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        daphne.process.wait(timeout=30)
        took = time.monotonic() - sent
        loading.join()

        assert took < STOP_SECONDS, daphne.log()
        assert [closing_code(client) for client in sockets] == [
            shutdown.SERVICE_RESTART
        ] * 2
    result = loaded["result"]
    assert result.statuses[200] > 0 and result.server_errors == 0, result.statuses
    # Requests in flight were answered; after that, the port no longer took any.
    assert "IncompleteReadError" not in result.failures, result.failures


@pytest.mark.asyncio
async def test_responses_while_stopping_ask_the_client_to_close_its_connection():
    async def view(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    site = shutdown.GentleStop(view)
    site.stopping = True
    sent = []
    await site({"type": "http"}, None, _collect(sent))
    assert sent[0]["headers"] == [(b"connection", b"close")]
    assert sent[1]["body"] == b"ok"


@pytest.mark.asyncio
async def test_a_websocket_handshake_while_stopping_is_refused():
    async def consumer(scope, receive, send):
        raise AssertionError("not while stopping")

    async def handshake():
        return {"type": "websocket.connect"}

    site = shutdown.GentleStop(consumer)
    site.stopping = True
    sent = []
    await site({"type": "websocket"}, handshake, _collect(sent))
    assert sent == [{"type": "websocket.close"}]


# --- helpers ------------------------------------------------------------------------


def _collect(sent: list):
    async def send(message):
        sent.append(message)

    return send


class Daphne:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process = process
        self.port = port
        self.log_path = log

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def live_class(school, secret_key: str) -> tuple[LiveSession, list[str]]:
    """A class on now, with its trainer and a student signed in (with the secret key
    of the settings that daphne runs with)."""
    session = LiveSession.objects.create(
        title="Borders in practice",
        course=school["course"],
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(minutes=80),
    )
    trainer = UserFactory(groups=["Trainers"])
    student = UserFactory(groups=["Students"])
    session.trainers.add(trainer)
    enrol(student, school["course"])
    with override_settings(SECRET_KEY=secret_key):
        return session, [signed_in(trainer), signed_in(student)]


def copy_of_database(tmp_path: Path) -> Path:
    """The test database, committed (``transactional_db``), copied into a file:
    quicker than migrating one."""
    path = tmp_path / "site.sqlite3"
    with closing(sqlite3.connect(path)) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
    return path


def serve(database: Path, tmp_path: Path) -> Daphne:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "BENCH_DATABASE_URL": f"sqlite:///{database}",
        "LMS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    log = tmp_path / "daphne.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
            + ["lms.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    daphne = Daphne(process, port, log)
    try:
        wait_until(lambda: _answers(daphne), seconds=60, message="daphne to start")
    except AssertionError:
        process.kill()
        raise AssertionError(daphne.log()) from None
    return daphne


def _answers(daphne: Daphne) -> bool:
    if daphne.process.poll() is not None:
        raise AssertionError(f"daphne stopped:\n{daphne.log()}")
    try:
        socket.create_connection(("127.0.0.1", daphne.port), timeout=1).close()
    except OSError:
        return False
    return True


@contextmanager
def classroom_socket(port: int, session: LiveSession, cookie: str):
    with connect(
        f"ws://127.0.0.1:{port}/ws/live/{session.pk}/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"sessionid={cookie}"},
        proxy=None,
        open_timeout=20,
        close_timeout=1,
    ) as client:
        assert json.loads(client.recv(timeout=20))["type"] == "welcome"
        yield client


def closing_code(client) -> int | None:
    """The code of the close frame the server sent (None: the connection dropped)."""
    try:
        while True:
            client.recv(timeout=STOP_SECONDS)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None

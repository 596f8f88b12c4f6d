"""On PostgreSQL and Redis: SIGTERM stops daphne under load within seconds, with its
sockets told to reconnect and its connections given back; the worker and the scheduler
hold one or two connections whatever the pool settings, and give them back.

Each process names its connections (``DATABASE_APPLICATION_NAME``), so the test counts
them in ``pg_stat_activity``. On SQLite: tests/lms/test_shutdown.py.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import ExitStack

import pytest
from django.conf import settings
from django.db import connection

from bench import load
from lms import shutdown
from tests.lms.test_shutdown import (
    STOP_SECONDS,
    classroom_socket,
    closing_code,
    live_class,
)
from tests.services.processes import ROOT, SETTINGS, free_port, wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sigterm_under_load_stops_daphne_in_seconds_giving_connections_back(
    processes, database_url, redis_url, school, monkeypatch
):
    session, cookies = live_class(school, settings.SECRET_KEY)
    monkeypatch.setenv("DATABASE_APPLICATION_NAME", "lms-daphne-stopping")
    port = free_port()
    server = processes.daphne(port, database_url=database_url, redis_url=redis_url)
    with ExitStack() as stack:
        sockets = [
            stack.enter_context(classroom_socket(port, session, cookie))
            for cookie in cookies
        ]
        paths = ["/en/", school["lessons"][0].url, school["course"].url]
        loading = threading.Thread(
            target=load.run,
            args=(port, paths),
            kwargs={"clients": 16, "seconds": 4, "headers": cookie_header(cookies[1])},
        )
        loading.start()
        time.sleep(1.5)
        assert connections_of("lms-daphne-stopping") > 0

        server.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        server.wait(timeout=30)
        took = time.monotonic() - sent
        loading.join()

        assert took < STOP_SECONDS, processes.log(f"daphne-{port}")
        assert [closing_code(client) for client in sockets] == [
            shutdown.SERVICE_RESTART
        ] * 2
    wait_until(
        lambda: connections_of("lms-daphne-stopping") == 0,
        seconds=2,
        message="daphne's connections to close",
    )


@pytest.mark.parametrize("command, most", [("run_worker", 2), ("run_scheduler", 1)])
def test_background_processes_hold_few_connections_and_give_them_back(
    database_url, redis_url, tmp_path, command, most
):
    name = f"lms-{command}"
    process = manage(
        tmp_path,
        command,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DATABASE_APPLICATION_NAME=name,
        DATABASE_POOL_MIN_SIZE="5",  # what the pool would keep open for daphne
        LMS_TASKS_BACKEND="database",
    )
    try:
        wait_until(lambda: connections_of(name), seconds=60, message=command)
        held = []
        for _ in range(30):  # over a heartbeat (every 5 s)
            held.append(connections_of(name))
            time.sleep(0.2)
        assert max(held) <= most, held

        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        process.wait(timeout=30)
        assert time.monotonic() - sent < STOP_SECONDS
    finally:
        if process.poll() is None:
            process.kill()
    wait_until(lambda: connections_of(name) == 0, seconds=2, message="no connections")


# --- fixtures and helpers -------------------------------------------------------------


def cookie_header(cookie: str) -> dict:
    return {"Cookie": f"sessionid={cookie}"}


def connections_of(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
            [application_name],
        )
        return cursor.fetchone()[0]


def manage(tmp_path, *command: str, **environment) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(ROOT),
        **environment,
    }
    with open(tmp_path / f"{command[0]}.log", "w") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

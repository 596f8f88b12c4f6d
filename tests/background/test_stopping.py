"""The worker and the scheduler stop promptly on SIGTERM, also while SQLite is locked.

Each runs as a process of its own on the embedded SQLite default (the bench settings:
production's pooled connections), on a copy of the test database. Another process
holding SQLite's write lock is what a busy daphne does to them: the command then waits
inside SQLite's busy handler, where no Python signal handler runs.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.services.processes import wait_until

ROOT = Path(__file__).resolve().parents[2]
# The commands' grace once stopped (3 s), and a second for the machine.
PROMPTLY = 4

pytestmark = [
    pytest.mark.sqlite_copy,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def no_command_left_running():
    """However a test ended, the commands it started are killed (a worker left behind
    would go on polling its copy of the database)."""
    yield
    while Command.started:
        process = Command.started.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_scheduler_stops_at_once_while_sqlite_is_locked(tmp_path):
    database = copy_of_database(tmp_path)
    with write_lock(database):
        scheduler = Command(database, tmp_path, "run_scheduler")
        scheduler.wait_for("Scheduler is running")
        time.sleep(0.5)  # now waiting for the lock
        assert scheduler.stop() < PROMPTLY, scheduler.log()


def test_an_idle_worker_stops_at_once_while_sqlite_is_locked(tmp_path):
    database = copy_of_database(tmp_path)
    worker = Command(database, tmp_path, "run_worker")
    worker.wait_for("is running")
    with write_lock(database):
        time.sleep(1.5)  # its next look at the queue waits for the lock
        assert worker.stop() < PROMPTLY, worker.log()


def test_a_busy_worker_finishes_its_task_before_it_stops(tmp_path):
    task = queued_nap(seconds=2)
    database = copy_of_database(tmp_path)
    worker = Command(database, tmp_path, "run_worker")
    wait_until(lambda: status(database, task) == "RUNNING", seconds=60)
    worker.stop()
    assert status(database, task) == "SUCCESSFUL", worker.log()


def test_a_worker_leaves_a_task_longer_than_its_grace_to_be_requeued(tmp_path):
    task = queued_nap(seconds=60)
    database = copy_of_database(tmp_path)
    worker = Command(database, tmp_path, "run_worker", "--grace", "1")
    wait_until(lambda: status(database, task) == "RUNNING", seconds=60)
    assert worker.stop() < 1 + PROMPTLY, worker.log()
    # Still "running" under a silent worker: requeue-abandoned-tasks puts it back.
    assert status(database, task) == "RUNNING"


class Command:
    """A management command running on ``database``, as under systemd."""

    started: list[subprocess.Popen] = []

    def __init__(self, database: Path, tmp_path: Path, *command: str):
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
            "PYTHONUNBUFFERED": "1",
        }
        self.log_path = tmp_path / f"{command[0]}.log"
        with open(self.log_path, "w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        Command.started.append(self.process)

    def wait_for(self, text: str) -> None:
        wait_until(lambda: text in self.log(), seconds=60, message=text)

    def stop(self) -> float:
        """SIGTERM; the seconds until the process ended."""
        assert self.process.poll() is None, self.log()
        self.process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return time.monotonic() - sent

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def queued_nap(seconds: float) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="tests.background.tasks.nap",
        args_kwargs={"args": [seconds], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )


def copy_of_database(tmp_path: Path) -> Path:
    """The test database, committed (``transactional_db``), copied into a file in
    write-ahead-log mode, as the site keeps it: quicker than migrating one."""
    path = tmp_path / "site.sqlite3"
    with closing(sqlite3.connect(path)) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    return path


@contextmanager
def write_lock(database: Path):
    """Hold SQLite's write lock, as another process writing would."""
    with closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        yield
        writer.execute("ROLLBACK")


def status(database: Path, task: DBTaskResult) -> str:
    with closing(sqlite3.connect(database)) as reader:
        (found,) = reader.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
            [task.id.hex],
        ).fetchone()
    return found

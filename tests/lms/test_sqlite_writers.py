"""The embedded default's SQLite queues a process's writers instead of failing them."""

import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError, transaction
from django.db.utils import ConnectionHandler

from lms.settings.base import SQLITE_OPTIONS

WRITERS = 12


def crowd_of_writers(tmp_path, engine: str) -> list:
    """Twelve threads at once, each holding a write transaction for 20 ms, with a
    busy timeout of 50 ms: what a burst of quiz submits does to the database."""
    handler = ConnectionHandler(
        {
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            "file": {
                "ENGINE": engine,
                "NAME": str(tmp_path / "crowd.sqlite3"),
                "OPTIONS": {**SQLITE_OPTIONS, "timeout": 0.05},
            },
        }
    )
    with handler["file"].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS answer (n integer)")
    handler["file"].close()
    start = threading.Barrier(WRITERS)
    failures = []

    def write(number):
        connection = handler["file"]  # one per thread, as in daphne
        start.wait()
        try:
            with transaction.atomic(using="file"), connection.cursor() as cursor:
                cursor.execute("INSERT INTO answer VALUES (%s)", [number])
                time.sleep(0.02)
        except OperationalError as error:
            failures.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    with mock.patch.object(transaction, "get_connection", lambda using: handler[using]):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    with handler["file"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM answer")
        saved = cursor.fetchone()[0]
    handler["file"].close()
    return [saved, failures]


@pytest.fixture(autouse=True)
def own_database_file(django_db_blocker):
    """These tests open a file of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


def test_plain_sqlite_fails_some_writers_of_a_crowd(tmp_path):
    saved, failures = crowd_of_writers(tmp_path, "django.db.backends.sqlite3")
    assert failures and "locked" in failures[0]
    assert saved < WRITERS


@pytest.mark.parametrize("round_", range(3))
def test_the_site_s_sqlite_saves_every_writer_of_a_crowd(tmp_path, round_):
    saved, failures = crowd_of_writers(tmp_path, "lms.sqlite3")
    assert failures == []
    assert saved == WRITERS

"""The embedded default's SQLite lends a few connections per process, and a request
that finds none free in time is answered 503 with Retry-After, not 500.

daphne runs each request in a new thread: one connection per thread was one open file
handle per request (752 after a minute of load). The daphne test under load is in
tests/lms/test_sqlite_under_load.py.
"""

import sqlite3
import threading
from unittest import mock

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from lms import errors
from lms.settings.base import SQLITE_OPTIONS
from lms.sqlite3.base import PoolTimeout

THREADS = 16


@pytest.fixture
def own_database_file(django_db_blocker):
    """The pool's tests open a file of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


def file_database(tmp_path, **pool) -> ConnectionHandler:
    # The file exists in WAL mode before the threads start, as after `migrate`: the
    # first switch to WAL takes a lock that a loaded machine's other threads could
    # meet as "database is locked" (a race of the test, not of the pool).
    path = tmp_path / "pooled.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
    setup.close()
    return ConnectionHandler(
        {
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            "file": {
                "ENGINE": "lms.sqlite3",
                "NAME": str(path),
                "OPTIONS": {**SQLITE_OPTIONS, "pool": {"max_size": 3, **pool}},
            },
        }
    )


def in_threads(handler, work, count=THREADS) -> list:
    """``work(connection)`` in ``count`` threads at once, each closing its connection
    at the end as a request does; returns what failed."""
    start = threading.Barrier(count)
    failures = []

    def run():
        connection = handler["file"]  # one wrapper per thread, as in daphne
        start.wait()
        try:
            work(connection)
        except Exception as error:  # noqa: BLE001 (collected for the assertion)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def connect(connection):
    connection.ensure_connection()


def test_sixteen_threads_share_three_connections_and_each_is_opened_once(
    tmp_path, own_database_file
):
    handler = file_database(tmp_path)
    opened = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    def query(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            threading.Event().wait(0.01)  # a request's work: the others queue

    with mock.patch("django.db.backends.sqlite3.base.Database.connect", connect):
        for _ in range(3):  # three bursts of requests: nothing new is opened
            assert in_threads(handler, query) == []
    assert len(opened) <= 3


def test_a_thread_that_waits_too_long_gets_a_pool_timeout_wrapped_by_django(
    tmp_path, own_database_file
):
    handler = file_database(tmp_path, max_size=1, timeout=0.05)
    holder = handler["file"]
    holder.ensure_connection()  # the only connection, lent and not given back
    failures = in_threads(handler, connect, 2)
    holder.close()
    assert len(failures) == 2
    for failure in failures:
        assert isinstance(failure, OperationalError)
        assert isinstance(failure.__cause__, PoolTimeout)
        assert errors.is_busy(failure)
    # Given back: the next thread gets it at once.
    assert (
        in_threads(handler, lambda connection: connection.ensure_connection(), 1) == []
    )


def test_a_connection_given_back_in_a_transaction_is_rolled_back_first(
    tmp_path, own_database_file
):
    handler = file_database(tmp_path, max_size=1)
    connection = handler["file"]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text varchar)")
    connection.connection.execute("BEGIN")
    connection.connection.execute("INSERT INTO note VALUES ('half-written')")
    connection.close()  # as a request that ended in the middle of its work
    with handler["file"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        assert cursor.fetchone()[0] == 0
    handler["file"].close()


@pytest.mark.django_db
def test_a_request_that_found_no_free_connection_is_answered_503_with_retry_after(
    client, school
):
    client.raise_request_exception = False
    busy = OperationalError("No database connection came free in 10 s")
    busy.__cause__ = PoolTimeout("No database connection came free in 10 s")
    client.cookies["sessionid"] = "x" * 32
    with mock.patch.object(SessionStore, "load", side_effect=busy):
        response = client.get("/az/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "The site is very busy right now" in response.content.decode()


@pytest.mark.django_db
def test_any_other_error_is_still_a_500(client, school):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "x" * 32
    with mock.patch.object(SessionStore, "load", side_effect=OperationalError("boom")):
        response = client.get("/az/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_every_cache_object_of_a_process_shares_one_bounded_redis_pool():
    """Django makes a cache object per thread and per ASGI request; each would have
    made a pool of its own, and a busy process held a Redis connection per request."""
    from django.core.cache.backends.redis import RedisCache

    from lms.settings.connections import redis_cache

    config = redis_cache("redis://127.0.0.1:1/0")["default"]
    pools = {
        id(RedisCache(config["LOCATION"], config)._cache._get_connection_pool(True))
        for _ in range(3)
    }
    assert len(pools) == 1

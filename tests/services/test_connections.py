"""Database connections under load, with production's pooled settings on PostgreSQL.

One daphne process serves 64 clients for 10 s, signed in and not, while the test counts
its connections in ``pg_stat_activity`` (by their application name): never above the
pool's maximum, back to its minimum when idle, and no request answered 5xx. With 256
clients and a short pool timeout, a request that waits too long is answered 503 with
``Retry-After``, never 500, and PostgreSQL never refuses a connection.
"""

import os
import time

import psycopg
import pytest

from bench import load
from tests.conftest import enrol, signed_in
from tests.factories import UserFactory
from tests.services.processes import free_port, wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POOL_MIN, POOL_MAX = 1, 4


@pytest.fixture
def student_cookie(school) -> str:
    student = UserFactory(first_name="Leyla", groups=["Students"])
    enrol(student, school["course"])
    return f"sessionid={signed_in(student)}"


def serve(processes, database_url, name, **pool):
    """One daphne on production's pooled settings, its connections named ``name``."""
    port = free_port()
    environment = {
        "DATABASE_APPLICATION_NAME": name,
        "DATABASE_POOL_MIN_SIZE": str(POOL_MIN),
        "DATABASE_POOL_MAX_SIZE": str(POOL_MAX),
        "DATABASE_POOL_MAX_IDLE": "0.5",
        **{f"DATABASE_POOL_{key.upper()}": str(value) for key, value in pool.items()},
    }
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        processes.daphne(
            port, database_url=database_url, redis_url=os.environ["REDIS_URL"]
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key)
            else:
                os.environ[key] = value
    return port


def connections_named(name: str, database_url: str):
    """A function counting the server's connections, on a connection of its own."""
    watcher = psycopg.connect(database_url, autocommit=True)

    def count() -> int:
        return watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [name]
        ).fetchone()[0]

    count.close = watcher.close
    return count


def test_64_clients_for_10_seconds_stay_within_the_pool_and_see_no_5xx(
    processes, database_url, student_cookie
):
    # A pool timeout longer than any wait here: this test is about the bound.
    port = serve(processes, database_url, "lms-load-64", timeout=30)
    count = connections_named("lms-load-64", database_url)
    try:
        warm = load.run(
            port,
            ["/az/", "/az/dashboard/"],
            clients=4,
            seconds=2,
            headers={"Cookie": student_cookie},
        )
        assert set(warm.statuses) == {200}, warm.statuses
        result = load.run(
            port,
            ["/az/", "/az/dashboard/"],
            clients=64,
            seconds=10,
            headers={"Cookie": student_cookie},
            sample=count,
            every=0.2,
        )
        assert result.server_errors == 0, (
            result.statuses,
            processes.log(f"daphne-{port}"),
        )
        assert not result.failures, result.failures
        assert result.requests > 64
        assert max(result.samples) <= POOL_MAX, result.samples
        assert max(result.samples) >= 2  # the load did borrow more than one
        # Idle again: the pool closes what it no longer needs, down to its minimum.
        wait_until(lambda: count() == POOL_MIN, seconds=15, message="the pool minimum")
    finally:
        count.close()


def test_256_clients_get_503_with_retry_after_never_500_when_the_pool_runs_dry(
    processes, database_url, student_cookie
):
    port = serve(processes, database_url, "lms-load-256", timeout=0.5)
    count = connections_named("lms-load-256", database_url)
    try:
        result = load.run(
            port,
            ["/az/", "/az/dashboard/"],
            clients=256,
            seconds=6,
            headers={"Cookie": student_cookie},
            sample=count,
            every=0.2,
        )
        assert not result.failures, result.failures
        assert set(result.statuses) <= {200, 503}, result.statuses
        assert result.statuses[200] > 0
        assert max(result.samples) <= POOL_MAX, result.samples
        log = processes.log(f"daphne-{port}")
        assert "too many clients" not in log
        if result.statuses[503]:
            busy = busy_response(port, student_cookie, count)
            assert busy is None or busy.get("retry-after") == "5"
    finally:
        count.close()


def busy_response(port, cookie, count):
    """The headers of one 503 seen while the pool is kept busy, or None."""
    import http.client
    import threading

    stop = threading.Event()
    seen = {}

    def hammer():
        while not stop.is_set():
            load.run(
                port,
                ["/az/dashboard/"],
                clients=64,
                seconds=1,
                headers={"Cookie": cookie},
            )

    loader = threading.Thread(target=hammer, daemon=True)
    loader.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not seen:
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            client.request("GET", "/az/dashboard/", headers={"Cookie": cookie})
            response = client.getresponse()
            response.read()
            if response.status == 503:
                seen = {k.lower(): v for k, v in response.getheaders()}
            client.close()
    finally:
        stop.set()
        loader.join()
    return seen or None

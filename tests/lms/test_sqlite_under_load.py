"""daphne on the embedded default's SQLite under load: a bounded number of open file
handles to the database, whatever the number of clients, and no 5xx.

The daphne process serves a copy of the test database in a file (the default tier's
database lives in memory), with the bench's settings: production's, on SQLite.
"""

import os
import sqlite3

import pytest
from django.db import connection

from bench import load
from tests.conftest import enrol, signed_in
from tests.factories import UserFactory
from tests.services.processes import Processes, free_port

pytestmark = [
    pytest.mark.sqlite_copy,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POOL_MAX = 3


@pytest.fixture
def site_in_a_file(school, tmp_path):
    """The test database copied to a file, and a student's session cookie in it."""
    student = UserFactory(first_name="Leyla", groups=["Students"])
    enrol(student, school["course"])
    cookie = f"sessionid={signed_in(student)}"
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    return path, cookie


def handles(pid: int, path) -> int:
    """The process's open file descriptors on the database file."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}") == str(path)
        except OSError:
            continue
    return count


def test_32_clients_hold_at_most_the_pool_s_handles_and_see_no_5xx(
    site_in_a_file, tmp_path
):
    path, cookie = site_in_a_file
    processes = Processes(tmp_path)
    port = free_port()
    try:
        server = processes.site(
            port,
            "tests.server_settings",
            BENCH_DATABASE_URL=f"sqlite:///{path}",
            DATABASE_POOL_MAX_SIZE=str(POOL_MAX),
            DATABASE_POOL_TIMEOUT="30",
        )
        result = load.run(
            port,
            ["/az/", "/az/dashboard/"],
            clients=32,
            seconds=4,
            headers={"Cookie": cookie},
            sample=lambda: handles(server.pid, path),
            every=0.1,
        )
        log = processes.log(f"daphne-{port}")
        assert result.server_errors == 0, (result.statuses, log)
        assert result.statuses[200] > 32
        assert 1 <= max(result.samples) <= POOL_MAX, result.samples
    finally:
        processes.kill_all()

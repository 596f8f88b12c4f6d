"""The database connections a server process holds, counted from outside it.

PostgreSQL: the process's rows in ``pg_stat_activity``, which it names with
``DATABASE_APPLICATION_NAME`` (lms/settings/connections.py). SQLite: the process's
open handles to the database file, one per connection (the ``-wal`` and ``-shm``
files not counted).
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

# What the bench's daphne calls its PostgreSQL connections.
APPLICATION_NAME = "lms-bench-http"


@contextmanager
def counting(database_url: str, pid: int) -> Iterator[Callable[[], int]]:
    """A function returning how many connections ``pid`` holds to the database."""
    name = str(dj_database_url.parse(database_url)["NAME"])
    if database_url.startswith("sqlite"):
        yield lambda: open_handles(pid, Path(name))
        return
    import psycopg

    server = database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)
    # On the maintenance database, so that the count never includes the counter.
    with psycopg.connect(server + "/postgres", autocommit=True) as watcher:
        yield lambda: watcher.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = %s AND application_name = %s",
            [name, APPLICATION_NAME],
        ).fetchone()[0]


def open_handles(pid: int, path: Path) -> int:
    target = str(path.resolve())
    descriptors = Path(f"/proc/{pid}/fd")
    count = 0
    for descriptor in descriptors.iterdir():
        try:
            count += os.readlink(descriptor) == target
        except OSError:  # closed since the listing
            continue
    return count

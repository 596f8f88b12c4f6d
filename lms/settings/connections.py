"""How every process of the site connects to its database, Redis and cache: bounded.

daphne runs each HTTP request's view in a thread of its own (a new one per request), so
a connection kept by a thread is a connection lost when the thread ends: with
persistent connections (``CONN_MAX_AGE``), 64 clients exhausted PostgreSQL's 100
connections. Here every process borrows connections from one pool per database and
gives them back when a request (or a task, or a WebSocket's database call) ends, and
it never holds more than the pool's maximum. A request that waits longer than the
pool's timeout is answered 503 with ``Retry-After`` (``lms.errors``). The sizes come
from the environment; docs/deployment.md has the arithmetic.

- ``DATABASE_POOL_MIN_SIZE`` (2): connections a process keeps open when idle.
- ``DATABASE_POOL_MAX_SIZE`` (10): the most it ever holds.
- ``DATABASE_POOL_TIMEOUT`` (10 s): how long a request waits for one.
- ``DATABASE_POOL_MAX_IDLE`` (60 s): after this long unused, a connection above the
  minimum is closed (one per period).
- ``DATABASE_POOL=off``: no pool in the process, for PgBouncer in transaction mode.
- ``DATABASE_APPLICATION_NAME`` (``lms``): how the process's connections are named in
  PostgreSQL's ``pg_stat_activity`` (say ``lms-web``, ``lms-worker``).
- ``REDIS_MAX_CONNECTIONS`` (20): Redis connections per process, for the cache and
  for the channel layer's publishing each (its subscriber has one of its own).
"""

import os

import dj_database_url

# Write-ahead log: readers never wait for the worker writing; memory-mapped reads.
SQLITE_INIT = (
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
)
# Several processes (daphne, the worker) and daphne's threads share the file: a
# transaction takes the write lock when it begins, and a writer waits its turn.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": SQLITE_INIT,
}
# PostgreSQL's JIT compiles a plan once its estimated cost is high, which reports
# over thousands of learners reach: compiling took 1.3 s of a 1.5 s query there
# (docs/benchmarks.md). The queries of a web page are short; they run better without.
POSTGRESQL_OPTIONS = {"options": "-c jit=off"}


def _number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def pool_options() -> dict:
    """The connection pool of one process, from the environment."""
    min_size = int(_number("DATABASE_POOL_MIN_SIZE", 2))
    return {
        "min_size": min_size,
        "max_size": max(min_size, int(_number("DATABASE_POOL_MAX_SIZE", 10))),
        "timeout": _number("DATABASE_POOL_TIMEOUT", 10),
        "max_idle": _number("DATABASE_POOL_MAX_IDLE", 60),
    }


def pooled() -> bool:
    return os.environ.get("DATABASE_POOL", "on").strip().lower() not in {
        "off",
        "0",
        "false",
        "no",
    }


def database(url: str) -> dict:
    """The database at ``url`` as the site's processes open it: from a pool, with
    connections given back at the end of each request (``CONN_MAX_AGE`` 0)."""
    config = dj_database_url.parse(url)
    engine = config["ENGINE"]
    if engine.endswith("postgresql"):
        options = {
            **POSTGRESQL_OPTIONS,
            "application_name": os.environ.get("DATABASE_APPLICATION_NAME", "lms"),
            **config.get("OPTIONS", {}),
        }
        if pooled():
            options["pool"] = pool_options()
        else:
            # PgBouncer in transaction mode: a cursor may not outlive a transaction,
            # and the startup option is lost (set jit=off on the database instead).
            config["DISABLE_SERVER_SIDE_CURSORS"] = True
        config["OPTIONS"] = options
    elif engine.endswith("sqlite3"):
        config["ENGINE"] = "lms.sqlite3"
        config["OPTIONS"] = {**SQLITE_OPTIONS, "pool": pool_options()}
    config["CONN_MAX_AGE"] = 0
    config["CONN_HEALTH_CHECKS"] = True  # the pool checks a connection it lends
    return config


def redis_max_connections() -> int:
    return max(1, int(_number("REDIS_MAX_CONNECTIONS", 20)))


def redis_channel_layers(url: str) -> dict:
    """Redis pub/sub on ``url``: several daphne processes serve one live session (why
    this layer, and why a subclass of channels-redis's: lms_live/layers.py)."""
    # A publish to a Redis that stopped answering fails within 5 s instead of hanging.
    # Publishing waits up to 5 s for one of a bounded number of connections; the pool
    # holds one more, which the subscriber keeps.
    host = {
        "address": url,
        "socket_timeout": 5,
        "max_connections": redis_max_connections() + 1,
        "timeout": 5,
        "client_name": "lms-channels",
    }
    return {
        "default": {
            "BACKEND": "lms_live.layers.ResumablePubSubChannelLayer",
            "CONFIG": {"hosts": [host]},
        }
    }


def redis_cache(url: str) -> dict:
    """Django's Redis cache on ``url``, with one bounded pool per process: a thread
    waits up to 5 s for a connection rather than opening one more. While Redis does
    not answer, pages are served without it (lms/cache.py)."""
    return {
        "default": {
            "BACKEND": "lms.cache.ForgivingRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "pool_class": "lms.cache.SharedBlockingConnectionPool",
                "max_connections": redis_max_connections(),
                "timeout": 5,
                "socket_timeout": 5,
                "client_name": "lms-cache",
            },
        }
    }

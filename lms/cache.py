"""The Redis cache's connection pool: one per process (lms/settings/connections.py)."""

import threading

import redis


class SharedBlockingConnectionPool(redis.BlockingConnectionPool):
    """redis-py's blocking pool, one per process and address.

    Django gives each thread and each request under ASGI a cache object of its own,
    and each makes its own pool (Django ticket #35651): ``max_connections`` would bound
    one request, and a busy process held a connection per request until the garbage
    collector came by. Here every cache object gets the pool the first one made.
    """

    _pools: dict = {}
    _lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **options) -> "SharedBlockingConnectionPool":
        key = (url, *sorted(options.items()))
        with cls._lock:
            if key not in cls._pools:
                cls._pools[key] = super().from_url(url, **options)
            return cls._pools[key]

"""The Redis cache: one connection pool per process (lms/settings/connections.py),
and a cache that goes on without Redis when it stops answering."""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


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


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, which logs a Redis that does not answer and carries on.

    Everything the site keeps in the cache can be rebuilt (sessions are in the
    database): while Redis is away a read finds nothing and a write keeps nothing, so
    pages are rendered as if nothing were kept, and a limit counts from one. After a
    failure Redis is left alone for ``RETRY_AFTER`` seconds, so a Redis that hangs
    costs one wait, not one per call.
    """

    RETRY_AFTER = 5.0
    _down_until = 0.0

    def get(self, key, default=None, version=None):
        return self._forgiving(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._forgiving(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._forgiving(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As if the key were new: a limit counts from one again.
        return self._forgiving(super().add, True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forgiving(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(super().set_many, [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._forgiving(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._forgiving(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._forgiving(super().incr, missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found: the cache does not answer")
        return value

    def clear(self):
        return self._forgiving(super().clear, False)

    def _forgiving(self, call, fallback, *arguments):
        cls = type(self)
        if time.monotonic() < cls._down_until:
            return fallback
        try:
            return call(*arguments)
        except redis.RedisError:
            cls._down_until = time.monotonic() + self.RETRY_AFTER
            logger.error(
                "Redis did not answer the cache; going on without it for %s s",
                self.RETRY_AFTER,
                exc_info=True,
            )
            return fallback

"""The site's 500 handler, which answers 503 when the server is only busy.

A request that waited the pool's whole timeout for a database connection (all of the
process's connections lent to other requests: lms/settings/connections.py), or for a
Redis connection, did nothing wrong: it is answered "503 Service Unavailable" with
``Retry-After``, which browsers, proxies and load balancers understand, instead of a
500. The page names no data and needs no database.
"""

import sys

from django.http import HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 5


def server_error(request, template_name="500.html"):
    if is_busy(sys.exc_info()[1]):
        return busy()
    return defaults.server_error(request, template_name)


def busy() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_busy(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) is a pool that had nothing to lend."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if _is_pool_timeout(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def _is_pool_timeout(error: BaseException) -> bool:
    # psycopg_pool's PoolTimeout, lms.sqlite3's PoolTimeout, and redis-py's blocking
    # pool, which says "No connection available." when it times out.
    if type(error).__name__ == "PoolTimeout":
        return True
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
    except ImportError:  # pragma: no cover (redis is a dependency of channels-redis)
        return False
    return isinstance(error, RedisConnectionError) and "No connection available" in str(
        error
    )

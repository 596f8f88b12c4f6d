"""A fixed-window limit per client address, counted in Django's cache.

With several processes the cache must be shared (Redis in production) for the limit
to hold across them; the embedded default counts per process.
"""

import time

from django.core.cache import cache


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count one request of this client in ``scope``; False once over ``limit``."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"lms:throttle:{scope}:{address}:{int(time.time() // window)}"
    if cache.add(key, 1, window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, window)
        return True

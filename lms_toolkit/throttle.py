"""Limits on how often someone may try something, counted in Django's cache.

Two kinds: ``allow`` counts every request of a client address in a fixed window
(public pages against guessing); ``wrong_codes_allowed`` and ``count_wrong_code``
count only wrong codes, and the one that reaches the limit earns the full wait.
With several processes the cache must be shared (Redis in production) for a limit
to hold across them; the embedded default counts per process.
"""

import time

from django.core.cache import cache


class TooManyWrongCodes(Exception):
    """Refused without looking at the code: this person must wait first."""


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count one request of this client in ``scope``; False once over ``limit``."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"lms:throttle:{scope}:{address}:{int(time.time() // window)}"
    return _counted(key, window) <= limit


def wrong_codes_allowed(scope: str, limit: int) -> bool:
    """False once ``limit`` wrong codes are counted in ``scope`` (what is guessed
    and by whom, e.g. ``live-check-in:42:7``), until their wait has passed."""
    return cache.get(_wrong_codes_key(scope), 0) < limit


def count_wrong_code(scope: str, limit: int, seconds: float) -> None:
    """One more wrong code in ``scope``; the one that reaches ``limit`` starts the
    full wait of ``seconds``."""
    key = _wrong_codes_key(scope)
    if _counted(key, seconds) >= limit:
        cache.touch(key, timeout=seconds)


def _counted(key: str, seconds: float) -> int:
    """Add one to the count under ``key``, which starts at 1 and lives ``seconds``."""
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        return 1


def _wrong_codes_key(scope: str) -> str:
    return f"lms:wrong-codes:{scope}"

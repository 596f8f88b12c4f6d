"""Wrong check-in codes, counted per person and session, and the wait they earn.

The room's code has six digits. The socket and the check-in page count wrong codes
together, in the cache (every daphne process and the page see the same count): after
``LMS_LIVE_CHECK_IN_LIMIT`` of them, every attempt is refused, the right code too,
until the wait has passed.
"""

from django.core.cache import cache

from . import conf


class TooManyWrongCodes(Exception):
    """Refused without looking at the code: this person must wait first."""


def check_in_allowed(session_id: int, user_id: int) -> bool:
    limit, _seconds = conf.check_in_limit()
    return cache.get(_key(session_id, user_id), 0) < limit


def count_wrong_code(session_id: int, user_id: int) -> None:
    """One more wrong code; the one that reaches the limit starts the full wait."""
    limit, seconds = conf.check_in_limit()
    key = _key(session_id, user_id)
    if cache.add(key, 1, timeout=seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # it expired in between
            cache.add(key, 1, timeout=seconds)
            count = 1
    if count >= limit:
        cache.touch(key, timeout=seconds)


def _key(session_id: int, user_id: int) -> str:
    return f"lms.live.wrong-codes.{int(session_id)}.{int(user_id)}"

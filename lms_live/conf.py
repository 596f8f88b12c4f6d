"""Settings of the live app, each with a default so it fits any Wagtail site."""

from django.conf import settings


def recheck_seconds() -> float:
    """How often a connection checks that its user may still be in the session."""
    return getattr(settings, "LMS_LIVE_RECHECK_SECONDS", 30)


def flood_limit() -> tuple[int, float]:
    """At most this many messages in this many seconds; twice as many disconnects."""
    return getattr(settings, "LMS_LIVE_FLOOD_LIMIT", (20, 5.0))


def check_in_limit() -> tuple[int, float]:
    """After this many wrong check-in codes, a person waits this many seconds."""
    return getattr(settings, "LMS_LIVE_CHECK_IN_LIMIT", (20, 600.0))


def presence_seconds() -> float:
    """How long joins and leaves are gathered into one presence frame."""
    return getattr(settings, "LMS_LIVE_PRESENCE_SECONDS", 1.0)


def stale_seconds() -> float:
    """A connection not seen for this long is gone (its server stopped)."""
    return 2 * recheck_seconds() + 15

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


def send_buffer_bytes() -> int:
    """A socket with more than this many bytes not yet sent to its reader is closed
    (CLOSE_TOO_SLOW): it reconnects and resumes with ``hello``. Measured where the
    room writes straight to daphne's sockets (``wire``)."""
    return getattr(settings, "LMS_LIVE_SEND_BUFFER_BYTES", 1024 * 1024)


def test_drop_seq() -> int | None:
    """Tests only, never set in production: each room leaves out, for every socket,
    the first frame it hands on that carries the event with this sequence number, so
    that a test can show a page catching up on a gap."""
    return getattr(settings, "LMS_LIVE_TEST_DROP_SEQ", None)

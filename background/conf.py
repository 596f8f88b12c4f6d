"""Settings of the background app. Each has a default, so it fits any Wagtail site."""

from django.conf import settings


def email_attempts() -> int:
    """How many times an email is tried before it is reported as failed."""
    return getattr(settings, "LMS_EMAIL_ATTEMPTS", 6)


def retry_backoff_seconds() -> int:
    """The wait before the first retry; each later retry waits twice as long."""
    return getattr(settings, "LMS_RETRY_BACKOFF_SECONDS", 30)


def heartbeat_seconds() -> int:
    """How often a worker says it is alive."""
    return getattr(settings, "LMS_WORKER_HEARTBEAT_SECONDS", 5)


def abandoned_after_seconds() -> int:
    """A running task whose worker has been silent this long is run again."""
    return getattr(settings, "LMS_TASK_ABANDONED_AFTER_SECONDS", 30)


def scheduler_interval_seconds() -> int:
    return getattr(settings, "LMS_SCHEDULER_INTERVAL_SECONDS", 15)


def unverified_signup_days() -> int:
    """Unconfirmed sign-ups older than this many days are deleted."""
    return getattr(settings, "LMS_UNVERIFIED_SIGNUP_DAYS", 14)


def scheduled_jobs() -> list[dict]:
    """The jobs the scheduler runs: name, schedule and task (a dotted path)."""
    from .schedule import DEFAULT_JOBS

    return getattr(settings, "LMS_SCHEDULED_JOBS", DEFAULT_JOBS)

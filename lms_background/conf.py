"""Settings of the background app. Each has a default, so it fits any Wagtail site."""

from django.conf import settings

# Without LMS_SCHEDULED_JOBS, the scheduler runs the background app's own jobs.
DEFAULT_JOBS = [
    {
        "name": "publish-scheduled-pages",
        "task": "lms_background.jobs.publish_scheduled_pages",
        "every_minutes": 1,
    },
    {
        "name": "requeue-abandoned-tasks",
        "task": "lms_background.jobs.requeue_abandoned_tasks",
        "every_minutes": 1,
    },
    {
        "name": "purge-expired-sessions",
        "task": "lms_background.jobs.purge_expired_sessions",
        "daily_at": "03:00",
    },
]


def email_attempts() -> int:
    """How many times an email is tried before it is reported as failed."""
    return getattr(settings, "LMS_EMAIL_ATTEMPTS", 6)


def retry_backoff_seconds() -> int:
    """The wait before the first retry; each later retry waits twice as long."""
    return getattr(settings, "LMS_RETRY_BACKOFF_SECONDS", 30)


def heartbeat_seconds() -> int:
    """How often a worker says it is alive."""
    return getattr(settings, "LMS_WORKER_HEARTBEAT_SECONDS", 5)


def worker_claim_size() -> int:
    """How many quick tasks a worker claims at once (one transaction for them all)."""
    return max(1, getattr(settings, "LMS_WORKER_CLAIM_SIZE", 50))


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
    return getattr(settings, "LMS_SCHEDULED_JOBS", DEFAULT_JOBS)

"""Settings of the assistance desk, each with a default so it fits any Wagtail site."""

from pathlib import Path

from django.conf import settings


def qualification_name() -> str:
    """The qualification (its English name) a volunteer needs to record a request."""
    return getattr(settings, "LMS_ASSISTANCE_QUALIFICATION", "Assistance desk basics")


def dpo_group_name() -> str:
    """The group of data-protection officers: they read the audit log."""
    return getattr(settings, "LMS_ASSISTANCE_DPO_GROUP", "Data protection officers")


def retention_months() -> int:
    """How long after a request closes its personal data is anonymised."""
    return getattr(settings, "LMS_ASSISTANCE_RETENTION_MONTHS", 12)


def max_open_tasks() -> int:
    """A volunteer holding this many open requests is not suggested for more."""
    return getattr(settings, "LMS_ASSISTANCE_MAX_OPEN_TASKS", 3)


def grant_days() -> int:
    """How long a data-protection officer's access to one request lasts."""
    return getattr(settings, "LMS_ASSISTANCE_GRANT_DAYS", 7)


def booking_rate() -> tuple[int, int]:
    """At most this many booking attempts per address per this many seconds."""
    return getattr(settings, "LMS_ASSISTANCE_BOOKING_RATE", (10, 600))


def document_root() -> Path:
    """Where request documents live: outside MEDIA_ROOT, so no URL serves them."""
    root = getattr(settings, "LMS_ASSISTANCE_DOCUMENT_ROOT", None)
    if root is None:
        return Path(settings.MEDIA_ROOT).parent / "private" / "assistance"
    return Path(root)

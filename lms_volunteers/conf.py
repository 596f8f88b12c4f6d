"""Settings of the volunteers app, each with a default so it fits any Wagtail site."""

from django.conf import settings


def expiry_reminder_days() -> int:
    """How many days before a qualification expires its holder is reminded."""
    return getattr(settings, "LMS_VOLUNTEERS_EXPIRY_REMINDER_DAYS", 30)


def staff_group_name() -> str:
    """The Wagtail group of the union's staff, who run the pipeline."""
    return getattr(settings, "LMS_VOLUNTEERS_STAFF_GROUP", "Volunteer staff")


def shift_reminder_hours() -> int:
    """How long before a shift starts its volunteers are reminded."""
    return getattr(settings, "LMS_VOLUNTEERS_SHIFT_REMINDER_HOURS", 24)

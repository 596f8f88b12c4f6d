"""Settings of the insights app, each with a default so it fits any Wagtail site."""

from django.conf import settings


def inactive_days() -> int:
    """A learner with no activity for this many days is at risk."""
    return getattr(settings, "LMS_INSIGHTS_INACTIVE_DAYS", 14)


def final_stretch_days() -> int:
    """In the cohort's last this-many days, a learner below the pass mark is at risk."""
    return getattr(settings, "LMS_INSIGHTS_FINAL_STRETCH_DAYS", 45)


def pass_mark() -> int:
    """The quiz average (in percent) below which a learner is behind."""
    return getattr(settings, "LMS_INSIGHTS_PASS_MARK", 60)

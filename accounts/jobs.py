"""Scheduled jobs of the accounts app."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from lms_background import conf


@task()
def purge_unverified_signups() -> int:
    """Delete sign-ups never confirmed after ``LMS_UNVERIFIED_SIGNUP_DAYS`` days.

    Only accounts that were never active qualify: a learner a coordinator deactivated
    has logged in before and is kept.
    """
    cutoff = timezone.now() - timedelta(days=conf.unverified_signup_days())
    deleted, _ = (
        get_user_model()
        .objects.filter(
            is_active=False,
            last_login__isnull=True,
            date_joined__lt=cutoff,
            is_staff=False,
            is_superuser=False,
        )
        .delete()
    )
    return deleted

"""Coordinators run admission; trainers never see applications."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS

from courses.roles import ensure_roles

COORDINATOR_PERMISSIONS = [
    "add_cohort",
    "change_cohort",
    "view_cohort",
    "view_application",
    "change_application",
    "review_application",
]


def grant_admission_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Give Coordinators the admission permissions; safe to run again."""
    create_permissions(sender, verbosity=0, using=using)
    groups = ensure_roles()
    groups["coordinators"].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cohorts", codename__in=COORDINATOR_PERMISSIONS
        )
    )
    # Trainers may see the cohorts they teach in, never the applications.
    groups["trainers"].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cohorts", codename="view_cohort"
        )
    )

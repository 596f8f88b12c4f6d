"""Coordinators run admission; trainers never see applications."""

from django.db import DEFAULT_DB_ALIAS

from lms_courses.roles import grant_app_permissions

COORDINATOR_PERMISSIONS = [
    "add_cohort",
    "change_cohort",
    "view_cohort",
    "view_application",
    "change_application",
    "review_application",
]


def grant_admission_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Trainers may see the cohorts they teach in, never the applications.
    grant_app_permissions(
        sender,
        {"coordinators": COORDINATOR_PERMISSIONS, "trainers": ["view_cohort"]},
        using,
    )

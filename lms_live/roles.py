"""Trainers and Coordinators schedule live sessions and keep attendance."""

from django.db import DEFAULT_DB_ALIAS

from lms_courses.roles import grant_app_permissions

LIVE_PERMISSIONS = [
    "add_livesession",
    "change_livesession",
    "view_livesession",
    "view_attendance",
    "change_attendance",
]


def grant_live_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    grant_app_permissions(
        sender, {"trainers": LIVE_PERMISSIONS, "coordinators": LIVE_PERMISSIONS}, using
    )

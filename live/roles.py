"""Trainers and Coordinators schedule live sessions and keep attendance."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS

from courses.roles import ensure_roles

LIVE_PERMISSIONS = [
    "add_livesession",
    "change_livesession",
    "view_livesession",
    "view_attendance",
    "change_attendance",
]


def grant_live_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Safe to run again."""
    create_permissions(sender, verbosity=0, using=using)
    groups = ensure_roles()
    permissions = Permission.objects.filter(
        content_type__app_label="live", codename__in=LIVE_PERMISSIONS
    )
    for role in ("trainers", "coordinators"):
        groups[role].permissions.add(*permissions)

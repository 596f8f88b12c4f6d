"""Trainers and Coordinators grant quiz accommodations."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS

from courses.roles import ensure_roles

ACCOMMODATION_PERMISSIONS = [
    "add_quizoverride",
    "change_quizoverride",
    "view_quizoverride",
    "delete_quizoverride",
]


def grant_quiz_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Safe to run again."""
    create_permissions(sender, verbosity=0, using=using)
    groups = ensure_roles()
    permissions = Permission.objects.filter(
        content_type__app_label="quizzes", codename__in=ACCOMMODATION_PERMISSIONS
    )
    for role in ("trainers", "coordinators"):
        groups[role].permissions.add(*permissions)

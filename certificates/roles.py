"""Coordinators issue and revoke certificates and set the rules; trainers look."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS

from courses.roles import ensure_roles

COORDINATOR_PERMISSIONS = [
    "add_certificate",
    "change_certificate",
    "view_certificate",
    "add_certificaterule",
    "change_certificaterule",
    "delete_certificaterule",
    "view_certificaterule",
    "add_projectcompletion",
    "change_projectcompletion",
    "delete_projectcompletion",
    "view_projectcompletion",
]
TRAINER_PERMISSIONS = ["view_certificaterule", "view_projectcompletion"]


def grant_certificate_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Safe to run again."""
    create_permissions(sender, verbosity=0, using=using)
    groups = ensure_roles()
    for role, codenames in [
        ("coordinators", COORDINATOR_PERMISSIONS),
        ("trainers", TRAINER_PERMISSIONS),
    ]:
        groups[role].permissions.add(
            *Permission.objects.filter(
                content_type__app_label="certificates", codename__in=codenames
            )
        )

"""Coordinators issue and revoke certificates and set the rules; trainers look."""

from django.db import DEFAULT_DB_ALIAS

from lms_courses.roles import grant_app_permissions

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
    grant_app_permissions(
        sender,
        {"coordinators": COORDINATOR_PERMISSIONS, "trainers": TRAINER_PERMISSIONS},
        using,
    )

"""Trainers and Coordinators grant quiz accommodations."""

from django.db import DEFAULT_DB_ALIAS

from lms_courses.roles import grant_app_permissions

ACCOMMODATION_PERMISSIONS = [
    "add_quizoverride",
    "change_quizoverride",
    "view_quizoverride",
    "delete_quizoverride",
]


def grant_quiz_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    grant_app_permissions(
        sender,
        {
            "trainers": ACCOMMODATION_PERMISSIONS,
            "coordinators": ACCOMMODATION_PERMISSIONS,
        },
        using,
    )

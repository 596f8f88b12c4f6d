"""The union's staff as a Wagtail group: they run the pipeline and the qualifications.

Coordinators of the School see the volunteers too; trainers and students do not.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

from courses.roles import ensure_roles

from . import conf

STAFF_PERMISSIONS = [
    "view_volunteer",
    "change_volunteer",
    "add_qualification",
    "change_qualification",
    "view_qualification",
    "add_qualificationgrant",
    "change_qualificationgrant",
    "view_qualificationgrant",
    "add_pledge",
    "change_pledge",
    "view_pledge",
]
COORDINATOR_PERMISSIONS = ["view_volunteer", "view_qualification"]


def grant_union_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the staff group with its permissions; safe to run again."""
    create_permissions(sender, verbosity=0, using=using)
    staff, _created = Group.objects.get_or_create(name=conf.staff_group_name())
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    staff.permissions.add(
        access_admin,
        *Permission.objects.filter(
            content_type__app_label=sender.label, codename__in=STAFF_PERMISSIONS
        ),
    )
    ensure_roles()["coordinators"].permissions.add(
        *Permission.objects.filter(
            content_type__app_label=sender.label, codename__in=COORDINATOR_PERMISSIONS
        )
    )

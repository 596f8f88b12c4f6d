"""The union's staff as a Wagtail group: they run the pipeline, the qualifications,
the shifts, the hours and the letters of service.

Coordinators of the School see all of it without changing anything; trainers and
students see none of it.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import GroupPagePermission

from lms_courses.roles import ensure_roles

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
    # Shifts are cancelled, never deleted: the sign-ups and hours keep their history.
    "add_shift",
    "change_shift",
    "view_shift",
    "change_signup",
    "view_signup",
    "change_hoursentry",
    "view_hoursentry",
    "change_serviceletter",
    "view_serviceletter",
]
COORDINATOR_PERMISSIONS = [
    "view_volunteer",
    "view_qualification",
    "view_shift",
    "view_signup",
    "view_hoursentry",
    "view_serviceletter",
]


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


UNION_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_union_page_permissions(union_page) -> None:
    """Let the union's staff write and publish departments and projects under the
    union's home; safe to run again."""
    staff, _created = Group.objects.get_or_create(name=conf.staff_group_name())
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=UNION_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=staff, page=union_page, permission=permission
        )

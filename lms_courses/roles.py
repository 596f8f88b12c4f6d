"""The School's roles as Wagtail groups: Trainers, Coordinators and Students.

Trainers author and publish the curriculum; Coordinators also manage learners;
Students never reach the admin. Groups are (re)created after every ``migrate``, and
each course catalogue page grants the curriculum permissions on its subtree.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from . import conf

CURRICULUM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
COORDINATOR_PAGE_PERMISSIONS = CURRICULUM_PAGE_PERMISSIONS + ["unlock_page"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def ensure_roles() -> dict[str, Group]:
    """Create the three groups with their model permissions; safe to run again."""
    trainers, _ = Group.objects.get_or_create(name=conf.trainers_group_name())
    coordinators, _ = Group.objects.get_or_create(name=conf.coordinators_group_name())
    students, _ = Group.objects.get_or_create(name=conf.students_group_name())

    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    user_model = get_user_model()
    user_permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(user_model),
        codename__in=["add_user", "change_user", "view_user"],
    )
    progress = Permission.objects.filter(
        content_type__app_label="lms_courses", codename="view_learner_progress"
    )
    enrolment_permissions = Permission.objects.filter(
        content_type__app_label="lms_courses",
        codename__in=["add_enrolment", "change_enrolment", "view_enrolment"],
    )
    # wagtail-localize's "Translate this page", when it is installed.
    translate = Permission.objects.filter(codename="submit_translation")
    # The background work screens (recent tasks and emails, "run again").
    background = Permission.objects.filter(
        content_type__app_label__in=["django_tasks_database", "lms_background"],
        codename__in=[
            "view_dbtaskresult",
            "change_dbtaskresult",
            "view_outgoingemail",
        ],
    )
    trainers.permissions.add(admin_access, *progress, *translate)
    coordinators.permissions.add(
        admin_access,
        *user_permissions,
        *progress,
        *enrolment_permissions,
        *translate,
        *background,
    )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for group in (trainers, coordinators):
            for app_label, codenames in MEDIA_PERMISSIONS.items():
                for permission in Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                ):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
    return {"trainers": trainers, "coordinators": coordinators, "students": students}


def grant_curriculum_permissions(page) -> None:
    """Let Trainers and Coordinators author and publish everything below ``page``."""
    groups = ensure_roles()
    for group, codenames in (
        (groups["trainers"], CURRICULUM_PAGE_PERMISSIONS),
        (groups["coordinators"], COORDINATOR_PAGE_PERMISSIONS),
    ):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )


def grant_app_permissions(
    app_config, grants: dict[str, list[str]], using=DEFAULT_DB_ALIAS
) -> None:
    """Give each role (``"trainers"``, ``"coordinators"``) these model permissions of
    ``app_config``; for the apps' post_migrate receivers, safe to run again."""
    create_permissions(app_config, verbosity=0, using=using)
    groups = ensure_roles()
    for role, codenames in grants.items():
        groups[role].permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_config.label, codename__in=codenames
            )
        )


def ensure_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # post_migrate reaches apps in order; create every app's permissions first.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()

"""Who the signed-in person is to the School, and the links the header offers them.

Each LMS app says what roles it knows with ``@hooks.register("lms_user_roles")``: a
function taking the user and returning ``{role: boolean expression over the user
row}`` (an ``Exists`` or a ``Q``). ``roles_of(request)`` asks them all in one query
and keeps the answer for ``LMS_ROLES_CACHE_SECONDS``; what changes a role calls
``forget_roles``. Apps offer header links with
``@hooks.register("lms_navigation_links")``: a function taking ``(request, roles)`` and
returning ``NavigationLink``s, which must follow from the roles alone (pages are kept
per role set: ``audience``). courses never imports the apps that add roles or links.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from wagtail import hooks

from . import conf
from .models.learning import Enrolment

logger = logging.getLogger(__name__)

ROLES_HOOK = "lms_user_roles"
LINKS_HOOK = "lms_navigation_links"
# Roles a superuser holds without joining anything: every screen of the staff.
STAFF_ROLES = frozenset(
    {"trainer", "coordinator", "union_staff", "desk_staff", "dpo", "desk", "admin"}
)


@dataclass(frozen=True)
class NavigationLink:
    label: str
    url: str
    order: int = 100


def roles_of(request) -> frozenset[str]:
    """The roles of the request's user: remembered for the request, and in the cache
    for ``LMS_ROLES_CACHE_SECONDS`` (building the one query costs more than running
    it)."""
    cached = getattr(request, "_lms_roles", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    roles: frozenset[str] = frozenset()
    if user is not None and user.is_authenticated:
        roles = _remembered_roles(user)
        if user.is_superuser:
            roles |= STAFF_ROLES
        # What reads a user's records may skip a query their roles answer (an
        # applicant's applications, a certificate holder's certificates).
        user.lms_roles = roles
    request._lms_roles = roles
    return roles


def audience(request) -> str | None:
    """Whom a page kept with personal parts (lms_toolkit/personal.py) is drawn for:
    the reader's roles, from which the header's links follow. None for those who may
    open the admin: Wagtail's user bar is drawn for each editor."""
    roles = roles_of(request)
    if "admin" in roles:
        return None
    return "+".join(sorted(roles)) or "-"


def forget_roles(user_id) -> None:
    """Ask the database for this person's roles on their next request."""
    try:
        cache.delete(_cache_key(user_id))
    except Exception:  # noqa: BLE001  # a cache that is down only costs the query
        logger.warning("Could not forget the roles of user %s", user_id, exc_info=True)


def navigation_links(request) -> list[NavigationLink]:
    roles = roles_of(request)
    links = [
        link
        for links_for in hooks.get_hooks(LINKS_HOOK)
        for link in (links_for(request, roles) or [])
    ]
    return sorted(links, key=lambda link: link.order)


def _remembered_roles(user) -> frozenset[str]:
    seconds = conf.roles_cache_seconds()
    key = _cache_key(user.pk)
    if seconds:
        try:
            stored = cache.get(key)
        except Exception:  # noqa: BLE001  # the page still serves without the cache
            logger.warning("The cache did not answer for roles", exc_info=True)
            stored = None
        if stored is not None:
            return frozenset(stored)
    roles = _roles_from_database(user)
    if seconds:
        try:
            cache.set(key, sorted(roles), seconds)
        except Exception:  # noqa: BLE001
            logger.warning("The cache did not keep roles", exc_info=True)
    return roles


def _roles_from_database(user) -> frozenset[str]:
    expressions = {}
    for roles_for in hooks.get_hooks(ROLES_HOOK):
        expressions.update(roles_for(user))
    if not expressions:
        return frozenset()
    annotations = {
        f"lms_role_{name}": ExpressionWrapper(expression, output_field=BooleanField())
        for name, expression in expressions.items()
    }
    row = (
        get_user_model().objects.filter(pk=user.pk).values(**annotations).first()
    ) or {}
    return frozenset(name for name in expressions if row.get(f"lms_role_{name}"))


def _cache_key(user_id) -> str:
    return f"lms:roles:{user_id}"


def in_group(name: str) -> Exists:
    """A role expression: the user belongs to the group called ``name``."""
    return Exists(Group.objects.filter(user=OuterRef("pk"), name=name))


def course_roles(user) -> dict:
    """The School's own roles: a student learns, trainers and coordinators teach."""
    return {
        "student": in_group(conf.students_group_name())
        | Exists(Enrolment.objects.active().filter(user=OuterRef("pk"))),
        "trainer": in_group(conf.trainers_group_name()),
        "coordinator": in_group(conf.coordinators_group_name()),
        # May open the Wagtail admin: the header's link, without two permission
        # queries on every page.
        "admin": Exists(
            Permission.objects.filter(
                Q(group__user=OuterRef("pk")) | Q(user=OuterRef("pk")),
                content_type__app_label="wagtailadmin",
                codename="access_admin",
            )
        ),
    }

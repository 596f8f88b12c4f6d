"""A person's data: the copy they download, and the deletion of their account.

Each learning app gives its part through ``<app>.personal_data``: ``records_of(user)``
for the copy and ``anonymise(user, placeholder)`` for the deletion, so the apps never
import from here.

Deleting an account keeps the School's numbers right. Every row that counts in a
statistic (enrolments and completed lessons, quiz attempts and results, attendance,
poll votes, sent applications and their scores) moves to a placeholder account made
for this one deletion: an inactive user with no name, no password and an address at
``.invalid``. A placeholder per deleted person, rather than a NULL learner, keeps
every constraint of the form (learner, quiz, number) or (learner, lesson) valid with
no schema change, keeps "how many learners" counts right, and never hands ``None`` to
the reports that print a learner's name. What the person wrote or is (names, address,
application texts, chat, accommodations, emails) is removed. Certificates keep the
name they were issued in and stay verifiable; their holder becomes empty.
"""

import secrets
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms_background import personal_data as background_data
from lms_certificates import personal_data as certificates_data
from lms_cohorts import personal_data as cohorts_data
from lms_courses import conf as courses_conf
from lms_courses import personal_data as courses_data
from lms_live import personal_data as live_data
from lms_quizzes import personal_data as quizzes_data
from lms_volunteers import personal_data as volunteers_data

FORMAT = "migration-school-personal-data/1"
DELETE_ACTION = "accounts.delete_account"
PLACEHOLDER_DOMAIN = "deleted.invalid"

# In the order the copy lists them and the deletion runs.
APPS = [
    cohorts_data,
    courses_data,
    quizzes_data,
    live_data,
    volunteers_data,
    background_data,
]


def export(user, *, absolute_url: Callable[[str], str] = str) -> dict:
    """Everything the School holds about ``user``, as plain values for JSON; the
    number of queries does not grow with the records."""
    account = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .prefetch_related("groups")
        .get(pk=user.pk)
    )
    copy = {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": _account(account),
    }
    for app in APPS:
        copy.update(app.records_of(account))
    copy.update(certificates_data.records_of(account, absolute_url=absolute_url))
    return copy


def is_coordinator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or user.groups.filter(name=courses_conf.coordinators_group_name()).exists()
    )


def coordinator_ids() -> set[int]:
    """The ids of the Coordinators group's members (one query)."""
    return set(
        get_user_model()
        .objects.filter(groups__name=courses_conf.coordinators_group_name())
        .values_list("pk", flat=True)
    )


def can_delete_account(actor, target, *, coordinators: set[int] | None = None) -> bool:
    """Coordinators and superusers delete learners' accounts; nobody deletes a
    superuser's here, and only a superuser deletes a coordinator's. ``coordinators``
    spares a list of users the query (from ``coordinator_ids``)."""
    coordinators = coordinator_ids() if coordinators is None else coordinators
    if not actor.is_authenticated or target.pk == actor.pk:
        return False
    if not (actor.is_superuser or actor.pk in coordinators):
        return False
    if target.is_superuser or is_placeholder(target):
        return False
    return actor.is_superuser or target.pk not in coordinators


def is_placeholder(user) -> bool:
    return user.email.endswith("@" + PLACEHOLDER_DOMAIN)


def delete_account(target, *, by, reason: str) -> int:
    """Delete ``target``'s account in one transaction, keeping anonymised aggregates;
    returns the id the account had. Raises PermissionError when ``by`` may not."""
    if not can_delete_account(by, target):
        raise PermissionError("This account cannot be deleted by this user.")
    user_id = target.pk
    with transaction.atomic():
        target = get_user_model().objects.select_for_update().get(pk=user_id)
        placeholder = _new_placeholder()
        for app in [*APPS, certificates_data]:
            app.anonymise(target, placeholder)
        _forget_login_attempts(target.email)
        # Earlier entries about the account carry its name as their label.
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(user_id),
        ).update(label=_label(user_id))
        log(
            target,
            DELETE_ACTION,
            user=by,
            title=_label(user_id),
            data={"reason": reason},
        )
        target.delete()
    return user_id


def _account(user) -> dict:
    profile = getattr(user, "wagtail_userprofile", None)
    return {
        "id": user.pk,
        # The site signs people in with their email address: it is the username.
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "language": user.preferred_language,
        "time_zone": user.time_zone,
        "groups": sorted(group.name for group in user.groups.all()),
        "admin_language": profile.preferred_language if profile else "",
        "admin_time_zone": profile.current_time_zone if profile else "",
    }


def _new_placeholder():
    return get_user_model().objects.create_user(
        email=f"deleted-{secrets.token_hex(8)}@{PLACEHOLDER_DOMAIN}",
        password=None,
        is_active=False,
    )


def _forget_login_attempts(email: str) -> None:
    """django-axes keeps failed logins by the address typed, when it is installed."""
    if not apps.is_installed("axes"):
        return
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        model.objects.filter(username__iexact=email).delete()


def _label(user_id: int) -> str:
    return f"User #{user_id}"

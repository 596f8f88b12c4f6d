"""A learner's applications, read once per request and shared by the panels that
need them (applications, certificates, live classes)."""

from django.db.models import Exists, OuterRef

from lms_courses.navigation import forget_roles
from lms_toolkit.page_cache import read_once

from .models import Application

# The role of anyone who has applied (lms_user_roles); saving or deleting an
# application forgets the applicant's roles (apps.py).
APPLICANT = "applicant"


def applicant_roles(user) -> dict:
    return {APPLICANT: Exists(Application.objects.filter(applicant=OuterRef("pk")))}


def forget_applicant_roles(instance, **_signal_arguments) -> None:
    """An application saved or deleted: ask for its applicant's roles again."""
    forget_roles(instance.applicant_id)


def learner_applications(user) -> list[Application]:
    """``user``'s applications, newest first, with their cohort and interview: one
    query per request (saving an application reads them afresh), none when the
    request's roles say they never applied (most learners of open courses)."""
    roles = getattr(user, "lms_roles", None)  # set by lms_courses.navigation.roles_of
    if roles is not None and APPLICANT not in roles:
        return []
    return read_once(
        f"applications:{user.pk}",
        lambda: list(
            Application.objects.for_user(user)
            .select_related("cohort", "interview")
            .order_by("-created_at")
        ),
    )


def accepted_cohort_ids(user) -> set[int]:
    """The cohorts ``user`` is a student of."""
    return {
        application.cohort_id
        for application in learner_applications(user)
        if application.status == Application.Status.ACCEPTED
    }

"""A learner's applications, read once per request and shared by the panels that
need them (applications, certificates, live classes)."""

from lms_toolkit.page_cache import read_once

from .models import Application


def learner_applications(user) -> list[Application]:
    """``user``'s applications, newest first, with their cohort and interview: one
    query per request (saving an application reads them afresh)."""
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

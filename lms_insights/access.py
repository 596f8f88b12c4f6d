"""Who sees which cohort's insights: coordinators all, trainers those they teach."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lms_cohorts.models import Cohort


def cohorts_visible_to(user):
    """The cohorts whose insights ``user`` may open (a queryset): the same as the
    cohorts they see in the admin."""
    return Cohort.objects.visible_to(user)


def may_open_insights(user) -> bool:
    return cohorts_visible_to(user).exists()


def cohort_for(user, cohort_id: int) -> Cohort:
    """The cohort, or 404 when there is none, or PermissionDenied when not theirs."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if not cohorts_visible_to(user).filter(pk=cohort.pk).exists():
        raise PermissionDenied
    return cohort

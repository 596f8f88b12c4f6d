"""Who sees which cohort's insights: coordinators all, trainers those they teach."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cohorts.models import Cohort

COORDINATOR_PERMISSION = "cohorts.change_cohort"


def sees_every_cohort(user) -> bool:
    return user.is_active and user.has_perm(COORDINATOR_PERMISSION)


def cohorts_visible_to(user):
    """The cohorts whose insights ``user`` may open (a queryset)."""
    if not user.is_authenticated or not user.is_active:
        return Cohort.objects.none()
    if sees_every_cohort(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(trainers=user)


def may_open_insights(user) -> bool:
    return cohorts_visible_to(user).exists()


def cohort_for(user, cohort_id: int) -> Cohort:
    """The cohort, or 404 when there is none, or PermissionDenied when not theirs."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if not cohorts_visible_to(user).filter(pk=cohort.pk).exists():
        raise PermissionDenied
    return cohort

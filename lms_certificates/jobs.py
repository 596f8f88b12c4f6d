"""Background work of the certificates app: checking a learner, sweeping every rule."""

from django.contrib.auth import get_user_model
from django_tasks import task

from .issuing import issue_due, issue_for_learner
from .models import CertificateRule


@task()
def check_learner(user_id: int) -> int:
    """After a tick, a quiz result or attendance: issue what the learner has earned."""
    user = get_user_model().objects.filter(pk=user_id).first()
    return len(issue_for_learner(user)) if user else 0


@task()
def sweep() -> int:
    """Issue every certificate that is due, for cases no event covers (a rule or a
    curriculum that changed, a class that ended)."""
    return sum(len(issue_due(rule)) for rule in CertificateRule.objects.all())

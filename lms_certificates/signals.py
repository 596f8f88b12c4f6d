"""A project marked done is progress; any progress queues a check of the learner."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lms_courses.navigation import forget_roles
from lms_courses.progress import record_progress
from lms_courses.signals import progress_recorded

from .jobs import check_learner
from .models import Certificate, ProjectCompletion


@receiver(post_save, sender=ProjectCompletion)
def record_a_project(sender, instance, raw=False, **kwargs):
    if not raw:
        record_progress(instance.user_id, "project")


@receiver(progress_recorded, dispatch_uid="certificates-check-learner")
def check_learner_after_progress(sender, user_id, kind, **kwargs):
    # Sent after commit: the job reads what the transaction recorded.
    check_learner.enqueue(user_id)


# Holding a certificate is a role ("graduate", navigation.roles_of): issuing, revoking
# or deleting one asks for the holder's roles again.
@receiver(post_save, sender=Certificate, dispatch_uid="certificates-roles")
@receiver(post_delete, sender=Certificate, dispatch_uid="certificates-roles-deleted")
def forget_the_holders_roles(sender, instance, **kwargs):
    if instance.user_id:
        forget_roles(instance.user_id)

"""A tick or a quiz result may earn a qualification: a check is queued. A volunteer's
record or qualification changes who they are to the site (their header's links)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lms_courses.navigation import forget_roles
from lms_courses.signals import progress_recorded

from .jobs import grant_earned_qualifications
from .models import QualificationGrant, Volunteer

# Qualifications are granted for courses done and quizzes passed, nothing else.
QUALIFYING_KINDS = {"lesson", "quiz"}


@receiver(progress_recorded, dispatch_uid="volunteers-grant-qualifications")
def grant_qualifications_after_progress(sender, user_id, kind, **kwargs):
    # Most ticks are students': one indexed lookup spares them a background task.
    if kind in QUALIFYING_KINDS and Volunteer.objects.filter(user_id=user_id).exists():
        grant_earned_qualifications.enqueue(user_id)


@receiver(post_save, sender=Volunteer)
@receiver(post_delete, sender=Volunteer)
def forget_roles_of_the_volunteer(sender, instance, **kwargs):
    forget_roles(instance.user_id)


@receiver(post_save, sender=QualificationGrant)
@receiver(post_delete, sender=QualificationGrant)
def forget_roles_of_the_qualified(sender, instance, **kwargs):
    # The desk opens to a volunteer holding its qualification.
    user_id = (
        Volunteer.objects.filter(pk=instance.volunteer_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is not None:
        forget_roles(user_id)

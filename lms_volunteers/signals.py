"""A tick or a quiz result may earn a qualification: a check is queued."""

from django.dispatch import receiver

from lms_courses.signals import progress_recorded

from .jobs import grant_earned_qualifications
from .models import Volunteer

# Qualifications are granted for courses done and quizzes passed, nothing else.
QUALIFYING_KINDS = {"lesson", "quiz"}


@receiver(progress_recorded, dispatch_uid="volunteers-grant-qualifications")
def grant_qualifications_after_progress(sender, user_id, kind, **kwargs):
    # Most ticks are students': one indexed lookup spares them a background task.
    if kind in QUALIFYING_KINDS and Volunteer.objects.filter(user_id=user_id).exists():
        grant_earned_qualifications.enqueue(user_id)

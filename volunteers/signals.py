"""What a learner does that may earn a qualification: a check queued after commit."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.models import LessonCompletion
from quizzes.models import QuizResult

from .jobs import grant_earned_qualifications
from .models import Volunteer


@receiver(post_save, sender=QuizResult)
def check_after_result(sender, instance, raw=False, **kwargs):
    if not raw:
        _check_later(instance.user_id)


@receiver(post_save, sender=LessonCompletion)
def check_after_tick(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _check_later(instance.enrolment.user_id)


def _check_later(user_id: int) -> None:
    transaction.on_commit(lambda: _check_volunteer(user_id))


def _check_volunteer(user_id: int) -> None:
    # Most ticks are students': one indexed lookup spares them a background task.
    if Volunteer.objects.filter(user_id=user_id).exists():
        grant_earned_qualifications.enqueue(user_id)

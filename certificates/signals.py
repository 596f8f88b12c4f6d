"""What a learner does that may complete a rule: each queues a check after commit."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.models import LessonCompletion
from live.models import Attendance
from quizzes.models import QuizResult

from .jobs import check_learner
from .models import ProjectCompletion


@receiver(post_save, sender=QuizResult)
@receiver(post_save, sender=ProjectCompletion)
def check_after_result(sender, instance, raw=False, **kwargs):
    if not raw:
        _check_later(instance.user_id)


@receiver(post_save, sender=LessonCompletion)
def check_after_tick(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _check_later(instance.enrolment.user_id)


@receiver(post_save, sender=Attendance)
def check_after_attendance(sender, instance, raw=False, update_fields=None, **kwargs):
    # A join changes nothing yet; a leave, a check-in or a correction may.
    checked_in = update_fields is not None and "checked_in_at" in update_fields
    if not raw and (instance.connections == 0 or checked_in):
        _check_later(instance.user_id)


def _check_later(user_id: int) -> None:
    transaction.on_commit(lambda: check_learner.enqueue(user_id))

"""What quizzes does when a quiz is published and when a result is saved."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from lms_courses.progress import record_progress
from lms_toolkit.page_cache import forget_reads

from .models import QuizPage, QuizResult
from .tagging import index_question_tags


@receiver(page_published, sender=QuizPage, dispatch_uid="quizzes-tags")
def index_question_tags_when_published(sender, instance, **kwargs):
    index_question_tags(instance)


@receiver(post_save, sender=QuizResult)
def record_a_quiz_result(sender, instance, raw=False, **kwargs):
    if not raw:
        record_progress(instance.user_id, "quiz")


# A request that saves a result reads the learner's results afresh afterwards.
post_save.connect(forget_reads, sender=QuizResult, dispatch_uid="lms-reads")
post_delete.connect(forget_reads, sender=QuizResult, dispatch_uid="lms-reads")

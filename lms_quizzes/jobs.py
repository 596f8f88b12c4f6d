"""Scheduled jobs of the quizzes app."""

from django_tasks import task

from .attempts import grade_overdue_attempts


@task()
def grade_overdue() -> int:
    """Grade attempts whose time ran out while the learner was away."""
    return grade_overdue_attempts()

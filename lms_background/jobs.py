"""The scheduled jobs of the background app. Each is safe to run twice or at once."""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from . import conf
from .models import JobLock, WorkerHeartbeat

logger = logging.getLogger("lms_background")


@task()
def purge_expired_sessions() -> str:
    """Delete sessions past their expiry date."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return "done"


@task()
def publish_scheduled_pages() -> str:
    """Publish pages whose go-live time has come and unpublish expired ones.

    Wagtail's own command, run under a lock so that two runs never publish a page twice.
    """
    with transaction.atomic():
        if not _lock("publish-scheduled-pages"):
            return "another run is publishing"
        call_command("publish_scheduled", verbosity=0)
    return "done"


@task()
def requeue_abandoned_tasks() -> int:
    """Put back in the queue the tasks of workers that stopped answering (kill -9)."""
    silent_since = timezone.now() - timedelta(seconds=conf.abandoned_after_seconds())
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=silent_since).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(
            skip_locked=True
        ):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if result.started_at and result.started_at > silent_since:
                continue  # just started: its worker may not have beaten yet
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            requeued += 1
            logger.warning(
                "Requeued %s (%s): its worker fell silent", result.id, result.task_path
            )
    WorkerHeartbeat.objects.filter(
        seen_at__lt=silent_since - timedelta(hours=1)
    ).delete()
    return requeued


def _lock(name: str) -> bool:
    """Take a row lock named ``name`` for this transaction; False if it is taken."""
    JobLock.objects.get_or_create(name=name)
    return (
        JobLock.objects.select_for_update(skip_locked=True).filter(name=name).exists()
    )

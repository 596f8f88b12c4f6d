"""Scheduled jobs: what runs when, and the scheduler that enqueues each slot once.

Jobs are listed in one place, the ``LMS_SCHEDULED_JOBS`` setting (default:
``conf.DEFAULT_JOBS``), each as a name, a schedule and a task's dotted path:

    {"name": "purge-sessions", "task": "lms_background.jobs.purge_expired_sessions",
     "every_minutes": 60}
    {"name": "certificate-sweep", "task": "...", "daily_at": "03:00"}

Every job has slots (each hour, each day at 03:00...). The scheduler claims a slot by
inserting a ``ScheduledRun`` row, unique per job and slot, in the same transaction as
the task it enqueues: two schedulers, or a scheduler restarted mid-slot, enqueue it
once. A scheduler that was down runs each job once for its latest slot, not once for
every slot it missed.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import conf
from .models import ScheduledRun

logger = logging.getLogger("lms_background")


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    every_minutes: int | None = None
    daily_at: str | None = None

    def slot(self, now: datetime) -> datetime:
        """The start of the slot ``now`` falls in."""
        if self.every_minutes:
            step = self.every_minutes * 60
            return datetime.fromtimestamp(
                int(now.timestamp()) // step * step, tz=now.tzinfo or timezone.utc
            )
        local = timezone.localtime(now)
        hour, minute = (int(part) for part in (self.daily_at or "00:00").split(":"))
        today = timezone.make_aware(
            datetime.combine(local.date(), time(hour, minute)), local.tzinfo
        )
        return today if local >= today else today - timedelta(days=1)


def jobs() -> list[Job]:
    return [Job(**spec) for spec in conf.scheduled_jobs()]


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been claimed yet."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=job.slot(now))
                result = import_string(job.task).enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler has this slot
        enqueued.append(job.name)
        logger.info("Enqueued %s for %s", job.name, run.slot)
    return enqueued

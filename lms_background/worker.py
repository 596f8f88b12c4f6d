"""The worker's loop: ready tasks claimed a few at a time, their results saved together.

django_tasks_db's own loop spends two commits on every task: one to claim it, one to
save its result, each on a pooled connection taken and checked anew. This one claims up
to ``claim_size`` ready tasks in one transaction (``SELECT … FOR UPDATE SKIP LOCKED``,
then one ``UPDATE``), runs them one after another, and saves their results in the
transaction of its next claim, or on its own once one has waited ``FLUSH_SECONDS``.
The rows end as the library's worker leaves them: status, each task's own start and
end times, return value or exception and traceback, the worker's id appended; and
``task_started`` / ``task_finished`` are sent as it sends them, the latter once the
result is saved.

How many it claims follows the tasks' recent durations: about ``BATCH_SECONDS`` of
work. A claimed task waits behind those claimed with it, so a task of a kind that has
not been quick in this worker (``QUICK_SECONDS``) runs with nothing claimed behind it:
the rest go back to the queue first, for another worker; so do tasks still unstarted
``HOLD_SECONDS`` after their claim. A claimed task counts as running: if the worker
dies, the scheduler's ``requeue-abandoned-tasks`` puts it back in the queue, as it does
the one it was running.
"""

import json
import logging
import threading
import time
from traceback import format_exception

from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("lms_background")

# A claim takes about this many seconds of work, by the tasks' recent durations.
BATCH_SECONDS = 0.25
# Tasks of a kind that took longer than this run with nothing claimed behind them.
QUICK_SECONDS = BATCH_SECONDS
# Claimed tasks not started this long after their claim go back to the queue.
HOLD_SECONDS = 1.0
# A result is saved at most this long after its task ended.
FLUSH_SECONDS = 0.5
RESULT_FIELDS = [
    "status",
    "started_at",
    "finished_at",
    "return_value",
    "exception_class_path",
    "traceback",
]


class Worker:
    """Runs the tasks of ``queue_names`` until stopped (or idle, with ``batch``)."""

    def __init__(
        self,
        worker_id: str,
        queue_names: list[str],
        *,
        interval: float = 1.0,
        batch: bool = False,
        max_tasks: int | None = None,
        claim_size: int = 50,
        backend_name: str = "default",
    ):
        self.worker_id = worker_id
        self.queue_names = queue_names
        self.interval = interval
        self.batch = batch
        self.max_tasks = max_tasks
        self.claim_size = claim_size
        self.backend_name = backend_name
        self.running = True
        self.running_task = False
        self.tasks_run = 0
        # The last run's seconds of each task path, and a running mean of all.
        self.durations: dict[str, float] = {}
        self.typical_duration = 0.0
        self._claimed: list[DBTaskResult] = []
        self._finished: list[DBTaskResult] = []
        self._oldest_finished = 0.0
        self._woken = threading.Event()

    def stop(self) -> None:
        """Stop after the running task (at once when idle); callable from a signal
        handler: it only sets flags."""
        self.running = False
        self._woken.set()

    def pause(self, seconds: float) -> None:
        """Wait ``seconds``, or less if stopped meanwhile."""
        self._woken.wait(seconds)

    def run(self) -> None:
        try:
            while self.running:
                close_old_connections()
                looked = self._save_and_claim()
                if not self._claimed:
                    if (self.batch and looked) or self._reached_max_tasks():
                        return
                    self._woken.wait(self.interval)
                    continue
                self._run_claimed()
                if self._reached_max_tasks():
                    return
        finally:
            self._give_back()

    def _give_back(self) -> None:
        """Save the last results and put the unstarted tasks back in the queue."""
        try:
            if self._claimed or self._finished:
                self._save_and_claim(claim=False)
        except Exception:  # they stay "running", to be requeued as a dead worker's
            logger.exception("Could not save results or give back claimed tasks")
        finally:
            close_old_connections()

    def _run_claimed(self) -> None:
        claimed_at = time.monotonic()
        while self._claimed and self.running:
            claimed = self._claimed.pop(0)
            held_too_long = time.monotonic() - claimed_at > HOLD_SECONDS
            if self._claimed and (held_too_long or not self._quick(claimed)):
                self._save_and_claim(claim=False)  # the rest back to the queue
            elif (
                self._finished
                and time.monotonic() - self._oldest_finished > FLUSH_SECONDS
            ):
                self._save_and_claim(claim=False, release=False)
            self._run(claimed)
            if self._reached_max_tasks():
                break

    def _run(self, result: DBTaskResult) -> None:
        """Run one claimed task, recording its outcome as django_tasks_db's worker
        does (``Worker.run_task``), but saving it later with others."""
        self.running_task = True
        started = time.monotonic()
        result.started_at = timezone.now()
        try:
            task_result = result.task_result
            task = task_result.task
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result),
                    *task_result.args,
                    **task_result.kwargs,
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            json.dumps(value)  # fails here, as saving it would, and is recorded so
            result.status = TaskResultStatus.SUCCESSFUL
            result.return_value = value
            result.exception_class_path = ""
            result.traceback = ""
        except BaseException as error:
            result.status = TaskResultStatus.FAILED
            result.return_value = None
            result.exception_class_path = (
                f"{type(error).__module__}.{type(error).__qualname__}"
            )
            result.traceback = "".join(format_exception(error))
            close_old_connections()  # a task's broken connection is not the next's
        finally:
            result.finished_at = timezone.now()
            self.running_task = False
            self.tasks_run += 1
            took = time.monotonic() - started
            self.durations[result.task_path] = took
            self.typical_duration = 0.8 * self.typical_duration + 0.2 * took
            if not self._finished:
                self._oldest_finished = time.monotonic()
            self._finished.append(result)

    def _save_and_claim(self, claim: bool = True, release: bool = True) -> bool:
        """In one transaction: save the finished tasks' results, put the claimed but
        unstarted ones back in the queue (``release``), claim ready ones (``claim``).
        False if SQLite's lock kept it from looking at the queue."""
        finished, released = self._finished, self._claimed if release else []
        claimed = []
        failures = 0
        while True:
            try:
                with exclusive_transaction(DBTaskResult.objects.db):
                    if finished:
                        _save_results(finished)
                    if released:
                        _release(released, self.worker_id)
                    if claim and self.running:
                        claimed = _claim(self._ready(), self._size(), self.worker_id)
                break
            except OperationalError as error:
                close_old_connections()
                if is_locked_database_exception(error):
                    if finished or released:
                        continue  # SQLite's writer: ours comes, whatever the wait
                    return False  # nothing to save: look again later, as the library
                failures += 1
                if failures == 3:
                    # The tasks stay "running", to be requeued as a dead worker's.
                    raise
                time.sleep(0.1)
        self._finished = []
        if release:
            self._claimed = []
        self._claimed.extend(claimed)
        for result in finished:
            _send_finished(result)
        return True

    def _ready(self):
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if "*" in self.queue_names:
            return ready
        return ready.filter(queue_name__in=self.queue_names)

    def _size(self) -> int:
        size = min(
            self.claim_size, int(BATCH_SECONDS / max(self.typical_duration, 1e-4))
        )
        if self.max_tasks is not None:
            size = min(size, self.max_tasks - self.tasks_run)
        return max(size, 1)

    def _quick(self, result: DBTaskResult) -> bool:
        return self.durations.get(result.task_path, QUICK_SECONDS + 1) <= QUICK_SECONDS

    def _reached_max_tasks(self) -> bool:
        return self.max_tasks is not None and self.tasks_run >= self.max_tasks


def _save_results(finished: list[DBTaskResult]) -> None:
    """One UPDATE per result, sent together (psycopg pipelines ``executemany``):
    ``bulk_update``'s CASE expressions cost more to build than the round trips."""
    meta = DBTaskResult._meta
    fields = [meta.get_field(name) for name in RESULT_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Names from the model's own meta, quoted; every value is a parameter.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # nosec B608
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    rows = [
        [
            *(
                field.get_db_prep_save(getattr(result, field.attname), connection)
                for field in fields
            ),
            meta.pk.get_db_prep_value(result.pk, connection),
        ]
        for result in finished
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _claim(ready, size: int, worker_id: str) -> list[DBTaskResult]:
    claimed = list(ready.select_for_update(skip_locked=True)[:size])
    if not claimed:
        return []
    now = timezone.now()
    # Tasks run before (requeued) have other workers' ids: one UPDATE per history.
    for earlier, results in _by_worker_ids(claimed).items():
        DBTaskResult.objects.filter(pk__in=[result.pk for result in results]).update(
            status=TaskResultStatus.RUNNING,
            started_at=now,
            worker_ids=[*earlier, worker_id],
        )
    for result in claimed:
        result.status = TaskResultStatus.RUNNING
        result.started_at = now
        result.worker_ids = [*result.worker_ids, worker_id]
    return claimed


def _release(claimed: list[DBTaskResult], worker_id: str) -> None:
    for earlier, results in _by_worker_ids(claimed, drop=worker_id).items():
        DBTaskResult.objects.filter(pk__in=[result.pk for result in results]).update(
            status=TaskResultStatus.READY, started_at=None, worker_ids=list(earlier)
        )


def _by_worker_ids(results, drop: str | None = None) -> dict[tuple, list]:
    groups: dict[tuple, list] = {}
    for result in results:
        ids = list(result.worker_ids)
        if drop is not None and ids and ids[-1] == drop:
            ids.pop()
        groups.setdefault(tuple(ids), []).append(result)
    return groups


def _send_finished(result: DBTaskResult) -> None:
    try:
        sender = type(result.task.get_backend())
        task_result = result.task_result
    except (ImportError, SuspiciousOperation):
        logger.exception("Task id=%s failed unexpectedly", result.id)
    else:
        task_finished.send(sender=sender, task_result=task_result)

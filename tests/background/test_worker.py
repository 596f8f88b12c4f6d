"""The worker's loop: each task runs once and its result is saved as django_tasks_db's
own worker saves it, though tasks are claimed and saved a batch at a time."""

import threading
from importlib.metadata import version

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from lms_background.worker import RESULT_FIELDS, Worker
from tests.background import tasks

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def drain(worker_id: str = "worker-1", quick=(), **options) -> Worker:
    """Run a worker until the queue is empty; ``quick`` tasks are known to be quick."""
    worker = Worker(worker_id, ["default"], batch=True, **options)
    for known in quick:
        worker.durations[known.module_path] = 0.0
    worker.run()
    return worker


def test_each_task_runs_once_and_its_result_is_saved():
    queued = [tasks.echo.enqueue(number) for number in range(12)]
    worker = drain(quick=[tasks.echo])
    assert worker.tasks_run == 12
    for result in queued:
        saved = DBTaskResult.objects.get(pk=result.id)
        assert saved.status == "SUCCESSFUL"
        assert saved.task_result.return_value == result.args[0]
        assert saved.worker_ids == ["worker-1"]
        assert saved.enqueued_at <= saved.started_at <= saved.finished_at
        assert (saved.exception_class_path, saved.traceback) == ("", "")


def test_each_task_has_its_own_start_and_end_times():
    for _ in range(3):
        tasks.nap.enqueue(0.01)
    drain(quick=[tasks.nap])
    saved = list(DBTaskResult.objects.order_by("started_at"))
    assert len({result.started_at for result in saved}) == 3
    for earlier, later in zip(saved, saved[1:], strict=False):
        assert earlier.finished_at <= later.started_at


def test_a_failed_task_is_saved_with_its_exception():
    result = tasks.fail.enqueue("no such course")
    drain()
    saved = DBTaskResult.objects.get(pk=result.id)
    assert saved.status == "FAILED"
    assert saved.exception_class_path == "builtins.ValueError"
    assert "no such course" in saved.traceback
    assert saved.return_value is None
    assert saved.finished_at is not None


def test_a_return_value_that_cannot_be_saved_fails_its_task_only():
    bad = tasks.unsaveable.enqueue()
    good = tasks.echo.enqueue("fine")
    drain(quick=[tasks.unsaveable, tasks.echo])
    assert DBTaskResult.objects.get(pk=bad.id).exception_class_path == (
        "builtins.TypeError"
    )
    assert DBTaskResult.objects.get(pk=good.id).return_value == "fine"


def test_a_retrying_task_is_queued_again_after_its_backoff():
    first = tasks.flaky.enqueue("mail server down")
    drain()
    assert DBTaskResult.objects.get(pk=first.id).status == "FAILED"
    retry = DBTaskResult.objects.exclude(pk=first.id).get()
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert retry.run_after > DBTaskResult.objects.get(pk=first.id).finished_at


def test_a_task_of_a_new_kind_runs_with_nothing_claimed_behind_it():
    for _ in range(3):
        tasks.running_now.enqueue()
    drain()
    first = DBTaskResult.objects.order_by("started_at").first()
    assert first.return_value == 1


def test_a_slow_task_runs_with_nothing_claimed_behind_it():
    for _ in range(3):
        tasks.slow_running_now.enqueue()
    drain()
    assert list(DBTaskResult.objects.values_list("return_value", flat=True)) == [
        1,
        1,
        1,
    ]


def test_quick_tasks_are_claimed_together():
    for _ in range(3):
        tasks.running_now.enqueue()
    drain(quick=[tasks.running_now])
    # The three claimed at once; results are saved together after the last.
    assert list(DBTaskResult.objects.values_list("return_value", flat=True)) == [
        3,
        3,
        3,
    ]


def test_a_stopping_worker_gives_back_the_tasks_it_has_not_started():
    for number in range(5):
        tasks.echo.enqueue(number)
    drain(quick=[tasks.echo], max_tasks=2)
    assert DBTaskResult.objects.successful().count() == 2
    given_back = DBTaskResult.objects.filter(status="READY")
    assert given_back.count() == 3
    assert {(r.started_at, tuple(r.worker_ids)) for r in given_back} == {(None, ())}


def test_a_requeued_task_keeps_the_ids_of_the_workers_that_ran_it():
    result = tasks.echo.enqueue("again")
    DBTaskResult.objects.filter(pk=result.id).update(worker_ids=["dead-worker"])
    drain("rescuer")
    assert DBTaskResult.objects.get(pk=result.id).worker_ids == [
        "dead-worker",
        "rescuer",
    ]


def test_a_batch_of_tasks_costs_the_queries_of_one():
    def queries_to_drain(count: int) -> int:
        DBTaskResult.objects.all().delete()
        for number in range(count):
            tasks.echo.enqueue(number)
        with CaptureQueriesContext(connection) as queries:
            drain(quick=[tasks.echo])
        assert DBTaskResult.objects.successful().count() == count
        return len(queries)

    assert queries_to_drain(30) == queries_to_drain(1)


@pytest.mark.postgres
def test_two_workers_at_once_run_each_task_once():
    queued = [tasks.echo.enqueue(number) for number in range(200)]

    def work(name: str) -> None:
        try:
            drain(name, quick=[tasks.echo], claim_size=20)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    saved = DBTaskResult.objects.filter(pk__in=[result.id for result in queued])
    assert saved.successful().count() == 200
    assert all(len(result.worker_ids) == 1 for result in saved)


def test_the_worker_relies_on_the_django_tasks_db_it_was_written_for():
    """The worker writes DBTaskResult's rows itself and uses django_tasks_db.utils:
    a new version may change either. Read its worker (Worker.run, run_task and
    DBTaskResult.claim / set_successful / set_failed) again, then widen the pin in
    pyproject.toml."""
    assert version("django-tasks-db").startswith("0.13."), version("django-tasks-db")
    names = {field.name for field in DBTaskResult._meta.get_fields()}
    assert {*RESULT_FIELDS, "worker_ids", "run_after", "args_kwargs"} <= names

"""Tasks for the worker tests: they nap, echo, fail, or tell what else is running."""

import time

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from lms_background.retry import retrying_task
from lms_background.worker import QUICK_SECONDS


@task()
def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


@task()
def echo(value):
    return value


@task()
def fail(message: str) -> None:
    raise ValueError(message)


@task()
def unsaveable() -> object:
    return object()


@task()
def running_now() -> int:
    """How many tasks are marked running as this one runs (itself included)."""
    return DBTaskResult.objects.running().count()


@task()
def slow_running_now() -> int:
    """``running_now``, in longer than a quick task takes."""
    time.sleep(QUICK_SECONDS * 1.5)
    return DBTaskResult.objects.running().count()


@retrying_task(attempts=2, backoff=60)
def flaky(message: str) -> None:
    raise ConnectionError(message)

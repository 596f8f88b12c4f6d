"""Tasks the queue benchmark runs: nothing at all, so only the queue is measured."""

from django_tasks import task


@task()
def noop() -> None:
    return None

"""A task for the worker tests: it takes as long as it is told to."""

import time

from django_tasks import task


@task()
def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds

"""Django tasks that try again: a failure is retried after a growing wait, then logged.

    @retrying_task(attempts=6)
    def deliver_email(email_id: int): ...

The first retry waits ``backoff`` seconds, each later one twice as long. After the last
attempt the failure is logged as an error and ``on_give_up`` is called, so nothing is
lost silently. A retry is a new task result (its ``_attempt`` is in its arguments), so
the admin's task list shows every attempt with its error.
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import conf

logger = logging.getLogger("lms_background")


def retrying_task(
    *,
    attempts: int | Callable[[], int] = 5,
    backoff: int | Callable[[], int] | None = None,
    on_give_up: Callable | None = None,
    **task_options,
):
    def decorator(function):
        @functools.wraps(function)
        def run(*args, _attempt: int = 1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:
                limit = attempts() if callable(attempts) else attempts
                if _attempt < limit:
                    _retry(retrying, args, kwargs, _attempt, backoff)
                    logger.warning(
                        "%s failed (attempt %d of %d): %r; retrying",
                        retrying.name,
                        _attempt,
                        limit,
                        error,
                    )
                else:
                    logger.error(
                        "%s gave up after %d attempts: %r",
                        retrying.name,
                        _attempt,
                        error,
                    )
                    if on_give_up is not None:
                        on_give_up(*args, error=error, **kwargs)
                raise

        retrying = task(**task_options)(run)
        return retrying

    return decorator


def _retry(retrying, args, kwargs, attempt: int, backoff) -> None:
    wait = backoff() if callable(backoff) else backoff
    wait = conf.retry_backoff_seconds() if wait is None else wait
    delayed = retrying
    if retrying.get_backend().supports_defer and wait:
        delayed = retrying.using(
            run_after=timezone.now() + timedelta(seconds=wait * 2 ** (attempt - 1))
        )
    delayed.enqueue(*args, _attempt=attempt + 1, **kwargs)

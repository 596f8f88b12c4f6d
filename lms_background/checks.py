"""System checks: every scheduled job names a real task and a valid schedule."""

import re

from django.core import checks
from django.utils.module_loading import import_string
from django_tasks.base import Task

from . import conf


@checks.register()
def check_scheduled_jobs(app_configs=None, **kwargs):
    errors = []
    names = set()
    for spec in conf.scheduled_jobs():
        name = spec.get("name", "?")
        if name in names:
            errors.append(
                checks.Error(
                    f"Two scheduled jobs are named {name!r}.", id="background.E001"
                )
            )
        names.add(name)
        try:
            found = import_string(spec.get("task", ""))
        except ImportError:
            found = None
        if not isinstance(found, Task):
            errors.append(
                checks.Error(
                    f"Scheduled job {name!r}: {spec.get('task')!r} is not a task.",
                    hint="Give the dotted path of a function decorated with @task().",
                    id="background.E002",
                )
            )
        every, daily = spec.get("every_minutes"), spec.get("daily_at")
        valid_every = isinstance(every, int) and every > 0
        valid_daily = isinstance(daily, str) and re.fullmatch(
            r"([01]\d|2[0-3]):[0-5]\d", daily
        )
        if bool(valid_every) == bool(valid_daily):
            errors.append(
                checks.Error(
                    f"Scheduled job {name!r} needs either every_minutes (a positive "
                    'number) or daily_at ("HH:MM").',
                    id="background.E003",
                )
            )
    return errors

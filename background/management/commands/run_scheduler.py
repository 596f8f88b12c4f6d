"""Run the scheduler: enqueues each scheduled job when its slot comes (no cron needed).

    manage.py run_scheduler [--once]

Two schedulers may run at once (say, one per machine): each slot is still enqueued once.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ... import conf
from ...schedule import enqueue_due_jobs, jobs


class Command(BaseCommand):
    help = "Enqueue scheduled jobs when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, once: bool, **options):
        # Started in the background by `make run`, where Ctrl-C is otherwise ignored.
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop_signal, _stop)
        names = ", ".join(job.name for job in jobs())
        self.stdout.write(f"Scheduler is running: {names}.")
        try:
            while True:
                for name in enqueue_due_jobs():
                    self.stdout.write(f"Enqueued {name}.")
                if once:
                    return
                close_old_connections()  # like a request ends: drop stale connections
                time.sleep(conf.scheduler_interval_seconds())
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")


def _stop(signum, frame):
    raise KeyboardInterrupt

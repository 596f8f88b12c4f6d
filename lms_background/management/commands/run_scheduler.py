"""Run the scheduler: enqueues each scheduled job when its slot comes (no cron needed).

    manage.py run_scheduler [--once]

Two schedulers may run at once (say, one per machine): each slot is still enqueued once.
SIGTERM (or Ctrl-C) stops it at once: a slot is claimed in one transaction, so one cut
short is claimed again by the next scheduler. It holds one database connection.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ... import conf
from ...connections import close_pools, limit_pools
from ...schedule import enqueue_due_jobs, jobs
from ...stopping import stop_on_signals

# To leave, once stopped: the exit itself may take a second or two on a busy machine.
GRACE_SECONDS = 3.0


class Command(BaseCommand):
    help = "Enqueue scheduled jobs when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, once: bool, **options):
        limit_pools(max_size=1)
        # Also under `make run`, which starts it in the background where Ctrl-C is
        # otherwise ignored.
        stop_on_signals(_stop, grace=lambda: GRACE_SECONDS)
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
        finally:
            close_pools()


def _stop(number):
    raise KeyboardInterrupt

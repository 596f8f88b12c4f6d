"""Run a background worker: takes queued tasks from the database and runs them.

    manage.py run_worker [--queue default] [--interval 1] [--grace 20]

Run as many as the load needs, on any number of machines: each task is taken by one
worker (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), quick ones several at a
time (lms_background/worker.py). While it runs, the worker writes a heartbeat; if it
dies (kill -9, a lost machine), the scheduler's ``requeue-abandoned-tasks`` job puts
its tasks back in the queue.

On SIGTERM an idle worker stops at once, and a busy one after its task, if the task
ends within ``--grace`` seconds; otherwise it exits without it, and the task is
requeued as a dead worker's would be (lms_background/stopping.py). It holds two database
connections at most, whatever the pool settings (lms_background/connections.py).
"""

import os
import random
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from ... import conf
from ...connections import close_pools, limit_pools
from ...models import WorkerHeartbeat
from ...stopping import stop_on_signals
from ...worker import Worker

# Long enough to leave the heartbeat's row (it may wait for SQLite's write lock).
IDLE_GRACE_SECONDS = 3.0


class Command(BaseCommand):
    help = "Run a background worker (with a heartbeat)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="append", dest="queues")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Stop when idle.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--grace",
            type=float,
            default=20.0,
            help="On SIGTERM, how many seconds a running task may still take.",
        )

    def handle(self, *args, queues, interval, batch, max_tasks, grace, **options):
        limit_pools(max_size=2)  # the loop's connection and the heartbeat's
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        worker = Worker(
            worker_id=worker_id,
            queue_names=queues or ["default"],
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            claim_size=conf.worker_claim_size(),
        )
        # At once when idle, else after the task. A second signal leaves it requeued.
        stop_on_signals(
            lambda number: worker.stop(),
            grace=lambda: grace if worker.running_task else IDLE_GRACE_SECONDS,
        )
        heartbeat = Heartbeat(worker_id)
        heartbeat.beat()
        heartbeat.start()
        self.stdout.write(f"Background worker {worker_id} is running.")
        try:
            if not batch:
                worker.pause(random.random())  # workers started together spread out
            worker.run()
        finally:
            heartbeat.stop()
            close_pools()


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(conf.heartbeat_seconds()):
            try:
                self.beat()
            except Exception:  # a busy database: the next beat will do
                close_old_connections()
        connection.close()

    def beat(self):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "seen_at": timezone.now(),
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
            },
        )

    def stop(self):
        self.stopped.set()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        self.join(timeout=1)  # its connection back in the pool before it closes

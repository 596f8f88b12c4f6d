"""Run a background worker: takes queued tasks from the database and runs them.

    manage.py run_worker [--queue default] [--interval 1]

Run as many as the load needs, on any number of machines: each task is taken by one
worker (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL). While it runs, the worker
writes a heartbeat; if it dies (kill -9, a lost machine), the scheduler's
``requeue-abandoned-tasks`` job puts its task back in the queue.
"""

import os
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from ... import conf
from ...models import WorkerHeartbeat


class Command(BaseCommand):
    help = "Run a background worker (with a heartbeat)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="append", dest="queues")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Stop when idle.")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, queues, interval, batch, max_tasks, **options):
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        heartbeat = Heartbeat(worker_id)
        heartbeat.beat()
        heartbeat.start()
        worker = Worker(
            queue_names=queues or ["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(f"Background worker {worker_id} is running.")
        try:
            worker.run()
        finally:
            heartbeat.stop()


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

"""The task queue on PostgreSQL: how fast one and two workers drain it, and how long
a task waits at 100 tasks/s, beside a bare SKIP LOCKED loop (the baseline).

Run as ``python -m bench.queue`` with DJANGO_SETTINGS_MODULE=lms.settings.bench and
BENCH_DATABASE_URL pointing at PostgreSQL; prints the results as JSON.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from bench.tasks_for_bench import noop
from lms_background.mail import send_email
from lms_background.models import OutgoingEmail, WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[1]
TASKS = 2000
EMAILS = 1000
RATE = 100
RATE_SECONDS = 10
WORKER_INTERVAL = "0.05"


def main() -> dict:
    results = {}
    for workers in (1, 2):
        results[f"noop, {workers} worker(s)"] = drain(workers, TASKS, _enqueue_noops)
        results[f"email, {workers} worker(s)"] = drain(workers, EMAILS, _enqueue_emails)
        results[f"bare SKIP LOCKED loop, {workers} worker(s)"] = raw_drain(
            workers, TASKS
        )
    results["latency"] = latency_at_rate(RATE, RATE_SECONDS)
    return results


def drain(workers: int, count: int, enqueue) -> float:
    """Tasks per second: from the commit of ``count`` tasks to the last one done."""
    _empty_queue()
    processes = _start_workers(workers)
    try:
        with transaction.atomic():
            enqueue(count)
        started = time.monotonic()
        _wait(lambda: DBTaskResult.objects.finished().count() >= count)
        elapsed = time.monotonic() - started
        if DBTaskResult.objects.failed().exists():
            raise RuntimeError("a benchmark task failed")
    finally:
        _stop(processes)
    return round(count / elapsed, 1)


def latency_at_rate(rate: int, seconds: int) -> dict:
    """Enqueue ``rate`` no-op tasks a second for ``seconds`` into two idle workers."""
    _empty_queue()
    processes = _start_workers(2)
    try:
        total = rate * seconds
        started = time.monotonic()
        for number in range(total):
            time.sleep(max(0.0, started + number / rate - time.monotonic()))
            noop.enqueue()
        _wait(lambda: DBTaskResult.objects.finished().count() >= total)
    finally:
        _stop(processes)
    waits = [
        (result.started_at - result.enqueued_at).total_seconds() * 1000
        for result in DBTaskResult.objects.all()
    ]
    cuts = statistics.quantiles(waits, n=100)
    return {
        "tasks": len(waits),
        "p50_ms": round(cuts[49], 1),
        "p99_ms": round(cuts[98], 1),
    }


def raw_drain(workers: int, count: int) -> float:
    """The same drain with a bare psycopg loop: claim with SKIP LOCKED, mark done."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_raw_queue "
            "(id bigserial PRIMARY KEY, payload jsonb, status text)"
        )
        cursor.execute("TRUNCATE bench_raw_queue")
        cursor.execute(
            "INSERT INTO bench_raw_queue (payload, status) "
            "SELECT '{}'::jsonb, 'ready' FROM generate_series(1, %s)",
            [count],
        )
    url = os.environ["BENCH_DATABASE_URL"]
    started = time.monotonic()
    processes = [
        subprocess.Popen([sys.executable, "-m", "bench.raw_worker", url], cwd=ROOT)
        for _ in range(workers)
    ]
    for process in processes:
        if process.wait(timeout=300):
            raise RuntimeError("the raw worker failed")
    return round(count / (time.monotonic() - started), 1)


def _enqueue_noops(count: int) -> None:
    for _ in range(count):
        noop.enqueue()


def _enqueue_emails(count: int) -> None:
    for number in range(count):
        send_email(
            f"learner{number}@bench.example",
            "accounts/emails/password_reset",
            {"protocol": "https", "domain": "bench.example", "uid": "MQ", "token": "t"},
            language="az",
        )


def _empty_queue() -> None:
    DBTaskResult.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    WorkerHeartbeat.objects.all().delete()


def _start_workers(count: int) -> list[subprocess.Popen]:
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", WORKER_INTERVAL],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    _wait(lambda: WorkerHeartbeat.objects.count() >= count)
    time.sleep(1.5)  # past the workers' random start-up delay
    return processes


def _stop(processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def _wait(condition, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the queue did not drain in time")
        time.sleep(0.05)


if __name__ == "__main__":
    print(json.dumps(main()))

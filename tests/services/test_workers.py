"""Real worker processes on PostgreSQL: each task runs once, even when a worker dies."""

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from lms_background.jobs import requeue_abandoned_tasks
from lms_background.mail import deliver_email, send_email
from lms_background.models import OutgoingEmail, ScheduledRun
from lms_background.schedule import enqueue_due_jobs, jobs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROOT = Path(__file__).resolve().parents[2]
RESET = {"protocol": "https", "domain": "school.example", "uid": "MQ", "token": "t"}


@pytest.fixture
def mailbox(settings, tmp_path, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    path = tmp_path / "mailbox.txt"
    path.touch()
    monkeypatch.setenv("LMS_TEST_MAILBOX", str(path))
    return path


def start_worker(*extra_args, delay: float = 0) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": url,
        "LMS_TASKS_BACKEND": "database",
        "LMS_EMAIL_BACKEND": "tests.background.mail_backends.CountingMailbox",
        "LMS_TEST_MAIL_DELAY": str(delay),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1", *extra_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def sent(mailbox: Path) -> list[str]:
    return mailbox.read_text(encoding="utf-8").splitlines()


def test_two_workers_drain_the_queue_and_send_each_email_once(mailbox):
    emails = [
        send_email(
            f"learner{n}@school.example",
            "accounts/emails/password_reset",
            RESET,
            language="az",
        )
        for n in range(20)
    ]
    # The same delivery queued twice: both workers may take one of them.
    deliver_email.enqueue(emails[0].pk)
    workers = [start_worker("--batch"), start_worker("--batch")]
    for worker in workers:
        worker.wait(timeout=120)
    assert sorted(line.split("\t")[0] for line in sent(mailbox)) == sorted(
        email.to for email in emails
    )
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 0


def test_a_worker_killed_mid_task_leaves_it_to_be_run_again_once(mailbox, settings):
    email = send_email(
        "aysel@school.example", "accounts/emails/password_reset", RESET, language="az"
    )
    task = DBTaskResult.objects.get()
    doomed = start_worker(delay=30)
    wait_for(lambda: DBTaskResult.objects.get(pk=task.pk).status == "RUNNING")
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    assert sent(mailbox) == []

    time.sleep(3)  # the dead worker's heartbeat grows old
    settings.LMS_TASK_ABANDONED_AFTER_SECONDS = 2
    assert requeue_abandoned_tasks.call() == 1

    rescuer = start_worker("--batch")
    rescuer.wait(timeout=60)
    task.refresh_from_db()
    email.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2
    assert email.sent_at is not None
    assert sent(mailbox) == [f"aysel@school.example\t{email.subject}"]


def test_two_schedulers_enqueue_each_slot_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.utils import timezone

    now = timezone.now()
    barrier = Barrier(4)

    def schedule(_):
        try:
            barrier.wait()
            return enqueue_due_jobs(now)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(schedule, range(4)))
    names = sorted(name for result in results for name in result)
    assert names == sorted(job.name for job in jobs())
    assert ScheduledRun.objects.count() == len(jobs())
    assert DBTaskResult.objects.count() == len(jobs())

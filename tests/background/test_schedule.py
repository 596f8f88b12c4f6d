"""Scheduled jobs run when due, once per slot, without cron."""

from datetime import UTC, datetime

import pytest
from django.core import checks
from django.core.management import call_command

from lms_background.checks import check_scheduled_jobs
from lms_background.models import ScheduledRun
from lms_background.schedule import Job, enqueue_due_jobs

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 29, 12, 7, 30, tzinfo=UTC)
JOBS = [
    {
        "name": "often",
        "task": "lms_background.jobs.purge_expired_sessions",
        "every_minutes": 5,
    },
    {
        "name": "nightly",
        "task": "lms_background.jobs.purge_expired_sessions",
        "daily_at": "03:00",
    },
]


def test_slots_follow_the_schedule():
    every_five = Job("often", "x", every_minutes=5)
    assert every_five.slot(NOON) == datetime(2026, 11, 29, 12, 5, tzinfo=UTC)
    nightly = Job("nightly", "x", daily_at="03:00")
    # 12:07 UTC is 16:07 in Baku: today's 03:00 slot (Baku time) has come.
    assert nightly.slot(NOON).isoformat() == "2026-11-29T03:00:00+04:00"
    early = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)  # 02:00 in Baku
    assert nightly.slot(early).isoformat() == "2026-11-28T03:00:00+04:00"


def test_each_slot_is_enqueued_once(settings):
    settings.LMS_SCHEDULED_JOBS = JOBS
    assert enqueue_due_jobs(NOON) == ["often", "nightly"]
    assert enqueue_due_jobs(NOON) == []  # a second scheduler, or a restart
    assert ScheduledRun.objects.count() == 2
    later = NOON.replace(minute=12)
    assert enqueue_due_jobs(later) == ["often"]
    assert ScheduledRun.objects.filter(job="often").count() == 2


def test_the_scheduler_command_runs_once(settings, capsys):
    settings.LMS_SCHEDULED_JOBS = JOBS
    call_command("run_scheduler", "--once")
    output = capsys.readouterr().out
    assert "Scheduler is running: often, nightly." in output
    assert "Enqueued often." in output


@pytest.mark.parametrize(
    ("spec", "error_id"),
    [
        (
            {"name": "bad", "task": "no.such.task", "every_minutes": 5},
            "background.E002",
        ),
        (
            {
                "name": "bad",
                "task": "lms_background.conf.email_attempts",
                "every_minutes": 5,
            },
            "background.E002",
        ),
        (
            {"name": "bad", "task": "lms_background.jobs.purge_expired_sessions"},
            "background.E003",
        ),
        (
            {
                "name": "bad",
                "task": "lms_background.jobs.purge_expired_sessions",
                "daily_at": "25:00",
            },
            "background.E003",
        ),
        (
            {
                "name": "bad",
                "task": "lms_background.jobs.purge_expired_sessions",
                "every_minutes": 0,
            },
            "background.E003",
        ),
    ],
)
def test_a_misconfigured_job_fails_the_system_check(settings, spec, error_id):
    settings.LMS_SCHEDULED_JOBS = [spec]
    assert error_id in {error.id for error in check_scheduled_jobs()}


def test_the_sites_jobs_pass_the_check():
    assert check_scheduled_jobs() == []
    assert not [e for e in checks.run_checks() if e.id.startswith("background")]

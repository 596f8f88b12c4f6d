"""The scheduled jobs do their work once, however often they run."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry

from accounts.jobs import purge_unverified_signups
from lms_background.jobs import (
    publish_scheduled_pages,
    purge_expired_sessions,
    requeue_abandoned_tasks,
)
from lms_background.models import WorkerHeartbeat
from tests.factories import LessonPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_purged():
    now = timezone.now()
    Session.objects.create(
        session_key="old", session_data="", expire_date=now - timedelta(1)
    )
    Session.objects.create(
        session_key="new", session_data="", expire_date=now + timedelta(1)
    )
    purge_expired_sessions.call()
    purge_expired_sessions.call()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


def test_only_old_never_confirmed_signups_are_purged():
    long_ago = timezone.now() - timedelta(days=30)
    stale = UserFactory(is_active=False, date_joined=long_ago)
    UserFactory(is_active=False)  # signed up today
    UserFactory(
        is_active=False, date_joined=long_ago, last_login=long_ago
    )  # deactivated
    UserFactory(is_active=True, date_joined=long_ago)
    assert purge_unverified_signups.call() == 1
    assert purge_unverified_signups.call() == 0
    assert not get_user_model().objects.filter(pk=stale.pk).exists()
    assert get_user_model().objects.count() == 3


def test_scheduled_pages_are_published_once(school):
    lesson = LessonPageFactory(parent=school["modules"][0], live=False)
    lesson.go_live_at = timezone.now() - timedelta(minutes=1)
    lesson.save_revision(approved_go_live_at=lesson.go_live_at)
    publish_scheduled_pages.call()
    publish_scheduled_pages.call()
    lesson.refresh_from_db()
    assert lesson.live
    logged = PageLogEntry.objects.filter(
        page=lesson, action="wagtail.publish.scheduled"
    )
    assert logged.count() == 1


def running_task(worker_id: str, started_minutes_ago: int = 5):
    return DBTaskResult.objects.create(
        task_path="lms_background.jobs.purge_expired_sessions",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        worker_ids=[worker_id],
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
    )


def test_tasks_of_a_silent_worker_go_back_to_the_queue():
    abandoned = running_task("dead-worker")
    WorkerHeartbeat.objects.create(worker_id="live-worker", seen_at=timezone.now())
    alive = running_task("live-worker")
    fresh = running_task("new-worker", started_minutes_ago=0)
    assert requeue_abandoned_tasks.call() == 1
    assert requeue_abandoned_tasks.call() == 0
    abandoned.refresh_from_db(), alive.refresh_from_db(), fresh.refresh_from_db()
    assert (abandoned.status, alive.status, fresh.status) == (
        "READY",
        "RUNNING",
        "RUNNING",
    )
    assert abandoned.started_at is None

"""Coordinators see recent tasks and emails, with their errors, and run them again."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lms_background.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_task():
    return DBTaskResult.objects.create(
        task_path="lms_background.jobs.purge_expired_sessions",
        args_kwargs={"args": [], "kwargs": {"_attempt": 3}},
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback (most recent call last):\nSMTPServerDisconnected: gone\n",
        finished_at=timezone.now(),
    )


def test_coordinator_sees_failed_tasks_with_attempts_and_errors(
    client, coordinator, failed_task
):
    client.force_login(coordinator)
    response = client.get(reverse("background_tasks:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "purge expired sessions" in content
    assert "SMTPServerDisconnected: gone" in content
    assert reverse("background_tasks_retry", args=[failed_task.pk]) in content
    inspect = client.get(reverse("background_tasks:inspect", args=[failed_task.pk]))
    assert inspect.status_code == 200


def test_coordinator_runs_a_failed_task_again(
    client, coordinator, failed_task, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(coordinator)
    response = client.post(reverse("background_tasks_retry", args=[failed_task.pk]))
    assert response.status_code == 302
    again = DBTaskResult.objects.exclude(pk=failed_task.pk).get()
    assert again.status == "READY"
    assert again.args_kwargs["kwargs"] == {}  # a fresh set of attempts


def test_only_failed_tasks_can_be_run_again(client, coordinator, failed_task):
    failed_task.status = "SUCCESSFUL"
    failed_task.save()
    client.force_login(coordinator)
    assert (
        client.post(
            reverse("background_tasks_retry", args=[failed_task.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("background_tasks_retry", args=[failed_task.pk])).status_code
        == 405
    )


def test_coordinator_sends_a_given_up_email_again(client, coordinator):
    email = OutgoingEmail.objects.create(
        to="x@school.example",
        language="az",
        subject="Salam",
        body="...",
        template="t",
        attempts=3,
        gave_up_at=timezone.now(),
        last_error="SMTPServerDisconnected()",
    )
    client.force_login(coordinator)
    listing = client.get(reverse("outgoing_emails:index"), {"state": "gave_up"})
    assert "Salam" in listing.content.decode()
    client.post(reverse("outgoing_emails_retry", args=[email.pk]))
    email.refresh_from_db()
    assert email.sent_at is not None and email.gave_up_at is None


@pytest.mark.parametrize("who", ["trainer", "student"])
def test_others_cannot_see_or_retry_tasks(client, request, who, failed_task):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("background_tasks:index")).status_code in (302, 403)
    response = client.post(reverse("background_tasks_retry", args=[failed_task.pk]))
    assert response.status_code in (302, 403)
    assert DBTaskResult.objects.count() == 1

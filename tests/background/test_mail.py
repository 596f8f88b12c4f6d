"""Email is rendered in the recipient's language, queued, retried, and sent once."""

import logging
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from lms_background.mail import deliver_email, send_email
from lms_background.models import OutgoingEmail
from tests.background.mail_backends import FlakyMailServer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = {"protocol": "https", "domain": "school.example", "uid": "MQ", "token": "t"}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_an_email_is_stored_and_delivered_through_the_queue():
    learner = UserFactory(email="leyla@school.example", preferred_language="en")
    email = send_email(learner, "accounts/emails/password_reset", RESET)
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1
    assert mail.outbox[0].to == ["leyla@school.example"]
    assert mail.outbox[0].subject == email.subject


def test_nothing_is_sent_inside_the_request_on_a_real_queue(settings, client):
    settings.TASKS = DATABASE_QUEUE
    response = client.post(
        "/az/accounts/password/reset/",
        {"email": UserFactory(email="aysel@school.example").email},
    )
    assert response.status_code == 302
    assert not mail.outbox  # queued, not sent
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "lms_background.mail.deliver_email"
    assert queued.status == "READY"


def test_a_rolled_back_action_sends_nothing(settings):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email(
            "someone@school.example",
            "accounts/emails/password_reset",
            RESET,
            language="az",
        )
        raise RuntimeError("the sign-up failed")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_sign_up_succeeds_while_the_mail_server_is_down(settings, client, caplog):
    settings.EMAIL_BACKEND = "tests.background.mail_backends.MailServerDown"
    with caplog.at_level(logging.ERROR, logger="lms_background"):
        response = client.post(
            "/az/accounts/signup/",
            {
                "email": "aysel@school.example",
                "first_name": "Aysel",
                "last_name": "Quliyeva",
                "password1": "borders-and-bridges-42",
                "password2": "borders-and-bridges-42",
            },
        )
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(to="aysel@school.example")
    assert email.sent_at is None
    assert email.attempts == 3  # LMS_EMAIL_ATTEMPTS in the test settings
    assert "SMTPServerDisconnected" in email.last_error
    assert email.gave_up_at is not None
    assert "gave up after 3 attempts" in caplog.text


def test_a_failed_send_is_retried_until_it_goes_through(settings):
    settings.EMAIL_BACKEND = "tests.background.mail_backends.FlakyMailServer"
    FlakyMailServer.failures, FlakyMailServer.delivered = 2, []
    email = send_email(
        "irina@school.example", "accounts/emails/password_reset", RESET, language="ru"
    )
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 3
    assert len(FlakyMailServer.delivered) == 1


def test_retries_wait_longer_each_time_on_a_real_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "tests.background.mail_backends.MailServerDown"
    settings.LMS_RETRY_BACKOFF_SECONDS = 30
    email = send_email(
        "x@school.example", "accounts/emails/password_reset", RESET, language="az"
    )
    first = DBTaskResult.objects.get()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_email.call(email.pk)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_email.call(email.pk, _attempt=2)
    retries = DBTaskResult.objects.exclude(pk=first.pk).order_by("run_after")
    waits = [(r.run_after - r.enqueued_at).total_seconds() for r in retries]
    assert [r.args_kwargs["kwargs"]["_attempt"] for r in retries] == [2, 3]
    assert 29 <= waits[0] <= 31 and 59 <= waits[1] <= 61


def test_delivering_twice_sends_once():
    email = send_email(
        "leyla@school.example", "accounts/emails/password_reset", RESET, language="az"
    )
    assert deliver_email.call(email.pk) == "already sent"
    assert len(mail.outbox) == 1


def test_delivering_a_deleted_email_does_nothing():
    assert deliver_email.call(999_999) == "missing"

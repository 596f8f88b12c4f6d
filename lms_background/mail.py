"""The one place that sends email: rendered in the recipient's language, then queued.

Every email of the LMS goes through ``send_email``. A message is a template pair,
``<name>_subject.txt`` and ``<name>.txt`` (plus ``<name>.html`` when it exists). The
email is stored and its delivery queued in the same transaction: if the action that
sends it is rolled back, nothing goes out; if the mail server is down, the action
still succeeds and delivery is retried.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import conf
from .models import OutgoingEmail
from .retry import retrying_task


def recipient_language(recipient) -> str:
    """The language a person reads: their profile's choice, else the site default."""
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = getattr(recipient, "preferred_language", "") or ""
    return chosen if chosen in languages else settings.LANGUAGE_CODE


def send_email(
    recipient, template: str, context: dict | None = None, *, language=None
) -> OutgoingEmail:
    """Render ``template`` in the recipient's language and queue it for delivery.

    ``recipient`` is a user (its email and language are used) or an email address,
    in which case ``language`` says which language to write in.
    """
    address = getattr(recipient, "email", recipient)
    language = language or recipient_language(recipient)
    with translation.override(language):
        site_name = str(
            getattr(settings, "LMS_SITE_NAME", None)
            or getattr(settings, "WAGTAIL_SITE_NAME", "")
        )
        base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        context = {
            "recipient": recipient,
            "site_name": site_name,
            "base_url": base_url,
            **(context or {}),
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to=address,
            language=language,
            subject=subject[:255],
            body=body,
            html_body=html,
            template=template,
        )
        deliver_email.enqueue(email.pk)
    return email


def _give_up(email_id: int, *, error: Exception) -> None:
    OutgoingEmail.objects.filter(pk=email_id).update(gave_up_at=timezone.now())


@retrying_task(attempts=conf.email_attempts, on_give_up=_give_up)
def deliver_email(email_id: int) -> str:
    """Send one stored email, once, however often this runs."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return "missing"
        if email.sent_at is not None:
            return "already sent"
        failure = None
        try:
            _message(email).send()
        except Exception as error:  # recorded below, then raised for a retry
            failure = error
        email.attempts += 1
        email.last_error = "" if failure is None else repr(failure)[:2000]
        email.sent_at = timezone.now() if failure is None else None
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return "sent"


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(email.subject, email.body, to=[email.to])
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message

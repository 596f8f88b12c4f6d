"""The one place that sends email: each message is rendered in its recipient's language.

Every email of the LMS goes through ``send_email``. A message is a template pair,
``<name>_subject.txt`` and ``<name>.txt`` (plus ``<name>.html`` when it exists).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def recipient_language(recipient) -> str:
    """The language a person reads: their profile's choice, else the site default."""
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = getattr(recipient, "preferred_language", "") or ""
    return chosen if chosen in languages else settings.LANGUAGE_CODE


def send_email(recipient, template: str, context: dict | None = None, *, language=None):
    """Render ``template`` in the recipient's language and send it.

    ``recipient`` is a user (its email and language are used) or an email address,
    in which case ``language`` says which language to write in.
    """
    address = getattr(recipient, "email", recipient)
    language = language or recipient_language(recipient)
    context = {
        "recipient": recipient,
        "site_name": settings.WAGTAIL_SITE_NAME,
        **(context or {}),
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject, body, to=[address])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()

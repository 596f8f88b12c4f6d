"""The emails the site sent a person: their copy, and their removal (see
``lms_courses.personal_data``)."""

from .models import OutgoingEmail


def records_of(user) -> dict:
    """Every stored email to the person's address (one query)."""
    emails = OutgoingEmail.objects.filter(to__iexact=user.email).order_by(
        "created_at", "pk"
    )
    return {
        "emails": [
            {
                "to": email.to,
                "subject": email.subject,
                "text": email.body,
                "language": email.language,
                "created_at": email.created_at,
                "sent_at": email.sent_at,
            }
            for email in emails
        ]
    }


def anonymise(user, placeholder) -> None:
    """Emails are addressed and written to the person: nothing in them is an
    aggregate, so they go (a queued delivery finds its row gone and stops)."""
    OutgoingEmail.objects.filter(to__iexact=user.email).delete()

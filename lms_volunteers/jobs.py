"""Background work of the volunteers app: qualifications earned and expiring, and
the day-before reminders of shifts."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lms_background.mail import send_email

from . import conf
from .models import Shift, SignUp, Volunteer
from .qualifications import expiring, grant_earned
from .shifts import send_shift_email


@task()
def grant_earned_qualifications(user_id: int) -> int:
    """After a tick or a quiz result: grant what a volunteer has earned."""
    volunteer = Volunteer.objects.filter(user_id=user_id).select_related("user").first()
    return len(grant_earned(volunteer)) if volunteer else 0


@task()
def remind_expiring_qualifications() -> int:
    """Daily: tell each holder of a qualification that expires soon, once."""
    sent = 0
    for grant in expiring(conf.expiry_reminder_days()):
        send_email(
            grant.volunteer.user,
            "volunteers/emails/qualification_expiring",
            {"grant": grant},
        )
        grant.reminded_at = timezone.now()
        grant.save(update_fields=["reminded_at"])
        sent += 1
    return sent


@task()
def remind_upcoming_shifts() -> int:
    """Every few minutes: remind each volunteer with a place on a shift that starts
    within ``LMS_VOLUNTEERS_SHIFT_REMINDER_HOURS`` (a day), once.

    A window rather than "tomorrow's date" so that a place taken this afternoon for
    tomorrow morning is reminded too.
    """
    now = timezone.now()
    window = datetime.timedelta(hours=conf.shift_reminder_hours())
    due = (
        SignUp.objects.confirmed()
        .filter(
            reminded_at__isnull=True,
            shift__status=Shift.Status.OPEN,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + window,
        )
        .select_related("shift", "volunteer__user")
    )
    sent = 0
    for sign_up in due:
        with transaction.atomic():
            # Marked first, so a second run (or a second scheduler) skips it.
            marked = SignUp.objects.filter(
                pk=sign_up.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if marked:
                send_shift_email(sign_up, "volunteers/emails/shift_reminder")
                sent += 1
    return sent

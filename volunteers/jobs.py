"""Background work of the volunteers app: qualifications earned, and expiring."""

from django_tasks import task

from . import conf


@task()
def grant_earned_qualifications(user_id: int) -> int:
    """After a tick or a quiz result: grant what a volunteer has earned."""
    from .models import Volunteer
    from .qualifications import grant_earned

    volunteer = Volunteer.objects.filter(user_id=user_id).select_related("user").first()
    return len(grant_earned(volunteer)) if volunteer else 0


@task()
def remind_expiring_qualifications() -> int:
    """Daily: tell each holder of a qualification that expires soon, once."""
    from django.utils import timezone

    from background.mail import send_email

    from .qualifications import expiring

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

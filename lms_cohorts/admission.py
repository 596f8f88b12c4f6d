"""The admission workflow: submitting, moving an application on, and its effects.

Every status change goes through ``change_status``: it checks the move is allowed,
locks the cohort so that two coordinators accepting at once never over-fill it,
records who did what, enrols or withdraws the student, and emails the applicant.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms_background.mail import send_email
from lms_courses.models import Enrolment

from .models import Application, Cohort, StatusChange

Status = Application.Status

# Where a coordinator may move an application from each status.
NEXT_STATUSES = {
    Status.SUBMITTED: [Status.SHORTLISTED, Status.WAITLISTED, Status.REJECTED],
    Status.SHORTLISTED: [
        Status.INTERVIEW,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.REJECTED,
    ],
    Status.INTERVIEW: [Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED],
    Status.WAITLISTED: [Status.ACCEPTED, Status.REJECTED],
    Status.ACCEPTED: [Status.WITHDRAWN],
    Status.REJECTED: [],
    Status.WITHDRAWN: [],
    Status.DRAFT: [],
}

# The email each decision sends (templates in lms_cohorts/templates/cohorts/emails/).
DECISION_EMAILS = {
    Status.ACCEPTED: "cohorts/emails/accepted",
    Status.WAITLISTED: "cohorts/emails/waitlisted",
    Status.REJECTED: "cohorts/emails/rejected",
    Status.INTERVIEW: "cohorts/emails/interview",
}


class AdmissionError(Exception):
    """A move the rules do not allow; the message is for the person who tried."""


def submit_application(application: Application, *, now=None) -> Application:
    """Send a complete draft; it can be sent once, while the window is open."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_draft:
            raise AdmissionError(_("This application has already been submitted."))
        if not locked.cohort.is_open_for_applications(now):
            raise AdmissionError(_("Applications to this cohort are closed."))
        locked.status = Status.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        _record(locked, Status.DRAFT, Status.SUBMITTED, by=locked.applicant)
        send_email(
            locked.applicant,
            "cohorts/emails/submitted",
            {"application": locked, "cohort": locked.cohort},
        )
    return locked


def allowed_statuses(application: Application) -> list:
    return NEXT_STATUSES.get(application.status, [])


def change_status(
    application: Application, to_status: str, *, by, note: str = ""
) -> Application:
    """Move one application on, with every effect of the move, or not at all."""
    with transaction.atomic():
        # The cohort row is the lock that serialises decisions on its places.
        cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        from_status = locked.status
        if to_status not in allowed_statuses(locked):
            raise AdmissionError(
                _("An application that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": Status(from_status).label,
                    "to": Status(to_status).label,
                }
            )
        if to_status == Status.ACCEPTED and cohort.places_left() < 1:
            raise AdmissionError(
                _("Every place in %(cohort)s is taken: waitlist the applicant instead.")
                % {"cohort": cohort}
            )
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        _record(locked, from_status, to_status, by=by, note=note)
        if to_status == Status.ACCEPTED:
            enrol_in_curriculum(locked)
        elif to_status == Status.WITHDRAWN:
            withdraw_from_curriculum(locked)
        if to_status in DECISION_EMAILS:
            send_email(
                locked.applicant,
                DECISION_EMAILS[to_status],
                {"application": locked, "cohort": cohort},
            )
    return locked


def enrol_in_curriculum(application: Application) -> None:
    """Enrol an accepted applicant in every course of the cohort's curriculum."""
    for course_key in application.cohort.course_keys():
        enrolment, created = Enrolment.objects.get_or_create(
            user=application.applicant,
            course_key=course_key,
            defaults={"source": Enrolment.Source.COHORT},
        )
        if not created and not enrolment.is_active:
            enrolment.status = Enrolment.Status.ACTIVE
            enrolment.source = Enrolment.Source.COHORT
            enrolment.save(update_fields=["status", "source"])


def withdraw_from_curriculum(application: Application) -> None:
    Enrolment.objects.filter(
        user=application.applicant,
        course_key__in=application.cohort.course_keys(),
        source=Enrolment.Source.COHORT,
    ).update(status=Enrolment.Status.WITHDRAWN)


def schedule_interview(application: Application, interview, *, by, changed=()):
    """Save an interview and tell the applicant when its time or place is new.

    The first time, a shortlisted application moves to "interview scheduled".
    Notes and scores written afterwards are saved without a word to the applicant.
    """
    with transaction.atomic():
        interview.application = application
        interview.save()
        if application.status == Status.SHORTLISTED:
            change_status(application, Status.INTERVIEW, by=by)
        elif {"scheduled_at", "place", "video_url"} & set(changed):
            send_email(
                application.applicant,
                DECISION_EMAILS[Status.INTERVIEW],
                {"application": application, "cohort": application.cohort},
            )


def _record(application, from_status, to_status, *, by, note="") -> None:
    StatusChange.objects.create(
        application=application,
        changed_by=by,
        from_status=from_status,
        to_status=to_status,
        note=note[:500],
    )

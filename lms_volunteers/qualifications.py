"""Qualifications earned on the learning platform, granted by hand, and expiring.

A qualification names a course (every step done) or a quiz (passed), by translation
key, so finishing it in any language counts. Earning one again renews it.
"""

from django.db import transaction
from django.utils import timezone

from lms_courses.models import Enrolment
from lms_courses.outline import course_outlines
from lms_courses.progress import completed_keys_by_enrolment
from lms_quizzes.models import QuizResult

from .models import Qualification, QualificationGrant, Volunteer
from .pipeline import move

Status = Volunteer.Status


def grant_earned(volunteer: Volunteer, now=None) -> list[QualificationGrant]:
    """Grant (or renew) what ``volunteer`` has earned and does not hold valid, then
    make them active if that finishes their training. Returns the new grants."""
    now = now or timezone.now()
    user = volunteer.user
    held = {
        grant.qualification_id
        for grant in QualificationGrant.objects.filter(volunteer=volunteer).valid(now)
    }
    earnable = Qualification.objects.exclude(pk__in=held).exclude(
        course_key__isnull=True, quiz_key__isnull=True
    )
    passed = set(
        QuizResult.objects.filter(user=user, passed=True).values_list(
            "quiz_key", flat=True
        )
    )
    finished = _finished_courses(user, {q.course_key for q in earnable} - {None})
    granted = []
    for qualification in earnable:
        if qualification.quiz_key in passed:
            source = QualificationGrant.Source.QUIZ
        elif qualification.course_key in finished:
            source = QualificationGrant.Source.COURSE
        else:
            continue
        granted.append(_grant(volunteer, qualification, source, now))
    activate_if_trained(volunteer, now=now)
    return granted


def grant_by_hand(volunteer, qualification, *, by, reason: str, now=None):
    """Staff grant a qualification with a reason (kept, like every grant)."""
    return _grant(
        volunteer,
        qualification,
        QualificationGrant.Source.HAND,
        now or timezone.now(),
        by=by,
        reason=reason,
    )


def missing_for_activation(volunteer: Volunteer, now=None) -> list[Qualification]:
    """The required qualifications ``volunteer`` does not hold valid."""
    held = set(
        QualificationGrant.objects.filter(volunteer=volunteer)
        .valid(now)
        .values_list("qualification_id", flat=True)
    )
    return [
        q
        for q in Qualification.objects.filter(required_to_become_active=True)
        if q.pk not in held
    ]


def activate_if_trained(volunteer: Volunteer, now=None) -> bool:
    """In training → active by itself once every required qualification is held."""
    if volunteer.status != Status.IN_TRAINING or missing_for_activation(volunteer, now):
        return False
    move(volunteer, Status.ACTIVE, reason="Required trainings completed.")
    return True


def expiring(within_days: int, now=None):
    """Grants that expire in the next ``within_days`` days, not yet reminded."""
    now = now or timezone.now()
    return (
        QualificationGrant.objects.valid(now)
        .filter(
            expires_at__lte=now + timezone.timedelta(days=within_days),
            reminded_at__isnull=True,
        )
        .select_related("volunteer__user", "qualification")
    )


def _grant(volunteer, qualification, source, now, *, by=None, reason=""):
    with transaction.atomic():
        grant, _created = (
            QualificationGrant.objects.select_for_update().update_or_create(
                volunteer=volunteer,
                qualification=qualification,
                defaults={
                    "source": source,
                    "granted_at": now,
                    "expires_at": qualification.expiry_from(now),
                    "granted_by": by,
                    "reason": reason,
                    "reminded_at": None,
                },
            )
        )
    return grant


def _finished_courses(user, course_keys: set) -> set:
    """Which of these courses ``user`` has done every step of."""
    if not course_keys:
        return set()
    enrolments = list(
        Enrolment.objects.for_user(user).filter(course_key__in=course_keys)
    )
    outlines = course_outlines(course_keys)
    done = completed_keys_by_enrolment(enrolments)
    return {
        enrolment.course_key
        for enrolment in enrolments
        if enrolment.course_key in outlines
        and outlines[enrolment.course_key].lessons
        and {item.key for item in outlines[enrolment.course_key].lessons}
        <= done[enrolment.pk]
    }

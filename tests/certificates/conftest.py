import datetime

import pytest
from django.utils import timezone

from lms_certificates.models import CertificateRule
from lms_live.models import LiveSession
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import enrol
from tests.factories import QuizPageFactory, UserFactory


@pytest.fixture
def cohort(school):
    return CohortFactory(
        courses=[school["course"]],
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 9, 1),
    )


@pytest.fixture
def quiz(school):
    return QuizPageFactory(parent=school["modules"][0], title="Check: borders")


@pytest.fixture
def holder(cohort, school):
    """An accepted student of the cohort, with an Azerbaijani name."""
    user = UserFactory(
        email="shahla@school.example", first_name="Şəhla", last_name="Ağayeva-Çələbi"
    )
    ApplicationFactory(cohort=cohort, applicant=user, status="accepted")
    enrol(user, school["course"])
    return user


@pytest.fixture
def rule(cohort, quiz):
    return CertificateRule.objects.create(
        cohort=cohort,
        programme_name="Migration School",
        min_attendance_percent=50,
        signatories="Aysel Məmmədova, Head of the School",
    )


@pytest.fixture
def live_class(cohort):
    start = timezone.now() - datetime.timedelta(days=1)
    return LiveSession.objects.create(
        title="Labour migration",
        cohort=cohort,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=90),
    )


def complete_everything(user, school, quiz, live_class):
    """Tick every lesson, pass the quiz and attend the class."""
    from lms_courses.models import Enrolment
    from lms_courses.progress import mark_complete
    from lms_live.models import Attendance
    from lms_quizzes.models import QuizResult

    enrolment = Enrolment.objects.get(
        user=user, course_key=school["course"].translation_key
    )
    for lesson in school["lessons"]:
        mark_complete(enrolment, lesson.translation_key)
    QuizResult.objects.update_or_create(
        user=user,
        quiz_key=quiz.translation_key,
        defaults={"percent": 80, "passed": True, "attempts": 1},
    )
    Attendance.objects.create(
        session=live_class, user=user, checked_in_at=timezone.now()
    )

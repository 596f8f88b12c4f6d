"""Volunteers' test world: a graduate, a newcomer, staff, and two qualifications."""

import pytest
from django.utils import translation

from lms_certificates.issuing import issue_by_hand
from lms_certificates.models import CertificateRule
from lms_volunteers.models import Pledge, Qualification
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.factories import QuizPageFactory, UserFactory

ANSWERS = {
    "languages": "Azerbaijani, Russian, Persian",
    "skills": "Translation from Persian",
    "availability": "Weekends",
    "motivation": "I helped my neighbours with their residence permits.",
}


@pytest.fixture(autouse=True)
def english():
    """Refusals read as a volunteer on the English site reads them, whichever
    language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def graduate(school, coordinator):
    """A Migration School graduate holding a valid certificate of her cohort."""
    cohort = CohortFactory(courses=[school["course"]])
    user = UserFactory(email="aynur@school.example", first_name="Aynur")
    ApplicationFactory(cohort=cohort, applicant=user, status="accepted")
    rule = CertificateRule.objects.create(cohort=cohort, signatories="Head")
    issue_by_hand(rule, user, by=coordinator, reason="Finished the School.")
    return user


@pytest.fixture
def newcomer(db):
    return UserFactory(email="kamran@school.example", first_name="Kamran")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@volunteers.example", groups=["Volunteer staff"])


@pytest.fixture
def desk_basics(school):
    """Granted by passing a quiz, valid for a year, required to become active."""
    quiz = QuizPageFactory(parent=school["modules"][0], title="Desk basics check")
    return Qualification.objects.create(
        name_az="Qəbul masasının əsasları",
        name_en="Assistance desk basics",
        name_ru="Основы работы приёмной",
        quiz=quiz,
        valid_for_days=365,
        required_to_become_active=True,
    )


@pytest.fixture
def first_aid(school):
    """Granted by completing the course; never expires; not required."""
    return Qualification.objects.create(
        name_az="Psixoloji ilk yardım",
        name_en="Psychological first aid",
        name_ru="Первая психологическая помощь",
        course=school["course"],
    )


@pytest.fixture
def pledges(db):
    return [
        Pledge.objects.create(kind="conduct", version=1, text="<p>Be kind.</p>"),
        Pledge.objects.create(
            kind="confidentiality", version=1, text="<p>Tell no one.</p>"
        ),
    ]

"""Decisions on applications: their rules and what each one does."""

import pytest

from lms_background.models import OutgoingEmail
from lms_cohorts.admission import AdmissionError, change_status, schedule_interview
from lms_cohorts.models import Application, Interview, StatusChange
from lms_courses.models import CoursePage, Enrolment
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(school):
    restricted = CoursePageFactory(
        parent=school["catalogue"],
        title="Protection of migrants",
        access=CoursePage.Access.RESTRICTED,
    )
    LessonPageFactory(parent=ModulePageFactory(parent=restricted), title="Rights")
    return CohortFactory(courses=[school["course"], restricted], places=1)


def test_acceptance_enrols_in_every_course_of_the_curriculum(cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    change_status(application, "accepted", by=coordinator)
    enrolments = Enrolment.objects.filter(user=application.applicant)
    assert sorted(e.course_key for e in enrolments) == sorted(cohort.course_keys())
    assert {e.source for e in enrolments} == {"cohort"}
    assert list(cohort.members()) == [application.applicant]


def test_accepted_student_reads_the_restricted_course(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    course = cohort.curriculum.last().course
    client.force_login(application.applicant)
    assert (
        "enrolled by the School"
        in client.get(course.url.replace("/az/", "/en/")).content.decode()
    )
    change_status(application, "accepted", by=coordinator)
    page = client.get(course.url.replace("/az/", "/en/")).content.decode()
    assert "Start the course" in page


def test_places_are_never_over_filled(cohort, coordinator):
    first = ApplicationFactory(cohort=cohort, status="shortlisted")
    second = ApplicationFactory(cohort=cohort, status="shortlisted")
    change_status(first, "accepted", by=coordinator)
    with pytest.raises(AdmissionError, match="Every place"):
        change_status(second, "accepted", by=coordinator)
    second.refresh_from_db()
    assert second.status == "shortlisted"
    assert not Enrolment.objects.filter(user=second.applicant).exists()


def test_a_waitlisted_applicant_is_promoted_when_a_place_frees_up(cohort, coordinator):
    first = ApplicationFactory(cohort=cohort, status="shortlisted")
    second = ApplicationFactory(cohort=cohort, status="shortlisted")
    change_status(first, "accepted", by=coordinator)
    change_status(second, "waitlisted", by=coordinator)
    change_status(first, "withdrawn", by=coordinator, note="Moved abroad")
    assert not Enrolment.objects.active().filter(user=first.applicant).exists()
    change_status(second, "accepted", by=coordinator)
    assert Enrolment.objects.active().filter(user=second.applicant).count() == 2


def test_moves_the_workflow_does_not_allow_are_refused(cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="rejected")
    with pytest.raises(AdmissionError, match="cannot become"):
        change_status(application, "accepted", by=coordinator)
    draft = ApplicationFactory(cohort=cohort, status="draft")
    with pytest.raises(AdmissionError):
        change_status(draft, "shortlisted", by=coordinator)
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize(
    ("status", "language", "words"),
    [
        ("accepted", "en", "accepted"),
        ("waitlisted", "az", "gözləmə"),
        ("rejected", "ru", "заявк"),
    ],
)
def test_each_decision_emails_the_applicant_in_their_language(
    cohort, coordinator, status, language, words
):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    application.applicant.preferred_language = language
    application.applicant.save()
    change_status(application, status, by=coordinator)
    email = OutgoingEmail.objects.get(to=application.applicant.email)
    assert email.language == language
    assert words in (email.subject + email.body).lower()


def test_every_status_change_is_recorded(cohort, coordinator):
    application = ApplicationFactory(cohort=cohort)
    change_status(application, "shortlisted", by=coordinator, note="Strong proposal")
    change_status(application, "rejected", by=coordinator)
    history = list(
        StatusChange.objects.values_list(
            "changed_by", "from_status", "to_status", "note"
        )
    )
    assert history == [
        (coordinator.pk, "submitted", "shortlisted", "Strong proposal"),
        (coordinator.pk, "shortlisted", "rejected", ""),
    ]


def test_scheduling_an_interview_moves_the_application_and_invites(cohort, coordinator):
    from django.utils import timezone

    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    interview = Interview(scheduled_at=timezone.now(), place="Room 3")
    schedule_interview(application, interview, by=coordinator)
    application.refresh_from_db()
    assert application.status == "interview"
    assert (
        OutgoingEmail.objects.filter(template="cohorts/emails/interview").count() == 1
    )

    interview.notes = "Very clear answers"
    schedule_interview(application, interview, by=coordinator, changed=["notes"])
    assert (
        OutgoingEmail.objects.filter(template="cohorts/emails/interview").count() == 1
    )

    interview.place = "Room 5"
    schedule_interview(application, interview, by=coordinator, changed=["place"])
    assert (
        OutgoingEmail.objects.filter(template="cohorts/emails/interview").count() == 2
    )


def test_an_interview_needs_a_place_or_a_link(cohort):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.create(application=application, scheduled_at=timezone.now())


def test_accepting_a_former_learner_reactivates_their_enrolment(cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    course = cohort.curriculum.first().course
    Enrolment.objects.create(
        user=application.applicant,
        course_key=course.translation_key,
        status="withdrawn",
    )
    change_status(application, "accepted", by=coordinator)
    assert Enrolment.objects.active().filter(user=application.applicant).count() == 2
    assert Application.objects.get(pk=application.pk).status == "accepted"

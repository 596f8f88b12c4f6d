"""Applicants find the call, write their application in several visits, submit once."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms_background.models import OutgoingEmail
from lms_cohorts.models import Application, StatusChange
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMPLETE = {
    "field_of_study": "sociology",
    "study_status": "graduated",
    "year": "2023",
    "university": "ADA University",
    "languages": "Azerbaijani, Russian",
    "motivation": "I grew up in a family of labour migrants.",
    "proposal_title": "Language cafés",
    "proposal": "Weekly cafés where newcomers learn Azerbaijani from volunteers.",
}


def form_url(cohort, language="en"):
    return f"/{language}/apply/{cohort.pk}/"


@pytest.fixture
def cohort(db):
    return CohortFactory(number=4, name_en="4th Migration School", places=2)


@pytest.fixture
def closed_cohort(db):
    return CohortFactory(
        name_en="3rd Migration School",
        applications_open_at=timezone.now() - datetime.timedelta(days=30),
        applications_close_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_open_call_is_on_the_apply_page_and_the_home_page(client, school, cohort):
    closed = CohortFactory(
        name_en="Closed School",
        applications_open_at=timezone.now() + datetime.timedelta(days=3),
        applications_close_at=timezone.now() + datetime.timedelta(days=10),
    )
    for url in ("/en/apply/", "/en/"):
        page = client.get(url).content.decode()
        assert "4th Migration School" in page
        assert closed.name_en not in page
    assert "4-cü Miqrasiya Məktəbi" in client.get("/az/apply/").content.decode()


def test_apply_page_says_so_when_no_call_is_open(client, closed_cohort):
    page = client.get("/en/apply/").content.decode()
    assert "No call for applications is open" in page


def test_visitor_must_log_in_to_apply(client, cohort):
    response = client.get(form_url(cohort))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_applicant_saves_a_draft_and_finds_it_again(client, cohort, student):
    client.force_login(student)
    response = client.post(
        form_url(cohort), {"action": "save", "university": "ADA University"}
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant=student)
    assert (application.status, application.university) == ("draft", "ADA University")
    page = client.get(form_url(cohort)).content.decode()
    assert 'value="ADA University"' in page
    assert "Continue your application" in client.get("/en/apply/").content.decode()


def test_submitting_needs_every_field(client, cohort, student):
    client.force_login(student)
    response = client.post(
        form_url(cohort), {"action": "submit", "university": "ADA University"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Application.objects.exists()


def test_applicant_submits_once_and_is_told_by_email(client, cohort, student):
    student.preferred_language = "ru"
    student.save()
    client.force_login(student)
    response = client.post(form_url(cohort), {"action": "submit", **COMPLETE})
    assert response.status_code == 302
    application = Application.objects.get(applicant=student)
    assert application.status == "submitted"
    assert application.submitted_at is not None
    email = OutgoingEmail.objects.get(to=student.email)
    assert email.language == "ru"
    assert "4-я Школа миграции" in email.subject
    change = StatusChange.objects.get(application=application)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "draft",
        "submitted",
        student,
    )


def test_a_submitted_application_accepts_nothing_more(client, cohort, student):
    ApplicationFactory(cohort=cohort, applicant=student, university="BSU")
    client.force_login(student)
    page = client.get(form_url(cohort))
    assert "can no longer be changed" in page.content.decode()
    assert "<textarea" not in page.content.decode()
    response = client.post(
        form_url(cohort), {"action": "submit", **COMPLETE, "university": "Other"}
    )
    assert response.status_code == 400
    assert Application.objects.get().university == "BSU"
    assert StatusChange.objects.count() == 0


def test_a_closed_call_accepts_nothing(client, closed_cohort, student):
    client.force_login(student)
    assert "closed" in client.get(form_url(closed_cohort)).content.decode()
    response = client.post(form_url(closed_cohort), {"action": "save", **COMPLETE})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_a_draft_cannot_be_submitted_after_the_deadline(client, student):
    cohort = CohortFactory()
    ApplicationFactory(cohort=cohort, applicant=student, status="draft")
    cohort.applications_close_at = timezone.now() - datetime.timedelta(minutes=1)
    cohort.save()
    client.force_login(student)
    response = client.post(form_url(cohort), {"action": "submit", **COMPLETE})
    assert response.status_code == 400
    assert Application.objects.get().status == "draft"


def test_text_longer_than_the_limit_is_refused(client, cohort, student):
    client.force_login(student)
    response = client.post(
        form_url(cohort), {"action": "save", "motivation": "x" * 5001}
    )
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert not Application.objects.exists()


def test_the_database_refuses_text_over_the_limit(cohort, student):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(cohort=cohort, applicant=student, proposal="x" * 5001)


def test_the_database_refuses_a_second_application_to_a_cohort(cohort, student):
    ApplicationFactory(cohort=cohort, applicant=student)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(cohort=cohort, applicant=student, status="draft")


def test_the_year_must_be_a_plausible_year(client, cohort, student):
    client.force_login(student)
    response = client.post(
        form_url(cohort), {"action": "submit", **COMPLETE, "year": "20233"}
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_applicant_sees_the_status_on_the_dashboard(client, cohort, student):
    ApplicationFactory(cohort=cohort, applicant=student, status="shortlisted")
    client.force_login(student)
    page = client.get("/en/dashboard/").content.decode()
    assert "My applications" in page
    assert "4th Migration School" in page
    assert "Shortlisted" in page


def test_nobody_sees_another_applicants_answers(client, cohort, student):
    ApplicationFactory(cohort=cohort, proposal="A secret plan for border posts")
    client.force_login(student)
    for url in (form_url(cohort), "/en/apply/", "/en/dashboard/"):
        assert "secret plan" not in client.get(url).content.decode()


def test_applicants_text_is_shown_as_plain_text(client, cohort, student):
    client.force_login(student)
    client.post(
        form_url(cohort),
        {"action": "save", **COMPLETE, "university": "<script>alert(1)</script>"},
    )
    page = client.get(form_url(cohort)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_a_cohort_must_end_after_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortFactory(ends_on=timezone.localdate() - datetime.timedelta(days=400))


def test_unknown_cohort_is_a_404(client, student):
    client.force_login(student)
    assert client.get("/en/apply/999999/").status_code == 404


def test_applicants_with_the_same_name_get_separate_applications(client, cohort):
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        client.force_login(user)
        client.post(form_url(cohort), {"action": "submit", **COMPLETE})
    assert Application.objects.filter(status="submitted").count() == 2

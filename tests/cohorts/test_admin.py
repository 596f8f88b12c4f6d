"""Coordinators review, score, interview and decide in the Wagtail admin."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from lms_cohorts.models import Application, Cohort, Review
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.factories import UserFactory, admin_in_english

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/lms_cohorts/application/"


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator, student):
    admin_in_english(trainer, coordinator, student)


@pytest.fixture
def cohort(school):
    return CohortFactory(name_en="4th Migration School", courses=[school["course"]])


def review_url(application):
    return reverse(
        "wagtailsnippets_lms_cohorts_application:edit", args=[application.pk]
    )


def test_coordinator_lists_submitted_applications_but_not_drafts(
    client, cohort, coordinator
):
    ApplicationFactory(cohort=cohort, university="Baku State University")
    ApplicationFactory(cohort=cohort, status="draft", university="Draft University")
    client.force_login(coordinator)
    page = client.get(LIST).content.decode()
    assert "Baku State University" in page
    assert "Draft University" not in page


def test_coordinator_filters_by_status_field_and_university(
    client, cohort, coordinator
):
    ApplicationFactory(cohort=cohort, university="ADA University", status="shortlisted")
    ApplicationFactory(
        cohort=cohort, university="Khazar University", field_of_study="sociology"
    )
    client.force_login(coordinator)
    page = client.get(LIST, {"status": "shortlisted"}).content.decode()
    assert "ADA University" in page and "Khazar University" not in page
    page = client.get(LIST, {"field_of_study": "sociology"}).content.decode()
    assert "Khazar University" in page and "ADA University" not in page
    page = client.get(LIST, {"university__icontains": "khazar"}).content.decode()
    assert "Khazar University" in page and "ADA University" not in page


@pytest.mark.parametrize("who", ["trainer", "student"])
def test_only_coordinators_see_applications(client, cohort, request, who):
    application = ApplicationFactory(cohort=cohort, proposal="A confidential proposal")
    client.force_login(request.getfixturevalue(who))
    bulk = reverse(
        "wagtail_bulk_action", args=("lms_cohorts", "application", "change_status")
    )
    for url in (
        LIST,
        review_url(application),
        LIST + "?export=csv",
        LIST + f"history/{application.pk}/",
        "/admin/snippets/choose/lms_cohorts/application/",
        "/admin/snippets/choose/lms_cohorts/application/results/",
        f"/admin/snippets/choose/lms_cohorts/application/chosen/{application.pk}/",
        bulk + f"?id={application.pk}",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"confidential" not in response.content
        assert application.applicant.last_name.encode() not in response.content
    response = client.post(bulk + f"?id={application.pk}", {"status": "rejected"})
    assert response.status_code in (302, 403)
    assert Application.objects.get().status == "submitted"


def test_reviewers_score_on_the_rubric_and_see_the_average(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort)
    second = UserFactory(groups=["Coordinators"])
    UserProfile.objects.create(user=second, preferred_language="en")
    for reviewer, scores in ((coordinator, 5), (second, 3)):
        client.force_login(reviewer)
        response = client.post(
            review_url(application),
            {
                "action": "review",
                "energy": scores,
                "creativity": scores,
                "interest": scores,
                "proposal_quality": scores,
                "comments": "Clear",
            },
        )
        assert response.status_code == 302
    assert Review.objects.filter(application=application).count() == 2
    page = client.get(review_url(application)).content.decode()
    footer = page[page.index("<tfoot>") : page.index("</tfoot>")]
    assert footer.count("4.00") == 5  # each criterion and the overall average


def test_a_score_outside_one_to_five_is_refused(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort)
    client.force_login(coordinator)
    response = client.post(
        review_url(application),
        {
            "action": "review",
            "energy": 6,
            "creativity": 1,
            "interest": 1,
            "proposal_quality": 1,
        },
    )
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_coordinator_moves_an_application_and_the_history_shows_it(
    client, cohort, coordinator
):
    application = ApplicationFactory(cohort=cohort)
    client.force_login(coordinator)
    response = client.post(
        review_url(application),
        {"action": "status", "status": "shortlisted", "note": "Great proposal"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "shortlisted"
    page = client.get(review_url(application)).content.decode()
    assert "Great proposal" in page and coordinator.email in page


def test_a_move_that_is_not_allowed_gets_a_clear_message(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort)
    client.force_login(coordinator)
    response = client.post(
        review_url(application), {"action": "status", "status": "accepted"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Application.objects.get().status == "submitted"


def test_coordinator_schedules_an_interview(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    client.force_login(coordinator)
    response = client.post(
        review_url(application),
        {
            "action": "interview",
            "interview-scheduled_at": "2027-01-20T10:00",
            "interview-place": "",
            "interview-video_url": "https://meet.example/room",
            "interview-interviewers": [coordinator.pk],
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "interview"
    assert list(application.interview.interviewers.all()) == [coordinator]


def test_an_interview_without_place_or_link_is_refused(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, status="shortlisted")
    client.force_login(coordinator)
    response = client.post(
        review_url(application),
        {"action": "interview", "interview-scheduled_at": "2027-01-20T10:00"},
    )
    assert response.status_code == 400
    assert "Give a place" in response.content.decode()


def test_the_applicants_text_is_escaped_in_the_admin(client, cohort, coordinator):
    application = ApplicationFactory(
        cohort=cohort, motivation="<img src=x onerror=alert(1)>"
    )
    client.force_login(coordinator)
    page = client.get(review_url(application)).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x" in page


def test_bulk_action_decides_several_applications_and_respects_places(
    client, cohort, coordinator
):
    cohort.places = 1
    cohort.save()
    applications = ApplicationFactory.create_batch(
        2, cohort=cohort, status="shortlisted"
    )
    client.force_login(coordinator)
    url = reverse(
        "wagtail_bulk_action", args=("lms_cohorts", "application", "change_status")
    )
    query = "?" + "&".join(f"id={a.pk}" for a in applications)
    assert client.get(url + query).status_code == 200
    response = client.post(url + query, {"status": "accepted"}, follow=True)
    assert response.status_code == 200
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "shortlisted"]
    assert "Every place" in response.content.decode()


def test_export_has_the_scores_for_the_committee(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort, applicant__first_name="Aysel")
    Review.objects.create(
        application=application,
        reviewer=coordinator,
        energy=4,
        creativity=4,
        interest=5,
        proposal_quality=3,
    )
    client.force_login(coordinator)
    response = client.get(LIST, {"export": "csv"})
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows[0]["Applicant"].startswith("Aysel")
    assert float(rows[0]["Average score"]) == 4.0
    assert client.get(LIST, {"export": "xlsx"}).status_code == 200


def test_nobody_adds_or_deletes_applications_in_the_admin(client, cohort, coordinator):
    application = ApplicationFactory(cohort=cohort)
    client.force_login(coordinator)
    assert client.get(LIST + "add/").status_code in (302, 403)
    client.post(LIST + f"delete/{application.pk}/")
    assert Application.objects.filter(pk=application.pk).exists()


def test_coordinator_creates_a_cohort_with_its_curriculum(client, school, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts_admin:add"),
        {
            "number": 5,
            "name_az": "5-ci Miqrasiya Məktəbi",
            "name_en": "5th Migration School",
            "name_ru": "5-я Школа миграции",
            "starts_on": "2027-02-01",
            "ends_on": "2027-08-01",
            "format": "hybrid",
            "applications_open_at": "2026-12-01T09:00",
            "applications_close_at": "2027-01-10T18:00",
            "places": 30,
            "curriculum-TOTAL_FORMS": 1,
            "curriculum-INITIAL_FORMS": 0,
            "curriculum-MIN_NUM_FORMS": 0,
            "curriculum-MAX_NUM_FORMS": 1000,
            "curriculum-0-course": school["course"].pk,
            "curriculum-0-ORDER": 1,
            "curriculum-0-id": "",
            "curriculum-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort = Cohort.objects.get(number=5)
    assert cohort.course_keys() == [school["course"].translation_key]


def test_a_cohort_window_that_closes_before_it_opens_is_refused(
    client, school, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts_admin:add"),
        {
            "number": 6,
            "name_az": "a",
            "name_en": "b",
            "name_ru": "c",
            "starts_on": "2027-02-01",
            "ends_on": "2027-08-01",
            "format": "online",
            "applications_open_at": "2027-01-10T09:00",
            "applications_close_at": "2026-12-01T18:00",
            "places": 30,
            "curriculum-TOTAL_FORMS": 0,
            "curriculum-INITIAL_FORMS": 0,
            "curriculum-MIN_NUM_FORMS": 0,
            "curriculum-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 200
    assert "Applications must close after they open" in response.content.decode()
    assert not Cohort.objects.exists()


def test_only_teaching_staff_can_be_chosen_as_trainers(
    client, school, coordinator, trainer, student
):
    client.force_login(coordinator)
    page = client.get(reverse("cohorts_admin:add")).content.decode()
    assert f"{trainer}<" in page
    assert f"{student}<" not in page


def test_a_trainer_lists_and_opens_only_the_cohorts_they_teach(
    client, school, trainer, coordinator
):
    taught = CohortFactory(name_en="4th Migration School", courses=[school["course"]])
    taught.trainers.add(trainer)
    taught.save()
    other = CohortFactory(name_en="5th Migration School", courses=[school["course"]])
    client.force_login(trainer)
    listing = client.get(reverse("cohorts_admin:index")).content.decode()
    assert "4th Migration School" in listing
    assert "5th Migration School" not in listing
    assert (
        client.get(reverse("cohorts_admin:inspect", args=[taught.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("cohorts_admin:inspect", args=[other.pk])).status_code == 404
    )
    client.force_login(coordinator)
    listing = client.get(reverse("cohorts_admin:index")).content.decode()
    assert "4th Migration School" in listing and "5th Migration School" in listing

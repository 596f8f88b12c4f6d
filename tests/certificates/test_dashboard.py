"""A learner sees on the course page and the dashboard whether a course leads to a
certificate, and what is left to earn it."""

import pytest

from lms_certificates.models import CertificateRule
from tests.conftest import enrol, in_english
from tests.factories import CoursePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(school):
    user = UserFactory(groups=["Students"])
    enrol(user, school["course"])
    return user


@pytest.fixture
def course_rule(school, quiz):
    return CertificateRule.objects.create(
        course=school["course"], min_attendance_percent=0
    )


def test_a_course_page_says_what_is_left_to_earn_its_certificate(
    client, school, learner, course_rule
):
    client.force_login(learner)
    page = client.get(in_english(school["course"].url)).content.decode()
    assert "This course leads to the certificate “Border management”." in page
    assert "To earn the certificate:" in page
    assert "0 of 2 modules completed" in page
    assert "0 of 1 quiz passed" in page


def test_a_course_page_says_when_a_course_leads_to_no_certificate(
    client, school, learner
):
    client.force_login(learner)
    page = client.get(in_english(school["course"].url)).content.decode()
    assert "This course does not lead to a certificate." in page


def test_a_visitor_not_enrolled_is_told_nothing_about_certificates(
    client, school, course_rule
):
    client.force_login(UserFactory())
    page = client.get(in_english(school["course"].url)).content.decode()
    assert "leads to the certificate" not in page
    assert "does not lead to a certificate" not in page


def test_a_cohort_s_rule_covers_its_courses_on_the_course_page(
    client, school, holder, rule
):
    client.force_login(holder)
    page = client.get(in_english(school["course"].url)).content.decode()
    assert "This course leads to the certificate “Migration School”." in page


def test_the_dashboard_names_courses_that_lead_to_no_certificate(
    client, school, learner, course_rule
):
    other = CoursePageFactory(parent=school["catalogue"], title="Labour migration")
    enrol(learner, other)
    client.force_login(learner)
    page = client.get("/en/dashboard/").content.decode()
    assert "Courses without a certificate" in page
    assert (
        f'<a href="{other.url}">Labour migration</a>: '
        "This course does not lead to a certificate." in page
    )
    assert "Border management</a>: This course does not" not in page
    assert "0 of 2 modules completed" in page  # the rule's course: what is left

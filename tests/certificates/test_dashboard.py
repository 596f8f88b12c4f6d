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


def test_what_a_rule_asks_follows_its_changes_at_once(
    client, school, learner, course_rule
):
    """What a rule asks is kept with the pages (eligibility.programme_of): choosing
    required modules, ticking a lesson or passing a quiz shows at the next load."""
    client.force_login(learner)
    url = in_english(school["course"].url)
    assert "0 of 2 modules completed" in client.get(url).content.decode()

    course_rule.required_modules.set([school["modules"][0]])
    assert "0 of 1 module completed" in client.get(url).content.decode()

    from lms_courses.models import Enrolment
    from lms_courses.progress import mark_complete

    enrolment = Enrolment.objects.get(user=learner)
    for lesson in school["modules"][0].get_children():
        mark_complete(enrolment, lesson.translation_key)
    page = client.get(url).content.decode()
    assert "1 of 1 module completed" in page
    assert "0 of 1 quiz passed" in page

    course_rule.quiz_requirement = CertificateRule.QuizRequirement.NONE
    course_rule.save()
    assert "quiz passed" not in client.get(url).content.decode()


def test_a_graduate_is_invited_to_volunteer_as_soon_as_the_certificate_is_issued(
    client, school, holder, rule
):
    """Holding a certificate is a kept role ("graduate"): issuing one forgets the
    holder's roles, and the dashboard's invitation shows at the next load."""
    from lms_certificates.issuing import issue_by_hand

    client.force_login(holder)
    invitation = "Join the Migration Volunteers"
    assert invitation not in client.get("/en/dashboard/").content.decode()
    issue_by_hand(rule, holder, by=None, reason="Exams passed on paper")
    assert invitation in client.get("/en/dashboard/").content.decode()

"""Coordinators list, export, issue by hand, revoke and reinstate, with reasons kept."""

import csv
import io

import pytest
from wagtail.models import ModelLogEntry

from lms_certificates.issuing import issue_due
from lms_certificates.models import Certificate, CertificateRule, ProjectCompletion
from tests.factories import UserFactory, admin_in_english

from .conftest import complete_everything

pytestmark = pytest.mark.django_db
ADMIN = "/admin/certificates_admin/"


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator):
    admin_in_english(trainer, coordinator)


@pytest.fixture
def certificate(rule, holder, school, quiz, live_class):
    complete_everything(holder, school, quiz, live_class)
    [certificate] = issue_due(rule)
    return certificate


def test_coordinator_lists_filters_and_exports_certificates(
    client, coordinator, certificate
):
    client.force_login(coordinator)
    page = client.get(ADMIN).content.decode()
    assert "Şəhla Ağayeva-Çələbi" in page
    assert "Şəhla" not in client.get(ADMIN, {"status": "revoked"}).content.decode()
    response = client.get(ADMIN, {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows[0]["Holder's name"] == "Şəhla Ağayeva-Çələbi"
    assert rows[0]["Verification code"] == certificate.display_code
    assert rows[0]["Status"] == "Valid"


def test_coordinator_revokes_with_a_reason_that_history_keeps(
    client, coordinator, certificate
):
    client.force_login(coordinator)
    url = f"{ADMIN}edit/{certificate.pk}/"
    assert client.post(url, {"reason": ""}).status_code == 400
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    response = client.post(url, {"reason": "Plagiarised final project"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == coordinator
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert (entry.user, entry.data["reason"]) == (
        coordinator,
        "Plagiarised final project",
    )
    history = client.get(f"{ADMIN}history/{certificate.pk}/").content.decode()
    assert "Revoked: Plagiarised final project" in history
    client.post(url, {"reason": "Appeal upheld"})
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert ModelLogEntry.objects.filter(action="certificates.reinstate").exists()


def test_coordinator_issues_by_hand_with_a_reason(client, coordinator, rule):
    learner = UserFactory(email="late@school.example")
    client.force_login(coordinator)
    form = {"learner": "LATE@school.example", "rule": rule.pk, "reason": ""}
    assert client.post(f"{ADMIN}new/", form).status_code == 400
    form["reason"] = "Completed the programme on paper during an outage"
    response = client.post(f"{ADMIN}new/", form)
    assert response.status_code == 302
    certificate = Certificate.objects.get(user=learner)
    assert certificate.issued_by == coordinator
    assert certificate.issue_reason == form["reason"]
    assert ModelLogEntry.objects.get(action="certificates.issue_by_hand").user == (
        coordinator
    )
    response = client.post(f"{ADMIN}new/", form)
    assert response.status_code == 400
    assert "already has this certificate" in response.content.decode()


def test_the_inspect_view_warns_when_the_holder_no_longer_meets_the_rule(
    client, coordinator, certificate
):
    from lms_quizzes.models import QuizResult

    QuizResult.objects.update(passed=False, percent=30)
    client.force_login(coordinator)
    page = client.get(f"{ADMIN}inspect/{certificate.pk}/").content.decode()
    assert "no longer meets the rule" in page
    assert "0 of 1 quiz passed" in page


@pytest.mark.parametrize("who", ["trainer", "holder"])
def test_trainers_and_students_cannot_issue_or_revoke(
    client, who, request, certificate, rule
):
    client.force_login(request.getfixturevalue(who))
    form = {"learner": "x@school.example", "rule": rule.pk, "reason": "x"}
    assert client.post(f"{ADMIN}new/", form).status_code == 302  # denied
    response = client.post(f"{ADMIN}edit/{certificate.pk}/", {"reason": "x"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert Certificate.objects.count() == 1


def test_nobody_deletes_a_certificate(client, certificate):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(f"{ADMIN}delete/{certificate.pk}/").status_code == 404
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_coordinator_defines_a_rule_for_a_cohort(client, coordinator, cohort):
    client.force_login(coordinator)
    form = {
        "cohort": cohort.pk,
        "programme_name": "Migration School",
        "quiz_requirement": "all_passed",
        "min_average_score": 60,
        "min_attendance_percent": 80,
        "signatories": "",
        "project_label": "",
    }
    response = client.post("/admin/certificate_rules/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CertificateRule.objects.get().cohort == cohort
    form["cohort"] = ""
    response = client.post("/admin/certificate_rules/new/", form)
    assert "Choose either a cohort or a course." in response.content.decode()


def test_coordinator_marks_a_final_project_done(client, coordinator, rule, holder):
    rule.requires_project = True
    rule.save()
    client.force_login(coordinator)
    response = client.post(
        "/admin/project_completions/new/",
        {"learner_email": holder.email, "rule": rule.pk, "note": "Internship at IOM"},
    )
    assert response.status_code == 302
    mark = ProjectCompletion.objects.get()
    assert (mark.user, mark.marked_by) == (holder, coordinator)

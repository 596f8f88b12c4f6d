"""Coordinators enrol learners in the admin; trainers see progress and export it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lms_courses.models import Enrolment
from tests.conftest import enrol
from tests.factories import UserFactory, admin_in_english

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/learner-progress/"


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator, student):
    """These tests read the admin in English (its language is a per-user setting)."""
    admin_in_english(trainer, coordinator, student)


def test_coordinator_enrols_a_learner_from_the_admin(client, school, coordinator):
    learner = UserFactory(email="nigar@school.example")
    client.force_login(coordinator)
    add_url = reverse("enrolments:add")
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {
            "learner_email": "NIGAR@school.example",
            "course": school["course"].pk,
            "status": "active",
        },
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.user, enrolment.source) == (learner, "admin")
    assert enrolment.course_key == school["course"].translation_key


@pytest.mark.parametrize(
    ("email", "error"),
    [("nobody@school.example", "Nobody has signed up"), ("", "required")],
)
def test_enrolment_form_explains_bad_input(client, school, coordinator, email, error):
    client.force_login(coordinator)
    response = client.post(
        reverse("enrolments:add"),
        {"learner_email": email, "course": school["course"].pk, "status": "active"},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolling_twice_is_refused_with_a_message(
    client, school, coordinator, student
):
    enrol(student, school["course"])
    client.force_login(coordinator)
    response = client.post(
        reverse("enrolments:add"),
        {
            "learner_email": student.email,
            "course": school["course"].pk,
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "already enrolled" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_trainers_cannot_enrol_learners(client, school, trainer):
    client.force_login(trainer)
    assert client.get(reverse("enrolments:add")).status_code in (302, 403)


@pytest.fixture
def progress(school, student):
    enrolment = enrol(student, school["course"])
    other = UserFactory(
        email="other@school.example", first_name="Orxan", last_name="Babayev"
    )
    enrol(other, school["course"])
    from lms_courses.progress import mark_complete

    mark_complete(enrolment, school["lessons"][0].translation_key)
    mark_complete(enrolment, school["lessons"][1].translation_key)
    return enrolment


@pytest.mark.parametrize("who", ["trainer", "coordinator"])
def test_report_lists_every_learner_with_progress_and_activity(
    client, progress, request, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(REPORT, {"course_key": str(progress.course_key)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "student@school.example" in content
    assert "67% (2/3)" in content
    assert "other@school.example" in content
    assert "0% (0/3)" in content


def test_report_exports_csv_and_xlsx(client, progress, trainer):
    client.force_login(trainer)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[3:6] == ["Progress (%)", "Lessons done", "Lessons in the course"]
    by_email = {row[1]: row for row in rows}
    assert by_email["student@school.example"][3:6] == ["67", "2", "3"]
    assert by_email["other@school.example"][3:6] == ["0", "0", "3"]

    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert "Progress (%)" in values[0]
    assert len(values) == 3


def test_students_cannot_see_the_report(client, progress, student):
    client.force_login(student)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"other@school.example" not in response.content


def test_a_bad_course_filter_does_not_break_the_report(client, progress, trainer):
    client.force_login(trainer)
    response = client.get(REPORT, {"course_key": "not-a-course"})
    assert response.status_code == 200


def test_enrolment_listing_shows_course_titles(client, progress, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("enrolments:index"))
    assert response.status_code == 200
    assert "Border management" in response.content.decode()
    response = client.get(reverse("enrolments:inspect", args=[progress.pk]))
    assert response.status_code == 200
    response = client.get(reverse("enrolments:edit", args=[progress.pk]))
    assert response.status_code == 200


def test_exports_keep_azerbaijani_letters(client, school, trainer):
    learner = UserFactory(
        email="sebnem@school.example", first_name="Şəbnəm", last_name="Ağayeva-Çələbi"
    )
    enrol(learner, school["course"])
    client.force_login(trainer)
    csv_text = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content)
    assert "Şəbnəm Ağayeva-Çələbi" in csv_text.decode("utf-8")
    xlsx = b"".join(client.get(REPORT, {"export": "xlsx"}).streaming_content)
    names = [row[0] for row in load_workbook(io.BytesIO(xlsx)).active.values]
    assert "Şəbnəm Ağayeva-Çələbi" in names


def test_enrolment_export_is_in_the_coordinators_language(
    client, progress, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("enrolments:index"), {"export": "csv"})
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert "Course" in header

"""The models on the production database: PostgreSQL enforces the same rules."""

import pytest
from django.db import IntegrityError, connection, transaction

from lms_courses.models import GCMObjective
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_suite_really_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_postgresql_refuses_a_24th_gcm_objective():
    with pytest.raises(IntegrityError), transaction.atomic():
        GCMObjective.objects.create(
            number=24,
            name="GCM 24",
            slug="gcm-24",
            title_az="x",
            title_en="x",
            title_ru="x",
        )


def test_emails_are_unique_whatever_their_case():
    UserFactory(email="leyla@school.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="LEYLA@school.example")


def test_catalogue_filters_on_postgresql(client, school):
    response = client.get("/az/courses/", {"sdg": 10})
    assert [course.title for course in response.context["courses"]] == [
        "Border management"
    ]
    response = client.get("/az/courses/", {"sdg": 99})
    assert response.status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_marking_at_once_make_one_row(school, student):
    """Eight threads tick the same lesson at the same moment on PostgreSQL."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connections

    from lms_courses.models import LessonCompletion
    from lms_courses.progress import mark_complete
    from tests.conftest import enrol

    enrolment = enrol(student, school["course"])
    key = school["lessons"][0].translation_key
    barrier = Barrier(8)

    def tick(_):
        try:
            barrier.wait()
            return mark_complete(enrolment, key)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        created = list(pool.map(tick, range(8)))
    assert created.count(True) == 1
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1

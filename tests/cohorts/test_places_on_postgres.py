"""Two coordinators accepting at the same moment never over-fill a cohort."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections

from lms_cohorts.admission import AdmissionError, change_status
from lms_cohorts.models import Application
from lms_courses.models import Enrolment
from tests.cohorts.factories import ApplicationFactory, CohortFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_last_place_goes_to_exactly_one_of_two_simultaneous_acceptances(
    school, coordinator
):
    cohort = CohortFactory(places=3, courses=[school["course"]])
    ApplicationFactory.create_batch(2, cohort=cohort, status="accepted")
    contenders = ApplicationFactory.create_batch(4, cohort=cohort, status="shortlisted")
    barrier = Barrier(len(contenders))

    def accept(application):
        try:
            barrier.wait()
            change_status(application, "accepted", by=coordinator)
            return "accepted"
        except AdmissionError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(contenders)) as pool:
        outcomes = list(pool.map(accept, contenders))
    assert outcomes.count("accepted") == 1
    assert cohort.accepted().count() == 3
    assert Application.objects.filter(status="shortlisted").count() == 3
    winners = Application.objects.filter(
        pk__in=[a.pk for a in contenders], status="accepted"
    )
    assert Enrolment.objects.filter(user__applications__in=winners).count() == 1

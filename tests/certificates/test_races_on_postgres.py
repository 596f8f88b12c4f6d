"""Real concurrent connections on PostgreSQL: however many workers, one certificate."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections

from lms_certificates.issuing import issue_due
from lms_certificates.models import Certificate

from .conftest import complete_everything

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_six_workers_sweeping_at_once_issue_one_certificate(
    rule, holder, school, quiz, live_class
):
    complete_everything(holder, school, quiz, live_class)  # issues it at once
    Certificate.objects.all().delete()
    barrier = Barrier(6)

    def sweep(_):
        try:
            barrier.wait()
            return len(issue_due(rule))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(6) as pool:
        issued = list(pool.map(sweep, range(6)))
    assert sum(issued) == 1
    assert Certificate.objects.filter(user=holder).count() == 1

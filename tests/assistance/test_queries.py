"""The desk's busiest pages run the same number of queries at two data sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms_assistance.models import RequestNote

from .factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_request_list_does_not_grow_with_the_requests(client, desk_world):
    staff = desk_world.users["desk_staff"]
    client.force_login(staff)
    few = queries(client, reverse("desk:index"))
    AssistanceRequestFactory.create_batch(30, desk=desk_world.desk, taken_by=staff)
    assert queries(client, reverse("desk:index")) == few


def test_a_request_page_does_not_grow_with_its_notes(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    url = reverse("desk:request", args=[desk_world.request.reference])
    few = queries(client, url)
    for number in range(12):
        RequestNote.objects.create(
            request=desk_world.request,
            author=desk_world.users["assigned_volunteer"],
            text=f"Call {number}",
        )
    assert queries(client, url) == few


def test_the_audit_log_does_not_grow_with_its_entries(client, desk_world):
    client.force_login(desk_world.users["dpo"])
    few = queries(client, reverse("desk:audit"))
    client.force_login(desk_world.users["desk_staff"])
    for _ in range(20):
        client.get(reverse("desk:request", args=[desk_world.request.reference]))
    client.force_login(desk_world.users["dpo"])
    assert queries(client, reverse("desk:audit")) == few

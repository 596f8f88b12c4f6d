"""Migrants booking and staff handling at the same moment, on PostgreSQL's row locks:
a slot is never over-booked and a request is moved once."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections
from django.test import RequestFactory

from lms_assistance import drives, handling
from lms_assistance.models import AuditEntry, Booking, Status

from .factories import AssistanceRequestFactory, DriveSlotFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(calls, refusals):
    """Run the calls in threads released together, each on its own connection."""
    barrier = Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except refusals as refusal:
            return refusal
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_twenty_migrants_racing_for_four_places_book_exactly_four():
    slot = DriveSlotFactory(capacity=4)
    outcomes = at_once(
        [
            lambda n=n: drives.book(slot, name=f"Migrant {n}", language="ru")
            for n in range(20)
        ],
        drives.DriveRefused,
    )
    booked = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(booked) == 4
    slot.refresh_from_db()
    assert slot.booked == 4
    assert Booking.objects.filter(slot=slot, status="booked").count() == 4


def test_finishing_and_closing_at_once_moves_the_request_once(desk_world):
    staff = desk_world.users["desk_staff"]
    request = AssistanceRequestFactory(
        desk=desk_world.desk,
        taken_by=staff,
        status=Status.ASSIGNED,
        assignee=desk_world.users["assigned_volunteer"],
    )

    def as_staff():
        http_request = RequestFactory().post("/")
        http_request.user = staff
        return http_request

    outcomes = at_once(
        [
            lambda: handling.move(as_staff(), request, "finish"),
            lambda: handling.move(as_staff(), request, "close", reason="Moved away"),
        ],
        handling.HandlingRefused,
    )
    assert len([o for o in outcomes if isinstance(o, Exception)]) == 1
    request.refresh_from_db()
    assert request.status in (Status.DONE, Status.CLOSED)
    moves = AuditEntry.objects.filter(reference=request.reference, action="change")
    assert moves.count() == 1

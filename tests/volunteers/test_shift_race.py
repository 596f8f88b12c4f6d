"""Many volunteers signing up at the same moment never over-fill a shift."""

import datetime
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connections
from django.utils import timezone

from lms_volunteers import shifts
from lms_volunteers.models import Shift, SignUp
from tests.volunteers.factories import ShiftFactory, VolunteerFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(calls):
    """Run the calls in threads released together, each on its own connection."""
    barrier = Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except shifts.SignUpRefused as refusal:
            return refusal
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def days_ahead(days: float, hours: float = 2) -> dict:
    starts = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=hours)}


def test_thirty_volunteers_racing_for_five_places_fill_exactly_five():
    shift = ShiftFactory(capacity=5, **days_ahead(3))
    volunteers = VolunteerFactory.create_batch(30)
    outcomes = at_once(
        [lambda v=volunteer: shifts.sign_up(v, shift) for volunteer in volunteers]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    statuses = [o.status for o in outcomes]
    assert statuses.count(SignUp.Status.CONFIRMED) == 5
    assert statuses.count(SignUp.Status.WAITLISTED) == 25
    shift.refresh_from_db()
    assert shift.places_taken == 5
    assert SignUp.objects.confirmed().filter(shift=shift).count() == 5
    waiting = SignUp.objects.waitlisted().filter(shift=shift)
    assert [shifts.waitlist_position(s) for s in waiting] == list(range(1, 26))


def test_one_volunteer_racing_for_two_overlapping_shifts_holds_only_one():
    volunteer = VolunteerFactory()
    first = ShiftFactory(**days_ahead(3))
    second = ShiftFactory(
        starts_at=first.starts_at + datetime.timedelta(hours=1),
        ends_at=first.ends_at + datetime.timedelta(hours=1),
    )
    outcomes = at_once(
        [lambda s=shift: shifts.sign_up(volunteer, s) for shift in (first, second)] * 4
    )
    refused = [o for o in outcomes if isinstance(o, shifts.SignUpRefused)]
    assert len(refused) == 7
    assert SignUp.objects.holding().filter(volunteer=volunteer).count() == 1
    assert sum(Shift.objects.values_list("places_taken", flat=True)) == 1


def test_cancelling_while_others_sign_up_keeps_the_count_true():
    shift = ShiftFactory(capacity=3, **days_ahead(3))
    holders = [shifts.sign_up(v, shift) for v in VolunteerFactory.create_batch(3)]
    newcomers = VolunteerFactory.create_batch(6)
    outcomes = at_once(
        [lambda h=holder: shifts.cancel(h) for holder in holders]
        + [lambda v=volunteer: shifts.sign_up(v, shift) for volunteer in newcomers]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    shift.refresh_from_db()
    confirmed = SignUp.objects.confirmed().filter(shift=shift).count()
    assert shift.places_taken == confirmed == 3
    assert SignUp.objects.waitlisted().filter(shift=shift).count() == 3

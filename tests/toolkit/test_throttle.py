"""Throttles counted in the cache: requests per client address in a window, and
wrong codes that earn a wait."""

import datetime

import time_machine
from django.test import RequestFactory
from django.utils import timezone

from lms_toolkit import throttle

START = datetime.datetime(2030, 1, 1, 12, 0, 0, tzinfo=datetime.UTC)


def from_address(address: str):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_a_client_is_refused_once_over_the_limit_in_a_window():
    request = from_address("192.0.2.1")
    with time_machine.travel(START, tick=False):
        answers = [throttle.allow(request, "verify", 3, 60) for _ in range(4)]
    assert answers == [True, True, True, False]


def test_the_next_window_starts_a_new_count():
    request = from_address("192.0.2.1")
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            throttle.allow(request, "verify", 3, 60)
        clock.shift(datetime.timedelta(seconds=60))
        assert throttle.allow(request, "verify", 3, 60)


def test_clients_and_scopes_are_counted_apart():
    request = from_address("192.0.2.1")
    for _ in range(3):
        throttle.allow(request, "verify", 3, 60)
    assert throttle.allow(from_address("192.0.2.2"), "verify", 3, 60)
    assert throttle.allow(request, "booking", 3, 60)


def test_wrong_codes_below_the_limit_are_allowed():
    for _ in range(2):
        throttle.count_wrong_code("room:1:7", 3, 60)
    assert throttle.wrong_codes_allowed("room:1:7", 3)


def test_the_wrong_code_that_reaches_the_limit_starts_the_full_wait():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        throttle.count_wrong_code("room:1:7", 3, 60)
        clock.shift(datetime.timedelta(seconds=50))
        throttle.count_wrong_code("room:1:7", 3, 60)
        throttle.count_wrong_code("room:1:7", 3, 60)
        clock.shift(datetime.timedelta(seconds=59))
        assert not throttle.wrong_codes_allowed("room:1:7", 3)
        clock.shift(datetime.timedelta(seconds=2))
        assert throttle.wrong_codes_allowed("room:1:7", 3)


def test_one_scopes_wrong_codes_leave_another_alone():
    for _ in range(3):
        throttle.count_wrong_code("room:1:7", 3, 60)
    assert throttle.wrong_codes_allowed("room:1:8", 3)

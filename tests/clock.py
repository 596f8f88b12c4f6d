"""A pytest plugin that runs the whole suite with the clock moved (``--shift-clock``).

A test that passes only in the month it was written is a date bomb. Running the suite
a year ahead and a year back (``make test-time-travel``) finds them before the calendar
does: ``pytest --shift-clock=+365`` moves ``time.time()``, ``datetime.now()`` and
Django's ``timezone.now()`` by that many days for every test, and lets the clock tick.
Tests that need a fixed instant still freeze it themselves with time-machine; that nests
inside the shift.
"""

import datetime
import os

import pytest
import time_machine

ENVIRONMENT_VARIABLE = "LMS_TEST_CLOCK_SHIFT"
_TRAVELLER = pytest.StashKey[time_machine.travel]()


def pytest_addoption(parser):
    parser.addoption(
        "--shift-clock",
        default=os.environ.get(ENVIRONMENT_VARIABLE, ""),
        metavar="DAYS",
        help=(
            "run every test with the clock moved by DAYS days (e.g. +365 or -365); "
            f"also read from ${ENVIRONMENT_VARIABLE}"
        ),
    )


def pytest_configure(config):
    days = shift_in_days(config.getoption("--shift-clock"))
    if not days:
        return
    destination = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days)
    traveller = time_machine.travel(destination, tick=True)
    traveller.start()
    config.stash[_TRAVELLER] = traveller
    # Processes a test starts (daphne, a worker) travel too: see lms/settings/test.py.
    os.environ[ENVIRONMENT_VARIABLE] = str(days)


def pytest_unconfigure(config):
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    days = shift_in_days(config.getoption("--shift-clock"))
    if days:
        today = datetime.datetime.now(datetime.UTC).date()
        return f"clock shifted by {days:+d} days: today is {today.isoformat()}"
    return None


def shift_in_days(value: str) -> int:
    """``"+365"``, ``"-365"``, ``"365d"`` or ``""`` as a whole number of days."""
    value = (value or "").strip().removesuffix("d")
    if not value:
        return 0
    try:
        return int(value)
    except ValueError:
        raise pytest.UsageError(
            f"--shift-clock takes whole days, such as +365: {value!r}"
        ) from None

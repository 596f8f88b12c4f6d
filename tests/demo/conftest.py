"""The demo School, loaded once per test module."""

import os

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase


@pytest.fixture(scope="module")
def demo_school(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        # wagtail-localize publishes translations when the transaction commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=open(os.devnull, "w"))
        yield
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)

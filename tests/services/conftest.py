"""Fixtures of the tests that start real servers on the test database and Redis."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.services.processes import Processes


@pytest.fixture
def processes(transactional_db, tmp_path):
    """Servers of one test, all killed at the end whatever happened (before the test
    database is emptied)."""
    running = Processes(tmp_path)
    yield running
    running.kill_all()


@pytest.fixture
def database_url(transactional_db) -> str:
    """The test database, for the processes the test starts."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def redis_url() -> str:
    return os.environ["REDIS_URL"]

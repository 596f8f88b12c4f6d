"""A background process holds one or two database connections, whatever the pool
settings say (the number it holds on PostgreSQL: tests/services/test_shutdown.py)."""

from unittest import mock

import pytest
from django.db.utils import ConnectionHandler

from lms_background import connections

POSTGRESQL = {"ENGINE": "django.db.backends.postgresql", "NAME": "lms"}


def pools_after_limit(max_size: int, **databases) -> dict:
    handler = ConnectionHandler(databases)
    with mock.patch.object(connections, "connections", handler):
        connections.limit_pools(max_size=max_size)
    return {
        alias: handler[alias].settings_dict["OPTIONS"].get("pool")
        for alias in databases
    }


@pytest.mark.parametrize(
    "pool, limited",
    [
        # psycopg's default: 4 open even when idle.
        (True, {"min_size": 1, "max_size": 2}),
        (
            {"min_size": 5, "max_size": 10, "timeout": 10},
            {"min_size": 1, "max_size": 2, "timeout": 10},
        ),
        ({"min_size": 0, "max_size": 1}, {"min_size": 0, "max_size": 1}),
    ],
)
def test_a_worker_s_pool_holds_two_connections_at_most(pool, limited):
    pools = pools_after_limit(2, default={**POSTGRESQL, "OPTIONS": {"pool": pool}})
    assert pools == {"default": limited}


def test_the_scheduler_s_pool_holds_one_connection():
    pools = pools_after_limit(1, default={**POSTGRESQL, "OPTIONS": {"pool": True}})
    assert pools == {"default": {"min_size": 1, "max_size": 1}}


def test_a_database_without_a_pool_is_left_alone():
    pools = pools_after_limit(2, default={**POSTGRESQL, "OPTIONS": {}})
    assert pools == {"default": None}

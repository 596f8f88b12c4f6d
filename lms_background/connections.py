"""The database connections of a background process: one or two, given back at the end.

A site's pool settings are sized for its web server's request threads: a pool keeps
``min_size`` connections open even when idle, and psycopg's default (``"pool": True``)
keeps 4. A worker needs two at most (its loop and its heartbeat), the scheduler one.
"""

from django.db import connections

# psycopg_pool's default size, which Django's ``"pool": True`` gets.
PSYCOPG_MIN_SIZE = 4


def limit_pools(max_size: int = 2) -> None:
    """Let each database pool of this process hold at most ``max_size`` connections,
    keeping one open when idle. A pool takes its sizes when it is created: call this
    before the first query (a pool created already is closed, to be made anew)."""
    for alias in connections:
        wrapper = connections[alias]
        pool = wrapper.settings_dict.get("OPTIONS", {}).get("pool")
        if not pool:
            continue
        sizes = {} if pool is True else dict(pool)
        sizes["min_size"] = min(sizes.get("min_size", PSYCOPG_MIN_SIZE), 1)
        sizes["max_size"] = min(sizes.get("max_size") or max_size, max_size)
        wrapper.settings_dict["OPTIONS"]["pool"] = sizes
        _close_pool(wrapper)


def close_pools() -> None:
    """Give back this thread's connections, then close every pool of the process: its
    idle connections now, those still lent out when they come back."""
    connections.close_all()
    for alias in connections:
        _close_pool(connections[alias])


def _close_pool(wrapper) -> None:
    if hasattr(wrapper, "close_pool"):  # Django's PostgreSQL pool (psycopg_pool)
        wrapper.close_pool()
    elif getattr(wrapper, "pool", None) is not None:  # the site's SQLite pool
        wrapper.pool.close()

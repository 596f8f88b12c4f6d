"""SQLite for the embedded default, with write transactions queued inside the process.

daphne runs each request's view in a thread of its own, so 300 students submitting
a quiz at once are 300 threads asking SQLite for its one write lock. SQLite makes
them poll with growing sleeps, and under such a crowd some poll past their timeout
and fail with "database is locked". Here a transaction first waits for a lock of the
process, in a queue that wakes one writer at a time and never times out, and only
then asks SQLite; the busy timeout is left for the other processes (the worker).
Reads never wait: in WAL mode they do not need the write lock.

And connections come from a small pool per process (``OPTIONS["pool"]``, sized as
PostgreSQL's: lms/settings/connections.py). daphne starts a new thread for every
request, so a connection per thread was a connection per request: 64 clients left one
daphne with 752 open handles to the file. Here a process holds at most ``max_size``
connections, lends one to a thread until its request ends, and keeps it open for the
next (no PRAGMAs to run again). A thread that waits longer than ``timeout`` for one
gets ``PoolTimeout``, which the site answers with 503 (lms/errors.py).
"""

import sqlite3
import threading

from django.db.backends.sqlite3 import base

_write_locks: dict[str, threading.Lock] = {}
_pools: dict[str, "Pool"] = {}
_guard = threading.Lock()


class PoolTimeout(sqlite3.OperationalError):
    """No connection of the pool came free in time (Django raises it wrapped in its
    ``OperationalError``, as psycopg_pool's ``PoolTimeout``)."""


class Pool:
    def __init__(self, max_size: int, timeout: float):
        self.max_size = max_size
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(max_size)
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def take(self, connect) -> sqlite3.Connection:
        if not self._slots.acquire(timeout=self.timeout):
            raise PoolTimeout(
                f"No database connection came free in {self.timeout:g} s "
                f"({self.max_size} in use)."
            )
        with self._lock:
            if self._idle:
                return self._idle.pop()
        try:
            return connect()
        except BaseException:
            self._slots.release()
            raise

    def give_back(self, connection: sqlite3.Connection) -> None:
        try:
            if connection.in_transaction:
                connection.rollback()
            with self._lock:
                self._idle.append(connection)
        except sqlite3.Error:
            connection.close()
        finally:
            self._slots.release()

    def discard(self, connection: sqlite3.Connection) -> None:
        try:
            connection.close()
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_write_lock = False
    _pooled = False

    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("pool", None)
        return params

    def get_new_connection(self, conn_params):
        pool = self.pool
        if pool is None:
            return super().get_new_connection(conn_params)
        parent = super()
        connection = pool.take(lambda: parent.get_new_connection(conn_params))
        self._pooled = True
        return connection

    @property
    def pool(self) -> Pool | None:
        options = self.settings_dict["OPTIONS"].get("pool")
        if not options or self.is_in_memory_db():
            return None
        options = {} if options is True else options
        name = str(self.settings_dict["NAME"])
        with _guard:
            if name not in _pools:
                _pools[name] = Pool(
                    max_size=int(options.get("max_size", 10)),
                    timeout=float(options.get("timeout", 10)),
                )
            return _pools[name]

    def _start_transaction_under_autocommit(self):
        self._write_lock().acquire()
        self._holds_write_lock = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self):
        try:
            if self._pooled and self.connection is not None:
                self._pooled = False
                with self.wrap_database_errors:
                    if self.in_atomic_block:
                        # Django may still look at it before the block ends.
                        self.pool.discard(self.connection)
                    else:
                        self.pool.give_back(self.connection)
                return None
            return super()._close()
        finally:
            self._release_write_lock()

    def __del__(self):
        # A thread that ended without closing its connection (it never should) still
        # gives its slot back once the collector finds the wrapper.
        if self._pooled and self.connection is not None:
            self._pooled = False
            try:
                self.pool.discard(self.connection)
            except Exception:  # noqa: S110 (the interpreter is shutting down)
                pass

    def _write_lock(self) -> threading.Lock:
        with _guard:
            return _write_locks.setdefault(
                str(self.settings_dict["NAME"]), threading.Lock()
            )

    def _release_write_lock(self) -> None:
        if self._holds_write_lock:
            self._holds_write_lock = False
            self._write_lock().release()

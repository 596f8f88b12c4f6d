"""SQLite for the embedded default, with write transactions queued inside the process.

daphne runs each request's view in a thread of its own, so 300 students submitting
a quiz at once are 300 threads asking SQLite for its one write lock. SQLite makes
them poll with growing sleeps, and under such a crowd some poll past their timeout
and fail with "database is locked". Here a transaction first waits for a lock of the
process, in a queue that wakes one writer at a time and never times out, and only
then asks SQLite; the busy timeout is left for the other processes (the worker).
Reads never wait: in WAL mode they do not need the write lock.
"""

import threading

from django.db.backends.sqlite3 import base

_write_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_write_lock = False

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
            return super()._close()
        finally:
            self._release_write_lock()

    def _write_lock(self) -> threading.Lock:
        with _guard:
            return _write_locks.setdefault(
                str(self.settings_dict["NAME"]), threading.Lock()
            )

    def _release_write_lock(self) -> None:
        if self._holds_write_lock:
            self._holds_write_lock = False
            self._write_lock().release()

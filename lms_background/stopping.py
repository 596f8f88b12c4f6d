"""How a background process stops on SIGTERM (or Ctrl-C): as it should, and surely.

The command says what stopping means for it (``on_signal``, called as Python calls
signal handlers, in the main thread: raise to stop at once, or let the loop end after
its task) and how long that may take (``grace``, counted from the signal). Past the
grace, a thread woken by the signal itself ends the process with ``os._exit``: it is
woken through ``signal.set_wakeup_fd``, so also while the main thread waits inside
SQLite's busy handler, which no Python signal handler interrupts. A task cut short so
stays "running" in the database, and the scheduler's ``requeue-abandoned-tasks`` puts
it back in the queue, as after kill -9. A second signal ends the process at once.
"""

import os
import select
import signal
import threading
import time
from collections.abc import Callable

# SIGQUIT too, as django_tasks_db's own worker stops on it.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)


def stop_on_signals(
    on_signal: Callable[[int], None], grace: Callable[[], float]
) -> None:
    """Call ``on_signal`` on the first of ``STOP_SIGNALS``; end the process ``grace()``
    seconds after it (or at the second) if it is still there. Main thread only."""
    wakeup, woken = _pipe()
    signal.set_wakeup_fd(woken)
    signalled = threading.Event()

    def handle(number, frame):
        if not signalled.is_set():
            signalled.set()
            on_signal(number)

    for number in STOP_SIGNALS:
        signal.signal(number, handle)
    watcher = threading.Thread(
        target=_watch, args=(wakeup, grace), name="stop-watcher", daemon=True
    )
    watcher.start()


def _watch(wakeup: int, grace: Callable[[], float]) -> None:
    _wait_for_stop_signal(wakeup, None)
    deadline = time.monotonic() + grace()
    while (left := deadline - time.monotonic()) > 0:
        if _wait_for_stop_signal(wakeup, left):
            break  # the second signal
    os.write(2, b"Still busy after the grace period: exiting now.\n")
    os._exit(0)


def _wait_for_stop_signal(wakeup: int, seconds: float | None) -> bool:
    """Whether one of ``STOP_SIGNALS`` came within ``seconds`` (for ever if None)."""
    deadline = None if seconds is None else time.monotonic() + seconds
    while True:
        left = None if deadline is None else max(deadline - time.monotonic(), 0)
        ready, _, _ = select.select([wakeup], [], [], left)
        if not ready:
            return False
        # The wakeup file carries one byte per signal Python caught, of any kind.
        if any(number in STOP_SIGNALS for number in os.read(wakeup, 64)):
            return True


def _pipe() -> tuple[int, int]:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)  # set_wakeup_fd's requirement
    return read_end, write_end

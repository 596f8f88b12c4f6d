"""How daphne stops on SIGTERM: gently first, and within a few seconds whatever happens.

daphne's own stop cancels every request and socket at once and stops the event loop.
But a request's thread may still need that loop: Django runs the synchronous
middleware chain in one thread and hands the view back to the loop through
``async_to_sync``. Such a thread then waits for ever, and so does the interpreter,
which joins every thread of the request executors before it exits: under load, daphne
stopped listening but never exited. A cancelled request also never gives its database
connection back to the pool, so every thread still running waited the pool's timeout
for one. Here, on SIGTERM (or Ctrl-C):

1. daphne stops listening: the proxy sends new visitors to another daphne;
2. each open WebSocket is closed with 1012 ("service restart"): the page reconnects,
   to another daphne behind the proxy, and resumes from the last event it saw;
3. the requests in flight and the sockets' goodbyes have ``GRACE_SECONDS`` to end
   (responses meanwhile say ``Connection: close``);
4. the database pools are closed, and daphne stops as it would have;
5. if the process is still there ``EXIT_SECONDS`` later (a thread stuck for good), it
   ends with ``os._exit``.

A second signal stops daphne at once, as daphne alone would (5 still holds).

1012 rather than 1001 ("going away"): this server is restarting, not going away, and
another one takes the page at once; a browser also sends 1001 when its user leaves
the page, so the two stay apart in the logs. An application may not send 1012 through
daphne (autobahn's ``sendClose`` allows 1000 and 3000-4999 only), so it is written
with autobahn's ``sendCloseFrame``, which daphne's socket inherits: daphne and autobahn
are pinned in requirements.txt, and tests/lms/test_shutdown.py checks the close code
that a client receives from a real daphne.
"""

import asyncio
import functools
import logging
import os
import signal
import sys
import threading
import time

from lms_background.connections import close_pools  # the same as the worker's

try:
    from daphne.ws_protocol import WebSocketProtocol
    from twisted.internet.interfaces import IListeningPort
except ImportError:  # another ASGI server: it stops in its own way
    WebSocketProtocol = IListeningPort = None

logger = logging.getLogger(__name__)

# Together well under 5 s: requests in flight, then closing the pools, then the exit.
GRACE_SECONDS = 3.0
POOLS_SECONDS = 0.5
EXIT_SECONDS = 1.0
SERVICE_RESTART = 1012


class GentleStop:
    """ASGI middleware around the whole site: it knows what is running, and stops
    daphne as described above once daphne's reactor has started."""

    def __init__(self, application):
        self.application = application
        self.stopping = False
        self.running = 0
        self.sockets: set = set()
        self._exiting = False
        self._task = None
        reactor = sys.modules.get("twisted.internet.reactor")
        if reactor is not None:  # daphne installed its reactor (never install one)
            reactor.callWhenRunning(self._take_signals, reactor)

    async def __call__(self, scope, receive, send):
        kind = scope["type"]
        if kind == "websocket" and self.stopping:
            await receive()  # the handshake: refused, the page tries again elsewhere
            await send({"type": "websocket.close"})
            return
        socket = _daphne_socket(send) if kind == "websocket" else None
        if kind == "http":
            send = functools.partial(self._send_http, send)
        self.running += 1
        if socket is not None:
            self.sockets.add(socket)
        try:
            await self.application(scope, receive, send)
        finally:
            self.running -= 1
            self.sockets.discard(socket)

    async def _send_http(self, send, message):
        if self.stopping and message["type"] == "http.response.start":
            headers = [*message.get("headers", ()), (b"connection", b"close")]
            message = {**message, "headers": headers}
        await send(message)

    def _take_signals(self, reactor):
        # Only where daphne asked Twisted to handle signals, in the main thread (not
        # under `runserver`'s autoreloader, which runs the server in a thread).
        if threading.current_thread() is not threading.main_thread():
            return
        self.reactor = reactor
        for number, twisted_handler in (
            (signal.SIGTERM, reactor.sigTerm),
            (signal.SIGINT, reactor.sigInt),
        ):
            if signal.getsignal(number) == twisted_handler:
                signal.signal(number, self._on_signal)

    def _on_signal(self, number, frame):
        # Python runs this between two steps of the event loop's own code: leave
        # the work to the loop.
        self.reactor.callFromThread(self._signalled, number)

    def _signalled(self, number):
        if self.stopping:
            logger.warning("%s again: stopping now.", signal.Signals(number).name)
            self._stop_now()
            return
        self.stopping = True
        self._task = asyncio.get_running_loop().create_task(self._stop_gently())

    async def _stop_gently(self):
        deadline = time.monotonic() + GRACE_SECONDS
        try:
            for reader in self.reactor.getReaders():
                if IListeningPort.providedBy(reader):
                    reader.stopListening()
            while self.running and time.monotonic() < deadline:
                # Again each time: a handshake under way may have been accepted since.
                self._say_goodbye()
                await asyncio.sleep(0.02)
            if self.running:
                logger.warning(
                    "%d requests or sockets still running after %g s: stopping anyway.",
                    self.running,
                    GRACE_SECONDS,
                )
            # In a thread of its own: the loop's executors are joined at exit.
            closing = threading.Thread(target=close_pools, daemon=True)
            closing.start()
            deadline = time.monotonic() + POOLS_SECONDS
            while closing.is_alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        finally:
            self._stop_now()

    def _say_goodbye(self):
        for socket in list(self.sockets):
            if socket.state == socket.STATE_OPEN:
                socket.sendCloseFrame(code=SERVICE_RESTART, isReply=False)

    def _stop_now(self):
        if self._exiting:
            return
        self._exiting = True
        threading.Thread(target=_exit_after, args=(EXIT_SECONDS,), daemon=True).start()
        if self.reactor.running:
            self.reactor.stop()


def _daphne_socket(send):
    """daphne's WebSocket protocol behind ``send`` (daphne gives each application
    ``partial(server.handle_reply, protocol)``), or None under another server."""
    if WebSocketProtocol is None or not isinstance(send, functools.partial):
        return None
    protocol = send.args[0] if send.args else None
    return protocol if isinstance(protocol, WebSocketProtocol) else None


def _exit_after(seconds: float) -> None:
    """Runs in a daemon thread: if the process still lives ``seconds`` from now (a
    thread stuck for good keeps the interpreter from exiting), end it."""
    time.sleep(seconds)
    # Not to lose the last lines of the logs; a stuck writer must not hold this up.
    flushing = threading.Thread(target=_flush, daemon=True)
    flushing.start()
    flushing.join(0.2)
    busy = [
        thread.name
        for thread in threading.enumerate()
        if not thread.daemon and thread is not threading.main_thread()
    ]
    os.write(
        2,
        f"daphne: {len(busy)} threads still busy {seconds:g} s after stopping: "
        f"exiting without them.\n".encode(),
    )
    os._exit(0)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.flush()

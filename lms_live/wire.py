"""A room's frame, framed once and written straight to each of daphne's sockets.

Under daphne, ``consumer.send`` goes through channels, daphne, autobahn and Twisted,
and Twisted arms the event loop's writer for every write and disarms it once the
bytes are out: well over a hundred microseconds a socket. A room sends the same bytes
to every socket, so it builds the WebSocket frame once (RFC 6455 §5.2: a server's
frames are not masked) and hands it to each socket's transport; an idle plain socket
takes it at once. Bytes already waiting on a socket (a slow phone) stay ahead of it.

``write`` says what became of a frame (``Outcome``): written, or the socket is open
but only the ordinary way keeps the order (autobahn holds frames of its own), or it
is closing, or its reader has fallen too far behind. Nothing is dropped for a socket
that stays open.

This reads private attributes of daphne, autobahn and Twisted, so it runs only with
the versions it was tested with (``TESTED_WITH``, pinned in requirements.txt) and
when every attribute it reads is there (``fast_path_problems``); otherwise every
socket goes the ordinary way, with one warning. Any other server, or a socket this
module does not recognise, goes the ordinary way too: ``socket_of`` returns None, and
the room calls ``consumer.send``.
"""

import ast
import enum
import functools
import importlib.metadata
import importlib.util
import logging
import socket
import struct
from pathlib import Path

from channels.sessions import InstanceSessionWrapper

try:
    from daphne.ws_protocol import WebSocketFactory, WebSocketProtocol
    from twisted.internet.tcp import Connection
    from twisted.internet.testing import StringTransport
except ImportError:  # another ASGI server
    WebSocketFactory = WebSocketProtocol = Connection = StringTransport = None

logger = logging.getLogger(__name__)

# The versions the fast path was tested with; requirements.txt pins the same.
TESTED_WITH = {"daphne": "4.2.3", "autobahn": "26.10.2", "Twisted": "26.10.0"}
# What the fast path reads of a connected daphne socket and of its transport.
PROTOCOL_ATTRIBUTES = (
    "state",
    "send_state",
    "send_queue",
    "transport",
    "STATE_CONNECTING",
    "STATE_OPEN",
    "SEND_STATE_GROUND",
)
TRANSPORT_ATTRIBUTES = (
    "socket",
    "connected",
    "disconnecting",
    "dataBuffer",
    "offset",
    "_tempDataBuffer",
    "_tempDataLen",
)

TEXT = 0x81  # FIN + text frame


class Outcome(enum.Enum):
    WRITTEN = "written"  # handed to the socket, behind whatever waited on it
    BUSY = "busy"  # open, but only ``consumer.send`` keeps the order: send it so
    CLOSED = "closed"  # closing or closed: nobody will read it
    TOO_SLOW = "too slow"  # open, but more waits than the limit: close the socket


def frame(text: str) -> bytes:
    """One unfragmented, unmasked text frame carrying ``text``."""
    payload = text.encode("utf-8")
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", TEXT, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", TEXT, 126, size)
    else:
        header = struct.pack("!BBQ", TEXT, 127, size)
    return header + payload


def socket_of(consumer):
    """The daphne WebSocket protocol behind a consumer's ``send``, or None.

    daphne gives each application ``partial(server.handle_reply, protocol)``;
    channels' session middleware wraps it in a method of an object holding it as
    ``real_send``. None as well when the fast path is off (``fast_path``).
    """
    if WebSocketProtocol is None or not fast_path():
        return None
    send = getattr(consumer, "base_send", None)
    for _depth in range(4):
        if isinstance(send, functools.partial):
            protocol = send.args[0] if send.args else None
            return protocol if isinstance(protocol, WebSocketProtocol) else None
        send = getattr(getattr(send, "__self__", None), "real_send", None)
    return None


def write(protocol, data: bytes, limit: int) -> Outcome:
    """Write a framed message, unless the socket is closing, holds more than
    ``limit`` bytes not yet sent, or has frames of its own waiting in autobahn."""
    transport = protocol.transport
    if protocol.state == protocol.STATE_CONNECTING:
        return Outcome.BUSY
    if (
        protocol.state != protocol.STATE_OPEN
        or transport is None
        or transport.disconnecting
        or not transport.connected
    ):
        return Outcome.CLOSED
    if not isinstance(transport, Connection):
        return Outcome.BUSY  # TLS or another transport: its buffers are its own
    if backlog(protocol) > limit:
        return Outcome.TOO_SLOW
    if protocol.send_queue or protocol.send_state != protocol.SEND_STATE_GROUND:
        # autobahn holds frames it writes later (or is inside a fragmented message):
        # a frame written now would overtake them.
        return Outcome.BUSY
    if not transport._tempDataBuffer and len(transport.dataBuffer) == transport.offset:
        # Nothing waits on this plain socket: write now, queue what does not fit.
        try:
            sent = transport.socket.send(data)
        except OSError:  # full, or broken: Twisted writes it later, or notices
            sent = 0
        data = data[sent:]
    if data:
        transport.write(data)
    return Outcome.WRITTEN


def backlog(protocol) -> int:
    """Bytes written to a plain daphne socket and not yet sent to its reader."""
    transport = protocol.transport
    waiting = len(transport.dataBuffer) - transport.offset + transport._tempDataLen
    return waiting + sum(len(chunk) for chunk, _sync in protocol.send_queue)


@functools.cache
def fast_path() -> bool:
    """Whether sockets may be written straight: checked once, warned about once."""
    problems = fast_path_problems()
    if problems:
        logger.warning(
            "Live rooms send every frame the ordinary way (slower), because %s",
            "; ".join(problems),
        )
    return not problems


def fast_path_problems() -> list[str]:
    """What differs from the libraries the fast path was tested with."""
    problems = []
    for name, tested in TESTED_WITH.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != tested:
            problems.append(f"{name} is {installed}, not {tested}")
    if WebSocketProtocol is None:
        return [*problems, "daphne or Twisted cannot be imported"]
    for what, make, names in (
        ("a daphne socket", _daphne_socket, PROTOCOL_ATTRIBUTES),
        ("a Twisted TCP transport", _tcp_transport, TRANSPORT_ATTRIBUTES),
    ):
        try:
            instance = make()
        except Exception as error:  # the libraries changed under it
            problems.append(f"{what} cannot be made here ({error!r})")
            continue
        problems += [f"{what} has no {n}" for n in names if not hasattr(instance, n)]
    try:
        problems += _reply_path_problems()
    except Exception as error:
        problems.append(f"daphne's reply path cannot be read ({error!r})")
    return problems


def _daphne_socket():
    """A daphne WebSocket protocol as a connection leaves it, without any reactor."""
    factory = WebSocketFactory(None, reactor=object())
    factory.setProtocolOptions(openHandshakeTimeout=0)  # no timer: no reactor
    protocol = factory.buildProtocol(None)
    protocol.makeConnection(StringTransport())
    return protocol


def _tcp_transport():
    with socket.socket() as probe:
        return Connection(probe, None, reactor=object())


def _reply_path_problems() -> list[str]:
    """How a reply reaches autobahn: ``socket_of`` follows this chain, and the room's
    order rests on daphne handing a reply on before ``consumer.send`` returns. Read
    from daphne's source: importing daphne.server installs a reactor."""
    problems = []
    if "real_send" not in InstanceSessionWrapper.__init__.__code__.co_names:
        problems.append("channels' session middleware keeps no real_send")
    spec = importlib.util.find_spec("daphne.server")
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    server = next(
        (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Server"),
        None,
    )
    methods = {
        node.name: node
        for node in (server.body if server else [])
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    creating = methods.get("create_application")
    if creating is None or "partial(self.handle_reply, protocol)" not in ast.unparse(
        creating
    ):
        problems.append("daphne no longer replies through partial(handle_reply, …)")
    replying = methods.get("handle_reply")
    if replying is None or any(isinstance(n, ast.Await) for n in ast.walk(replying)):
        problems.append("daphne's Server.handle_reply may wait before it sends")
    return problems

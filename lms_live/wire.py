"""A room's frame, framed once and written straight to each of daphne's sockets.

Under daphne, ``consumer.send`` goes through channels, daphne, autobahn and Twisted,
and Twisted arms the event loop's writer for every write and disarms it once the
bytes are out: well over a hundred microseconds a socket. A room sends the same bytes
to every socket, so it builds the WebSocket frame once (RFC 6455 §5.2: a server's
frames are not masked) and hands it to each socket's transport; an idle plain socket
takes it at once. Bytes already waiting on a socket (a slow phone) stay ahead of it.

Any other server, or a socket this module does not recognise, goes the ordinary way:
``socket_of`` returns None, and the room calls ``consumer.send``.
"""

import functools
import struct

try:
    from daphne.ws_protocol import WebSocketProtocol
    from twisted.internet.tcp import Connection
except ImportError:  # another ASGI server
    WebSocketProtocol = Connection = None

TEXT = 0x81  # FIN + text frame


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
    ``real_send``.
    """
    if WebSocketProtocol is None:
        return None
    send = getattr(consumer, "base_send", None)
    for _depth in range(4):
        if isinstance(send, functools.partial):
            protocol = send.args[0] if send.args else None
            return protocol if isinstance(protocol, WebSocketProtocol) else None
        send = getattr(getattr(send, "__self__", None), "real_send", None)
    return None


def write(protocol, data: bytes) -> bool:
    """Write a framed message; False when the socket is no longer open."""
    if protocol.state != protocol.STATE_OPEN or protocol.send_queue:
        return False
    transport = protocol.transport
    if transport is None or transport.disconnecting:
        return False
    if (
        isinstance(transport, Connection)
        and not transport._tempDataBuffer
        and len(transport.dataBuffer) == transport.offset
    ):
        # Nothing waits on this plain socket: write now, queue what does not fit.
        try:
            sent = transport.socket.send(data)
        except BlockingIOError:
            sent = 0
        except OSError:
            return False  # Twisted notices the broken socket on its next read
        data = data[sent:]
    if data:
        transport.write(data)
    return True

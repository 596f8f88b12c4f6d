"""The live classroom's JSON message protocol, version 1 (docs/live-protocol.md).

Every client message is a JSON object with ``"v": 1``, a ``"type"`` from
``CLIENT_MESSAGES`` and that type's fields; an optional ``"ref"`` (a string the
client chooses) is echoed in the error frame that answers it. This module checks a
message and returns it cleaned, or raises ``ProtocolError`` with one of ``ERRORS``.
A message with a string PostgreSQL cannot store (NUL) or UTF-8 cannot encode (a lone
surrogate), anywhere in it, is refused whole; a number must fit a database column.
"""

import json
import re

from django.utils.translation import gettext_lazy as _

VERSION = 1
MAX_FRAME_BYTES = 4096
# A socket that sends more than this at once is closed (CLOSE_TOO_LARGE): the consumer
# holds to daphne's 64 KiB limit even where daphne was started without it.
MAX_MESSAGE_BYTES = 64 * 1024
MAX_TEXT = 1000
MAX_CHOICES = 10
# Integers of the protocol are sequence numbers, ids and indexes: a bigint at most.
MAX_INT = 2**63 - 1
# Server frames sent together as one "batch" frame, at most.
BATCH_LIMIT = 50

# type → {field: (python type, required)}; "trainer" marks trainer-only messages.
CLIENT_MESSAGES = {
    "hello": {"fields": {"since": (int, False)}},
    "chat": {"fields": {"text": (str, True)}},
    "ask": {"fields": {"text": (str, True)}},
    "upvote": {"fields": {"question": (int, True)}},
    "vote": {"fields": {"poll": (int, True), "choice": (int, True)}},
    "hand": {"fields": {"raised": (bool, True)}},
    "check_in": {"fields": {"code": (str, True)}},
    "answered": {"fields": {"question": (int, True)}, "trainer": True},
    "poll_open": {
        "fields": {"question": (str, True), "choices": (list, True)},
        "trainer": True,
    },
    "poll_close": {
        "fields": {"poll": (int, True), "reveal": (bool, False)},
        "trainer": True,
    },
    "lower_hand": {"fields": {"user": (int, True)}, "trainer": True},
    "agenda": {"fields": {"item": (int, True)}, "trainer": True},
    "hide": {"fields": {"event": (int, True)}, "trainer": True},
    "mute": {"fields": {"user": (int, True), "muted": (bool, True)}, "trainer": True},
    "end": {"fields": {}, "trainer": True},
}

ERRORS = {
    "bad_json": _("The message is not a JSON object."),
    "too_large": _("The message is larger than 4 KB."),
    "bad_version": _("This protocol version is not supported."),
    "unknown_type": _("There is no such message type."),
    "bad_field": _("A field is missing or has the wrong type."),
    "bad_character": _("The message holds a character that cannot be sent (NUL)."),
    "too_long": _("The text is too long."),
    "trainers_only": _("Only the session's trainers may do that."),
    "muted": _("The trainer has muted your messages."),
    "not_found": _("That is not part of this session."),
    "poll_closed": _("This poll is closed."),
    "already_voted": _("You have already voted."),
    "bad_code": _("That check-in code is wrong or has expired."),
    "too_many_codes": _(
        "Too many wrong check-in codes: wait a few minutes, then try again."
    ),
    "rate_limited": _("Too many messages: wait a moment."),
    "session_ended": _("The session has ended."),
    "busy": _("The server is busy and did not save that: send it again in a moment."),
}

# WebSocket close codes of refusals (4000–4999 are for applications).
CLOSE_NOT_LOGGED_IN = 4401
CLOSE_NOT_ALLOWED = 4403
CLOSE_NO_SESSION = 4404
CLOSE_ENDED = 4410
CLOSE_FLOODING = 4429
# More than MAX_MESSAGE_BYTES at once (1009, "message too big", which daphne cannot
# send: an application may close only with 1000 or 3000–4999).
CLOSE_TOO_LARGE = 4009
# The channel layer (Redis) went away and came back: reconnect and resume with
# `hello` (1012, "service restart", would say it, but daphne cannot send it).
CLOSE_RESUME = 4012
# The reader fell behind: more than LMS_LIVE_SEND_BUFFER_BYTES waited to be sent to it.
# Reconnect and resume with `hello` (1013, "try again later", which daphne cannot send).
CLOSE_TOO_SLOW = 4013


def batched(frames: list[dict]) -> dict:
    """One server frame for ``frames`` (in order): itself alone, else a batch."""
    if len(frames) == 1:
        return frames[0]
    return {"v": VERSION, "type": "batch", "frames": frames}


class ProtocolError(Exception):
    def __init__(self, code: str, ref=None):
        super().__init__(code)
        self.code = code
        self.ref = ref

    def frame(self) -> dict:
        frame = {"v": VERSION, "type": "error", "code": self.code}
        frame["message"] = str(ERRORS[self.code])
        if self.ref is not None:
            frame["ref"] = self.ref
        return frame


def parse(text: str | None) -> dict:
    """The checked message in ``text``, or ProtocolError."""
    if text is None or len(text.encode(errors="surrogatepass")) > MAX_FRAME_BYTES:
        raise ProtocolError("too_large" if text else "bad_json")
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):  # too deep: [[[[…]]]]
        raise ProtocolError("bad_json") from None
    if not isinstance(message, dict):
        raise ProtocolError("bad_json")
    ref = message.get("ref") if isinstance(message.get("ref"), str) else None
    if not _sendable(message):
        # Not even the ref is echoed: it may be what cannot be sent.
        raise ProtocolError("bad_character", ref if _sendable(ref) else None)
    if message.get("v") != VERSION:
        raise ProtocolError("bad_version", ref)
    kind = message.get("type")
    spec = CLIENT_MESSAGES.get(kind) if isinstance(kind, str) else None
    if spec is None:
        raise ProtocolError("unknown_type", ref)
    cleaned = {"type": kind, "ref": ref}
    for name, (expected, required) in spec["fields"].items():
        if name not in message:
            if required:
                raise ProtocolError("bad_field", ref)
            continue
        value = message[name]
        # bool is an int in Python: never accept one for the other.
        if not isinstance(value, expected) or (
            expected is int and (isinstance(value, bool) or abs(value) > MAX_INT)
        ):
            raise ProtocolError("bad_field", ref)
        cleaned[name] = value
    for name in ("text", "question"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
            if not cleaned[name]:
                raise ProtocolError("bad_field", ref)
            if len(cleaned[name]) > MAX_TEXT:
                raise ProtocolError("too_long", ref)
    if kind == "poll_open":
        choices = cleaned["choices"]
        if not 2 <= len(choices) <= MAX_CHOICES or not all(
            isinstance(c, str) and c.strip() and len(c) <= 200 for c in choices
        ):
            raise ProtocolError("bad_field", ref)
        cleaned["choices"] = [c.strip() for c in choices]
    return cleaned


def too_large(text: str | None, data: bytes | None) -> bool:
    """Whether a socket sent more at once than it may (then it is closed)."""
    if text is not None:
        # A character is one byte or more: a long text is too large without encoding.
        return len(text) > MAX_MESSAGE_BYTES or (
            len(text.encode(errors="surrogatepass")) > MAX_MESSAGE_BYTES
        )
    return data is not None and len(data) > MAX_MESSAGE_BYTES


def trainer_only(kind: str) -> bool:
    return CLIENT_MESSAGES[kind].get("trainer", False)


def session_group(session_id: int) -> str:
    """The channel-layer group of a session: ASCII, short, as Channels requires."""
    return f"live.session.{int(session_id)}"


def _sendable(value) -> bool:
    """No string in ``value`` (keys too) holds NUL or a lone surrogate."""
    # A loop, not recursion: JSON nested 900 deep is still a valid message.
    waiting = [value]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str):
            if "\x00" in value or _SURROGATE.search(value):
                return False
        elif isinstance(value, dict):
            waiting += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            waiting += value
    return True


_SURROGATE = re.compile("[\ud800-\udfff]")

"""What happens in a live classroom, stored before anyone is told.

The consumer parses a message (``protocol.parse``) and calls ``act``; ``act`` checks the
rules, writes the event with the session's next sequence number in one transaction
and returns the frames to broadcast to the room and to send back to the sender.

Chat and questions, most of what a class sends, take a shorter way on PostgreSQL: one
statement claims the number and stores the event (``_say_at_once``).
"""

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from lms_cohorts.models import Application
from lms_courses.models import Enrolment
from lms_courses.sanitizer import sanitize_html
from lms_toolkit import throttle
from lms_toolkit.throttle import TooManyWrongCodes

from . import conf
from .models import Attendance, LiveEvent, LiveSession, Vote
from .protocol import VERSION, ProtocolError

REPLAY_LIMIT = 2000
CODE_SECONDS = 45  # a check-in code lives 45 to 90 seconds


@dataclass
class Outcome:
    room: list[dict] = field(default_factory=list)  # frames for everyone
    sender: list[dict] = field(default_factory=list)  # frames for the sender only
    end: bool = False


@dataclass
class Admission:
    role: str | None  # None: may not attend
    ended: bool = False
    arrived: bool = False  # counted in, and their first connection (``join``)


def admit(session_id: int, user) -> Admission:
    """A socket at the door: the user's role, whether the session has ended, and, when
    they may come in, their connection counted (``join``). One call, so that a class
    arriving at once costs the database thread one hop per socket, not three."""
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None or not user.is_authenticated:
        return Admission(None)
    role = _roles(session, [user.pk]).get(user.pk)
    if role is None or session.has_ended:
        return Admission(role, ended=session.has_ended)
    return Admission(role, arrived=join(session_id, user))


def role_in(user, session_id: int) -> str | None:
    """ "trainer", "student", or None for someone who may not attend."""
    if not user.is_authenticated:
        return None
    return roles_among(session_id, [user.pk]).get(user.pk)


def roles_among(session_id: int, user_ids) -> dict[int, str]:
    """The role of each of these users who may attend the session: the same three
    queries for one person at the door as for a whole room being checked again."""
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None:
        return {}
    return _roles(session, user_ids)


def _roles(session: LiveSession, user_ids) -> dict[int, str]:
    people = get_user_model().objects
    users = people.filter(pk__in=list(user_ids), is_active=True)
    may_change = Permission.objects.filter(
        content_type__app_label="lms_live", codename="change_livesession"
    )
    trainers = (
        Q(is_superuser=True)
        | Q(pk__in=session.trainers.values("pk"))
        | Q(pk__in=people.filter(user_permissions__in=may_change).values("pk"))
        | Q(pk__in=people.filter(groups__permissions__in=may_change).values("pk"))
    )
    students = Q(pk__in=[])
    if session.cohort_id:
        trainers |= Q(
            pk__in=people.filter(cohorts_taught=session.cohort_id).values("pk")
        )
        students |= Q(
            pk__in=Application.objects.filter(
                cohort_id=session.cohort_id, status=Application.Status.ACCEPTED
            ).values("applicant")
        )
    if session.course_key:
        students |= Q(
            pk__in=Enrolment.objects.active()
            .filter(course_key=session.course_key)
            .values("user")
        )
    roles = dict.fromkeys(
        users.filter(students).values_list("pk", flat=True), "student"
    )
    roles.update(
        dict.fromkeys(users.filter(trainers).values_list("pk", flat=True), "trainer")
    )
    return roles


def still_allowed(session_id: int, logins: set[tuple[int, str | None]]) -> set:
    """Of these connections (user id, login session key), those whose login is still
    valid and whose user may still attend; they are marked as still there."""
    from django.contrib.sessions.backends.db import SessionStore

    keys = {key for _user, key in logins if key}
    valid = set(
        SessionStore.get_model_class()
        .objects.filter(session_key__in=keys)
        .values_list("session_key", flat=True)
    )
    roles = roles_among(session_id, {user for user, _key in logins})
    allowed = {
        (user, key)
        for user, key in logins
        if user in roles and (not key or key in valid)
    }
    Attendance.objects.filter(
        session_id=session_id,
        user_id__in={user for user, _key in allowed},
        connections__gt=0,
    ).update(last_seen_at=timezone.now())
    return allowed


def last_sequence(session_id: int) -> int:
    """The number of the session's latest event (0 before the first)."""
    numbers = LiveSession.objects.filter(pk=session_id).values_list("last_sequence")
    return next(iter(numbers), (0,))[0]


def act(session_id: int, user, role: str, message: dict) -> Outcome:
    """Carry out one checked client message; raises ProtocolError when refused."""
    kind = message["type"]
    if kind == "hello":
        return Outcome(sender=_replayed(session_id, message.get("since", 0)))
    if kind == "check_in":
        return _check_in(session_id, user, message)
    if kind in SAYINGS:
        frame = _say_at_once(session_id, user, SAYINGS[kind], message["text"])
        if frame is not None:
            return Outcome(room=[frame])
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session_id)
        if session.has_ended:
            raise ProtocolError("session_ended", message["ref"])
        return ACTIONS[kind](session, user, message)


def replay(session_id: int, since: int) -> list[dict]:
    """The frames of every event after ``since``, in order."""
    events = (
        LiveEvent.objects.filter(session_id=session_id, sequence__gt=max(since, 0))
        .select_related("author")
        .order_by("sequence")[:REPLAY_LIMIT]
    )
    return [event_frame(event) for event in events]


def _replayed(session_id: int, since: int) -> list[dict]:
    """The answer to ``hello``: the events after ``since``, up to REPLAY_LIMIT, then a
    ``replayed`` frame saying up to where, and whether to ask again for more."""
    frames = replay(session_id, since)
    done = {"v": VERSION, "type": "replayed", "more": len(frames) == REPLAY_LIMIT}
    done["last"] = frames[-1]["seq"] if frames else max(since, 0)
    return [*frames, done]


def event_frame(event: LiveEvent) -> dict:
    author = event.author
    return {
        "v": VERSION,
        "type": "event",
        "seq": event.sequence,
        "kind": event.kind,
        "author": (
            {"id": author.pk, "name": author.get_full_name() or author.email}
            if author
            else None
        ),
        "data": event.payload,
        "at": event.created_at.isoformat(),
    }


def join(session_id: int, user) -> bool:
    """Count a connection of ``user`` (tabs add up); True if they just arrived."""
    try:
        return _join(session_id, user)
    except IntegrityError:  # their other tab's first connection made the row meanwhile
        return _join(session_id, user)


def _join(session_id: int, user) -> bool:
    # One transaction, whether the row is there or made now: a class arriving at
    # once keeps the database thread busy, and its every round trip counts.
    now = timezone.now()
    with transaction.atomic():
        rows = Attendance.objects.select_for_update()
        row = rows.filter(session_id=session_id, user=user).first()
        if row is None:
            row = Attendance(session_id=session_id, user=user)
        if row.connections and _is_stale(row, now):
            # Its server died: credit the time until it was last seen, start afresh.
            row.online_seconds = row.counted_seconds
            row.connections = 0
        arrived = row.connections == 0
        if arrived:
            row.connected_since = now
        row.first_joined_at = row.first_joined_at or now
        row.connections += 1
        row.last_seen_at = now
        row.save()
    return arrived


def leave(session_id: int, user) -> bool:
    """Count a connection of ``user`` less; True if that was their last one."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            Attendance.objects.select_for_update()
            .filter(session_id=session_id, user=user)
            .first()
        )
        if row is None or row.connections == 0:
            return False
        row.connections -= 1
        if row.connections == 0 and row.connected_since:
            row.online_seconds += int((now - row.connected_since).total_seconds())
            row.connected_since = None
        row.last_seen_at = now
        row.save()
    return row.connections == 0


def presence(session_id: int) -> dict:
    """Everyone present, for a socket that just joined; the room then hears only of
    arrivals and departures (``presence_changes``)."""
    rows = _present(session_id).select_related("user")
    return presence_frame(person(row.user) for row in rows)


def presence_frame(people) -> dict:
    return {
        "v": VERSION,
        "type": "presence",
        "people": sorted(people, key=lambda person: (person["name"], person["id"])),
    }


def presence_changes(session_id: int, user_ids) -> dict:
    """Where these people stand now: present (with their names) or gone."""
    here = _present(session_id).filter(user_id__in=list(user_ids))
    joined = [person(row.user) for row in here.select_related("user")]
    present = {person["id"] for person in joined}
    return {
        "v": VERSION,
        "type": "presence_diff",
        "joined": joined,
        "left": sorted(set(user_ids) - present),
    }


def vanished(session_id: int, since, until) -> list[int]:
    """Who went unheard-of for too long between ``since`` and ``until`` without
    leaving: their server stopped, and presence counts them out from then on."""
    stale = timedelta(seconds=conf.stale_seconds())
    return list(
        Attendance.objects.filter(
            session_id=session_id,
            connections__gt=0,
            last_seen_at__gte=since - stale,
            last_seen_at__lt=until - stale,
        ).values_list("user_id", flat=True)
    )


def _present(session_id: int):
    recent = timezone.now() - timedelta(seconds=conf.stale_seconds())
    return Attendance.objects.filter(
        session_id=session_id, connections__gt=0, last_seen_at__gte=recent
    )


def person(user) -> dict:
    return {"id": user.pk, "name": user.get_full_name() or user.email}


def check_in_code(session_id: int, at: float | None = None) -> str:
    """The six-digit code shown in the room; it changes every CODE_SECONDS."""
    window = int((at or time.time()) // CODE_SECONDS)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{session_id}:{window}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


def _is_stale(row: Attendance, now) -> bool:
    seen_at = row.last_seen_at or row.connected_since or now
    return (now - seen_at).total_seconds() > conf.stale_seconds()


def _record(session, user, kind: str, payload: dict) -> dict:
    session.last_sequence += 1
    LiveSession.objects.filter(pk=session.pk).update(
        last_sequence=session.last_sequence
    )
    event = LiveEvent.objects.create(
        session=session,
        sequence=session.last_sequence,
        kind=kind,
        author=user,
        payload=payload,
    )
    event.author = user
    return event_frame(event)


def _event(session, sequence, kinds, ref) -> LiveEvent:
    event = LiveEvent.objects.filter(
        session=session, sequence=sequence, kind__in=kinds
    ).first()
    if event is None:
        raise ProtocolError("not_found", ref)
    return event


def _say(kind):
    def say(session, user, message):
        if user.pk in session.muted:
            raise ProtocolError("muted", message["ref"])
        return Outcome(room=[_record(session, user, kind, _said(message["text"]))])

    return say


def _said(text: str) -> dict:
    # Plain text for clients that render it themselves; safe links for the page.
    return {"text": text, "html": sanitize_html(escape(text))}


# Claims the session's next number, which locks its row as ``act`` does, and stores
# the event under it, in one statement: nothing when the session has ended or the
# author is muted (``act`` then finds out which, under the lock, and says so).
SAY_AT_ONCE = """
WITH claimed AS (
    UPDATE {sessions} SET last_sequence = last_sequence + 1
    WHERE id = %(session)s AND ended_at IS NULL
        AND NOT muted @> to_jsonb(%(author)s::bigint)
    RETURNING id, last_sequence
)
INSERT INTO {events} (session_id, sequence, kind, author_id, payload, created_at)
SELECT id, last_sequence, %(kind)s, %(author)s, %(payload)s, %(at)s FROM claimed
RETURNING id, sequence
"""


def _say_at_once(session_id: int, user, kind: str, text: str) -> dict | None:
    """A chat message or question stored in one round trip to PostgreSQL instead of
    five (begin, lock, count, insert, commit): its frame, or None to go the usual way
    (another database, or a refusal whose reason ``act`` finds)."""
    if connection.vendor != "postgresql":
        return None
    event = LiveEvent(
        session_id=session_id,
        kind=kind,
        author=user,
        payload=_said(text),
        created_at=timezone.now(),
    )
    sql = SAY_AT_ONCE.format(
        sessions=connection.ops.quote_name(LiveSession._meta.db_table),
        events=connection.ops.quote_name(LiveEvent._meta.db_table),
    )
    payload = LiveEvent._meta.get_field("payload")
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "session": session_id,
                "author": user.pk,
                "kind": kind,
                "payload": payload.get_db_prep_save(event.payload, connection),
                "at": event.created_at,
            },
        )
        row = cursor.fetchone()
    if row is None:
        return None
    event.pk, event.sequence = row
    return event_frame(event)


def _upvote(session, user, message):
    question = _event(session, message["question"], ["question"], message["ref"])
    try:
        with transaction.atomic():
            Vote.objects.create(event=question, user=user)
    except IntegrityError:
        raise ProtocolError("already_voted", message["ref"]) from None
    votes = question.votes.count()
    return Outcome(
        room=[
            _record(
                session, user, "upvote", {"question": question.sequence, "votes": votes}
            )
        ]
    )


def _vote(session, user, message):
    poll = _event(session, message["poll"], ["poll_opened"], message["ref"])
    if LiveEvent.objects.filter(
        session=session, kind="poll_closed", payload__poll=poll.sequence
    ).exists():
        raise ProtocolError("poll_closed", message["ref"])
    if not 0 <= message["choice"] < len(poll.payload["choices"]):
        raise ProtocolError("bad_field", message["ref"])
    try:
        with transaction.atomic():
            Vote.objects.create(event=poll, user=user, choice=message["choice"])
    except IntegrityError:
        raise ProtocolError("already_voted", message["ref"]) from None
    counts = _counts(poll)
    # The room sees the tally, not who voted for what.
    return Outcome(
        room=[
            _record(session, None, "tally", {"poll": poll.sequence, "counts": counts})
        ],
        sender=[{"v": VERSION, "type": "voted", "poll": poll.sequence}],
    )


def _answered(session, user, message):
    question = _event(session, message["question"], ["question"], message["ref"])
    return Outcome(
        room=[_record(session, user, "answered", {"question": question.sequence})]
    )


def _poll_open(session, user, message):
    payload = {"question": message["question"], "choices": message["choices"]}
    return Outcome(room=[_record(session, user, "poll_opened", payload)])


def _poll_close(session, user, message):
    poll = _event(session, message["poll"], ["poll_opened"], message["ref"])
    payload = {
        "poll": poll.sequence,
        "counts": _counts(poll),
        "revealed": message.get("reveal", False),
    }
    return Outcome(room=[_record(session, user, "poll_closed", payload)])


def _hand(session, user, message):
    payload = {"user": user.pk, "raised": message["raised"]}
    return Outcome(room=[_record(session, user, "hand", payload)])


def _lower_hand(session, user, message):
    payload = {"user": message["user"], "raised": False}
    return Outcome(room=[_record(session, user, "hand", payload)])


def _agenda(session, user, message):
    items = list(session.agenda.select_related("material").all())
    if not 0 <= message["item"] < len(items):
        raise ProtocolError("not_found", message["ref"])
    item = items[message["item"]]
    payload = {
        "item": message["item"],
        "title": item.title,
        "material": item.material.url if item.material else "",
    }
    return Outcome(room=[_record(session, user, "agenda", payload)])


def _hide(session, user, message):
    target = _event(session, message["event"], ["chat", "question"], message["ref"])
    return Outcome(room=[_record(session, user, "hidden", {"event": target.sequence})])


def _mute(session, user, message):
    payload = {"user": message["user"], "muted": message["muted"]}
    others = [pk for pk in session.muted if pk != message["user"]]
    session.muted = others + [message["user"]] if message["muted"] else others
    LiveSession.objects.filter(pk=session.pk).update(muted=session.muted)
    return Outcome(room=[_record(session, user, "muted", payload)])


def _end(session, user, message):
    frame = _record(session, user, "ended", {})
    LiveSession.objects.filter(pk=session.pk).update(ended_at=timezone.now())
    return Outcome(room=[frame], end=True)


def _check_in(session_id, user, message):
    try:
        checked_in = check_in(session_id, user, message["code"])
    except TooManyWrongCodes:
        raise ProtocolError("too_many_codes", message["ref"]) from None
    if not checked_in:
        raise ProtocolError("bad_code", message["ref"])
    return Outcome(sender=[{"v": VERSION, "type": "checked_in"}])


def check_in(session_id: int, user, code: str) -> bool:
    """Record that ``user`` is in the room, if ``code`` is the current one; after too
    many wrong codes, raise TooManyWrongCodes whatever the code (``throttle``)."""
    limit, seconds = conf.check_in_limit()
    scope = f"live-check-in:{int(session_id)}:{int(user.pk)}"
    if not throttle.wrong_codes_allowed(scope, limit):
        raise TooManyWrongCodes
    now = time.time()
    valid = {
        check_in_code(session_id, now),
        check_in_code(session_id, now - CODE_SECONDS),
    }
    if str(code).strip() not in valid:
        throttle.count_wrong_code(scope, limit, seconds)
        return False
    row, _created = Attendance.objects.get_or_create(session_id=session_id, user=user)
    if row.checked_in_at is None:
        row.checked_in_at = timezone.now()
        # Only this column: the row's connection count may be changing meanwhile.
        row.save(update_fields=["checked_in_at"])
    return True


def _counts(poll: LiveEvent) -> list[int]:
    counts = [0] * len(poll.payload["choices"])
    for choice in poll.votes.values_list("choice", flat=True):
        counts[choice] += 1
    return counts


# The protocol's messages that say something, and the kind of event each stores.
SAYINGS = {"chat": "chat", "ask": "question"}

# Each protocol message type and the function that carries it out.
ACTIONS = {
    **{message: _say(kind) for message, kind in SAYINGS.items()},
    "upvote": _upvote,
    "vote": _vote,
    "answered": _answered,
    "poll_open": _poll_open,
    "poll_close": _poll_close,
    "hand": _hand,
    "lower_hand": _lower_hand,
    "agenda": _agenda,
    "hide": _hide,
    "mute": _mute,
    "end": _end,
}

"""A learner's attendance, messages and votes in live classes: their copy, and their
anonymisation (see ``lms_courses.personal_data``)."""

from .models import Attendance, LiveEvent, Vote

# What a deleted person's chat message or question reads in the room's history.
DELETED = "[deleted]"
WRITTEN_KINDS = ["chat", "question"]


def records_of(user) -> dict:
    """Attendance, what they wrote and how they voted (three queries)."""
    attendance = (
        Attendance.objects.filter(user=user)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    written = (
        LiveEvent.objects.filter(author=user, kind__in=WRITTEN_KINDS)
        .select_related("session")
        .order_by("created_at", "pk")
    )
    votes = (
        Vote.objects.filter(user=user)
        .select_related("event__session")
        .order_by("event__created_at", "pk")
    )
    return {
        "lms_live_attendance": [
            {
                "session": row.session.translated_title,
                "starts_at": row.session.starts_at,
                "ends_at": row.session.ends_at,
                "first_joined_at": row.first_joined_at,
                "seconds_online": row.counted_seconds,
                "checked_in_at": row.checked_in_at,
                "present": row.present,
                "present_corrected": row.present_override,
                "note": row.note,
            }
            for row in attendance
        ],
        "live_messages": [
            {
                "session": event.session.translated_title,
                "kind": event.kind,
                "text": event.payload.get("text", ""),
                "at": event.created_at,
            }
            for event in written
        ],
        "live_votes": [_vote(vote) for vote in votes],
    }


def anonymise(user, placeholder) -> None:
    """Attendance seconds and poll votes still count, under the placeholder; what the
    person wrote is replaced, so the room's history keeps its numbering."""
    Attendance.objects.filter(user=user).update(user=placeholder, note="")
    Vote.objects.filter(user=user).update(user=placeholder)
    LiveEvent.objects.filter(author=user, kind__in=WRITTEN_KINDS).update(
        payload={"text": DELETED, "html": DELETED}, author=None
    )
    LiveEvent.objects.filter(author=user).update(author=None)


def _vote(vote: Vote) -> dict:
    event = vote.event
    if event.kind == "poll_opened":
        choices = event.payload.get("choices", [])
        in_range = vote.choice is not None and 0 <= vote.choice < len(choices)
        return {
            "session": event.session.translated_title,
            "poll": event.payload.get("question", ""),
            "choice": choices[vote.choice] if in_range else vote.choice,
            "at": event.created_at,
        }
    return {
        "session": event.session.translated_title,
        # Someone else wrote the question: only its number in the session.
        "upvoted_question_number": event.sequence,
        "at": event.created_at,
    }

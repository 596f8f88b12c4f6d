"""Calendar files (RFC 5545) for any dated event: live sessions, volunteer shifts.

Times are written in UTC, text is escaped, and lines are folded at 75 octets without
splitting a UTF-8 character, so Azerbaijani and Russian titles survive every client.
"""

import datetime
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str
    url: str
    cancelled: bool = False


def calendar_response(events: list[Event], filename: str) -> HttpResponse:
    """An .ics attachment holding ``events``."""
    response = HttpResponse(
        calendar(events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar(events: list[Event]) -> str:
    stamp = ics_time(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Migration School//LMS//EN",
        "CALSCALE:GREGORIAN",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{ics_time(event.starts_at)}",
            f"DTEND:{ics_time(event.ends_at)}",
            f"SUMMARY:{ics_text(event.summary)}",
            f"LOCATION:{ics_text(event.location)}",
            f"URL:{event.url}",
            f"DESCRIPTION:{ics_text(event.url)}",
        ]
        if event.cancelled:
            lines.append("STATUS:CANCELLED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines)


def ics_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\n", "\\n")[:500]


def _folded(line: str) -> str:
    """Each further part of a long line starts with a space (RFC 5545, 3.1)."""
    parts, current, size, limit = [], "", 0, LINE_OCTETS
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += character
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)

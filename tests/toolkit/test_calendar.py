"""Calendar files: UTC times, escaped text, lines folded at 75 octets (RFC 5545)."""

import datetime

import time_machine

from lms_toolkit.calendar import Event, calendar, calendar_response

STARTS = datetime.datetime(
    2030, 6, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=4))
)


def event(**changes) -> Event:
    fields = {
        "uid": "session-1@example.org",
        "starts_at": STARTS,
        "ends_at": STARTS + datetime.timedelta(hours=2),
        "summary": "Migration law",
        "location": "Room 3",
        "url": "https://example.org/live/1/",
    }
    return Event(**(fields | changes))


def unfolded(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_times_are_written_in_utc():
    lines = unfolded(calendar([event()]))
    assert "DTSTART:20300601T060000Z" in lines
    assert "DTEND:20300601T080000Z" in lines


@time_machine.travel(datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC))
def test_the_stamp_is_the_moment_the_file_is_made():
    assert "DTSTAMP:20300501T120000Z" in unfolded(calendar([event()]))


def test_commas_semicolons_backslashes_and_newlines_are_escaped():
    lines = unfolded(calendar([event(location="Room 3\\4, 1st floor;\r\nleft")]))
    assert "LOCATION:Room 3\\\\4\\, 1st floor\\;\\nleft" in lines


def test_folding_never_splits_a_letter_and_keeps_lines_under_75_octets():
    summary = "Qəbul masası: ərizələrə kömək. Приём заявлений. " * 4
    body = calendar([event(summary=summary)])
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "SUMMARY:" + summary.replace(",", "\\,") in unfolded(body)


def test_a_cancelled_event_says_so():
    assert "STATUS:CANCELLED" in unfolded(calendar([event(cancelled=True)]))
    assert "STATUS:CANCELLED" not in unfolded(calendar([event()]))


def test_the_response_is_an_ics_attachment():
    response = calendar_response([event()], "session.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="session.ics"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.endswith("END:VCALENDAR\r\n")

"""Fault drills: daphne killed with SIGKILL, Redis restarted, a PostgreSQL connection
cut in the middle of a request. Nothing acknowledged is lost; clients resume.

Real daphne processes serve the test database (the test writes its data in committed
transactions, then talks to them over HTTP and WebSockets as a browser would).
"""

import http.client
import json
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from urllib.parse import urlencode

import psycopg
import pytest
from django.db import connection
from django.utils import timezone
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from lms_live.models import Attendance, LiveEvent, LiveSession, Vote
from lms_quizzes.attempts import start_attempt
from lms_quizzes.models import Answer, Attempt, QuizResult
from tests.conftest import enrol, signed_in
from tests.factories import QuizPageFactory, UserFactory
from tests.services.processes import free_port, wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CSRF = "f" * 32
# Autosaved one by one, then shown filled in on the page (and posted with it).
ANSWERS_BEFORE = {"q-single": "q-single-c1", "q-tf": False, "q-short": "Baku"}
FORM_BEFORE = {"q-q-single": "q-single-c1", "q-q-tf": "false", "q-q-short": "Baku"}
# Given on the page just before pressing "Submit the attempt".
FORM_AFTER = {"q-q-multi": ["q-multi-c0", "q-multi-c2"], "q-q-num": "23"}


# --- 1. kill -9 of daphne during a live session ------------------------------------


def test_a_live_session_survives_kill_9_of_its_daphne(
    processes, database_url, redis_url, live_class
):
    port = free_port()
    server = processes.daphne(port, database_url=database_url, redis_url=redis_url)
    trainer, student = live_class.socket("trainer"), live_class.socket("student")
    trainer.open(port)
    student.open(port)

    student.say("chat", "Salam before the crash")
    student.say("ask", "Is the Global Compact binding?")
    trainer.send("poll_open", question="Which border post?", choices=["Astara", "Qax"])
    poll = trainer.until(lambda f: f.get("kind") == "poll_opened")["seq"]
    student.until(lambda f: f.get("seq") == poll)
    student.send("vote", poll=poll, choice=1)
    student.until(lambda f: f["type"] == "voted")
    tally = trainer.until(lambda f: f.get("kind") == "tally")
    assert tally["data"]["counts"] == [0, 1]
    # Attendance accrues: each connection tells the server it is still there.
    before = wait_until(live_class.attendance_seen, message="an attendance heartbeat")
    acknowledged = {seq: frame["data"] for seq, frame in trainer.events.items()}
    assert acknowledged == live_class.events()  # each stored before it was sent

    processes.kill(server)
    assert student.lost() and trainer.lost()
    processes.daphne(port, database_url=database_url, redis_url=redis_url)

    # The student is back first and says something the trainer has not seen yet.
    student.open(port)
    student.say("chat", "Salam after the crash")
    trainer.open(port)  # resumes from the last event it saw
    missed = trainer.until(lambda f: f.get("kind") == "chat" and "after" in text(f))
    assert missed["author"]["id"] == live_class.users["student"].pk

    # A page opened afresh replays everything acknowledged before the kill.
    fresh = live_class.socket("student")
    fresh.open(port)
    fresh.until(lambda f: f.get("seq") == missed["seq"])
    assert [fresh.events[seq]["kind"] for seq in sorted(fresh.events)] == [
        "chat",
        "question",
        "poll_opened",
        "tally",
        "chat",
    ]
    assert {seq: fresh.events[seq]["data"] for seq in acknowledged} == acknowledged
    assert Vote.objects.get(event__sequence=poll).choice == 1

    # Messages after the restart reach everyone.
    trainer.say("chat", "Welcome back")
    student.until(lambda f: text(f) == "Welcome back")

    for user, row in before.items():
        now = Attendance.objects.get(session=live_class.session, user=user)
        assert now.first_joined_at == row.first_joined_at
        assert now.online_seconds == row.online_seconds  # nothing credited twice
        assert now.counted_seconds >= row.counted_seconds  # up to the last seen
        span = (timezone.now() - row.first_joined_at).total_seconds()
        assert now.counted_seconds <= span  # no time counted twice
    assert Attendance.objects.filter(session=live_class.session).count() == 2


# --- 2. kill -9 of daphne during a quiz --------------------------------------------


def test_autosaved_answers_survive_kill_9_and_the_attempt_is_graded_after(
    processes, database_url, redis_url, quiz_attempt
):
    port = free_port()
    server = processes.daphne(port, database_url=database_url, redis_url=redis_url)
    browser = Browser(port, quiz_attempt.cookie)
    sequence = 0
    for question, answer in ANSWERS_BEFORE.items():
        status, reply = browser.save(quiz_attempt.url, question, answer, sequence)
        assert status == 200, reply
        sequence = reply["sequence"]

    processes.kill(server)
    processes.daphne(port, database_url=database_url, redis_url=redis_url)

    status, _headers, page = browser.get(quiz_attempt.url)
    assert status == 200
    assert 'value="q-single-c1" checked' in page
    assert 'value="false" checked' in page
    assert 'value="Baku"' in page
    form = FORM_BEFORE | FORM_AFTER
    status, headers, _page = browser.submit(quiz_attempt, sequence, form)
    assert status == 302, _page
    assert headers["Location"].endswith("/result/")
    status, _headers, result = browser.get(quiz_attempt.url + "result/")
    assert status == 200 and "Score: 100%" in result
    attempt = Attempt.objects.get(pk=quiz_attempt.attempt.pk)
    assert attempt.status == Attempt.Status.GRADED and attempt.percent == 100
    assert QuizResult.objects.get(user=quiz_attempt.attempt.user).passed


# --- 3. Redis restarted during a live session --------------------------------------


def test_a_live_session_recovers_when_redis_restarts(
    processes, database_url, live_class
):
    redis_port, ports = free_port(), [free_port(), free_port()]
    redis = processes.redis(redis_port)
    private = f"redis://127.0.0.1:{redis_port}/0"
    processes.daphnes(ports, database_url=database_url, redis_url=private)
    # The trainer and the student are served by different processes.
    trainer, student = live_class.socket("trainer"), live_class.socket("student")
    trainer.open(ports[0])
    student.open(ports[1])
    student.say("chat", "Before Redis restarts")
    trainer.until(lambda f: text(f) == "Before Redis restarts")

    processes.kill(redis)
    processes.redis(redis_port, name="redis-again")

    # What the student says once Redis is back reaches the trainer on the other
    # process; a client whose socket failed meanwhile reconnects and resumes.
    def heard_after_restart():
        for socket in (trainer, student):
            socket.keep_open()
        student.say_when_possible("chat", "After Redis restarts")
        return trainer.saw(lambda f: text(f) == "After Redis restarts", seconds=1)

    wait_until(heard_after_restart, seconds=20, message="a message after the restart")
    trainer.say("chat", "Heard you")
    student.until(lambda f: text(f) == "Heard you")
    stored = LiveEvent.objects.filter(session=live_class.session, kind="chat")
    assert [event.payload["text"] for event in stored.order_by("sequence")] == [
        "Before Redis restarts",
        "After Redis restarts",
        "Heard you",
    ]


# --- 4. a PostgreSQL connection cut in the middle of a request ---------------------


def test_a_connection_cut_mid_submission_shows_the_error_page_and_writes_nothing(
    processes, database_url, redis_url, quiz_attempt
):
    port = free_port()
    processes.daphne(port, database_url=database_url, redis_url=redis_url)
    browser = Browser(port, quiz_attempt.cookie)
    status, reply = browser.save(quiz_attempt.url, "q-tf", False, 0)
    assert status == 200, reply
    attempt = quiz_attempt.attempt
    form = {"q-q-tf": "false"} | FORM_AFTER

    with (
        psycopg.connect(database_url) as locker,
        psycopg.connect(database_url, autocommit=True) as watcher,
    ):
        # Grading writes the missing answers, the scores and the attempt, then
        # waits for this lock on the results table: there its connection is cut.
        locker.execute("LOCK TABLE lms_quizzes_quizresult IN EXCLUSIVE MODE")
        submitted = {}
        submitting = threading.Thread(
            target=lambda: submitted.update(reply=browser.submit(quiz_attempt, 1, form))
        )
        submitting.start()
        try:
            waiting = wait_until(
                lambda: watcher.execute(
                    "SELECT pid FROM pg_stat_activity"
                    " WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND query LIKE %s",
                    ["%lms_quizzes_quizresult%"],
                ).fetchone(),
                message="the submission to wait for the lock",
            )
            watcher.execute("SELECT pg_terminate_backend(%s)", waiting)
        finally:
            locker.rollback()
            submitting.join(timeout=30)

    status, _headers, page = submitted["reply"]
    assert status == 500
    assert "Something went wrong" in page
    assert "Traceback" not in page and "OperationalError" not in page
    # The whole transaction rolled back: no answer, score or result half-written.
    attempt.refresh_from_db()
    assert (attempt.status, attempt.sequence) == (Attempt.Status.IN_PROGRESS, 1)
    answers = Answer.objects.filter(attempt=attempt)
    assert [(a.question_id, a.response, a.points) for a in answers] == [
        ("q-tf", False, None)
    ]
    assert not QuizResult.objects.exists()

    # The next request gets a new connection; the student submits again.
    status, _headers, page = browser.get(quiz_attempt.url)
    assert status == 200 and 'value="false" checked' in page
    status, _headers, _page = browser.submit(quiz_attempt, 1, form)
    assert status == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert QuizResult.objects.get(user=attempt.user).attempts == 1


def test_connections_cut_while_idle_are_replaced_on_the_next_request(
    processes, database_url, redis_url, quiz_attempt
):
    port = free_port()
    processes.daphne(port, database_url=database_url, redis_url=redis_url)
    browser = Browser(port, quiz_attempt.cookie)
    assert browser.get(quiz_attempt.url)[0] == 200  # opens a persistent connection
    with psycopg.connect(database_url, autocommit=True) as other:
        cut = other.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND pid <> %s",
            [own_backend_pid()],
        ).fetchall()
    assert cut, "daphne kept no connection open"
    status, reply = browser.save(quiz_attempt.url, "q-tf", True, 0)
    assert status == 200, reply


# --- fixtures and clients ----------------------------------------------------------


class LiveClass:
    """A running class: its session, a trainer and an enrolled student."""

    def __init__(self, school, sockets: ExitStack):
        self.sockets = sockets
        self.session = LiveSession.objects.create(
            title="Borders in practice",
            course=school["course"],
            starts_at=timezone.now() - timedelta(minutes=10),
            ends_at=timezone.now() + timedelta(minutes=80),
        )
        self.users = {
            "trainer": UserFactory(first_name="Nigar", groups=["Trainers"]),
            "student": UserFactory(first_name="Aysel", groups=["Students"]),
        }
        self.session.trainers.add(self.users["trainer"])
        enrol(self.users["student"], school["course"])

    def socket(self, who: str) -> "ClassroomSocket":
        return ClassroomSocket(
            self.session.pk, signed_in(self.users[who]), self.sockets
        )

    def events(self) -> dict[int, dict]:
        """What the database holds: every stored event's data by sequence number."""
        return dict(
            LiveEvent.objects.filter(session=self.session).values_list(
                "sequence", "payload"
            )
        )

    def attendance_seen(self) -> dict | None:
        """Each person's attendance once a heartbeat has come after joining."""
        rows = {
            row.user: row
            for row in Attendance.objects.filter(session=self.session).select_related(
                "user", "session"
            )
        }
        heard = all(
            row.last_seen_at and row.last_seen_at > row.connected_since
            for row in rows.values()
        )
        return rows if len(rows) == 2 and heard else None


class ClassroomSocket:
    """The classroom page's socket, driven as lms_live/static/live/classroom.js drives
    it: on (re)connecting it sends ``hello`` with the last sequence number it saw."""

    def __init__(self, session_id: int, cookie: str, sockets: ExitStack):
        self.session_id = session_id
        self.cookie = cookie
        self.sockets = sockets
        self.port = None
        self.socket = None
        self.last_seq = 0
        self.events: dict[int, dict] = {}
        self.early: dict[int, dict] = {}  # events waiting for one before them
        self.ready: list[dict] = []  # events in order, not yet looked at
        self.waiting: list[dict] = []  # the rest of a batch, read one by one

    def open(self, port: int) -> None:
        self.port = port
        self.waiting = []
        self.socket = self.sockets.enter_context(
            connect(
                f"ws://127.0.0.1:{port}/ws/live/{self.session_id}/",
                origin=f"http://127.0.0.1:{port}",
                additional_headers={"Cookie": f"sessionid={self.cookie}"},
                proxy=None,
                open_timeout=10,
                close_timeout=1,
            )
        )
        self.until(lambda f: f["type"] == "welcome")
        self.send("hello", since=self.last_seq)

    def send(self, kind: str, **fields) -> None:
        self.socket.send(json.dumps({"v": 1, "type": kind, **fields}))

    def say(self, kind: str, words: str) -> dict:
        """Send a chat message or question; return its event (the acknowledgement)."""
        self.send(kind, text=words)
        return self.until(lambda f: f["type"] == "event" and text(f) == words)

    def say_when_possible(self, kind: str, words: str) -> None:
        """Send unless it was sent already (the stored event is proof)."""
        if not LiveEvent.objects.filter(
            session_id=self.session_id, payload__text=words
        ).exists():
            try:
                self.send(kind, text=words)
            except ConnectionClosed:
                pass

    def until(self, wanted, seconds: float = 10) -> dict:
        deadline = time.monotonic() + seconds
        while True:
            if self.ready:  # events in order, as the page shows them
                event = self.ready.pop(0)
                if wanted(event):
                    return event
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("Timed out waiting for a frame")
            if not self.waiting:
                frame = json.loads(self.socket.recv(timeout=remaining))
                batch = frame["type"] == "batch"
                self.waiting += frame["frames"] if batch else [frame]
            frame = self.waiting.pop(0)
            if frame["type"] == "replayed" and frame["more"]:
                self.send("hello", since=self.last_seq)
            if frame["type"] != "event":
                if wanted(frame):
                    return frame
                continue
            # As the page: in order, one that comes early waits, none twice.
            if frame["seq"] > self.last_seq:
                self.early[frame["seq"]] = frame
            while self.last_seq + 1 in self.early:
                self.last_seq += 1
                self.events[self.last_seq] = self.early.pop(self.last_seq)
                self.ready.append(self.events[self.last_seq])

    def saw(self, wanted, seconds: float) -> bool:
        """Whether a wanted frame arrives within ``seconds`` (False if not, or if
        the connection drops: the page then reconnects)."""
        try:
            self.until(wanted, seconds)
        except (TimeoutError, AssertionError, ConnectionClosed):
            return any(wanted(frame) for frame in self.events.values())
        return True

    def keep_open(self) -> None:
        """Reconnect, as the page does, if the server closed the socket."""
        try:
            self.socket.ping().wait(1)
        except (ConnectionClosed, TimeoutError):
            try:
                self.open(self.port)
            except (OSError, ConnectionClosed, TimeoutError):
                pass

    def lost(self) -> bool:
        """True once the connection has dropped (the page would reconnect)."""
        try:
            while True:
                self.until(lambda f: False, seconds=10)
        except ConnectionClosed:
            return True


class Browser:
    """A signed-in browser talking HTTP to one daphne (no redirects followed)."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookie = cookie

    def get(self, path: str):
        return self._request("GET", path)

    def save(self, attempt_url: str, question: str, answer, sequence: int):
        """Autosave one answer as the attempt page's script does."""
        body = json.dumps({"sequence": sequence, "answers": {question: answer}})
        status, _headers, reply = self._request(
            "POST", attempt_url + "answers/", body, "application/json"
        )
        return status, json.loads(reply) if reply.startswith("{") else reply

    def submit(self, quiz_attempt, sequence: int, fields: dict):
        """Press "Submit the attempt" with ``fields`` filled in on the page."""
        form = {"sequence": sequence, "action": "submit"}
        form["shown"] = quiz_attempt.attempt.question_ids
        body = urlencode({**form, **fields}, doseq=True)
        return self._request(
            "POST", quiz_attempt.url, body, "application/x-www-form-urlencoded"
        )

    def _request(self, method, path, body=None, content_type=None):
        headers = {"Cookie": f"sessionid={self.cookie}; csrftoken={CSRF}"}
        if body is not None:
            headers |= {"Content-Type": content_type, "X-CSRFToken": CSRF}
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            client.close()


class QuizAttempt:
    def __init__(self, school):
        quiz = QuizPageFactory(parent=school["modules"][0], title="Check: borders")
        student = UserFactory(first_name="Leyla", groups=["Students"])
        self.attempt = start_attempt(quiz, student, enrol(student, school["course"]))
        self.cookie = signed_in(student)
        self.url = f"/en/learning/quizzes/attempts/{self.attempt.pk}/"


@pytest.fixture
def live_class(school):
    with ExitStack() as sockets:
        yield LiveClass(school, sockets)


@pytest.fixture
def quiz_attempt(school):
    return QuizAttempt(school)


def text(frame: dict) -> str | None:
    return (frame.get("data") or {}).get("text")


def own_backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]

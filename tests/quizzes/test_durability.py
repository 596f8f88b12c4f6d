"""A real daphne on the embedded SQLite default: concurrent saves, then kill -9.

Every answer the server acknowledged is still there after the process is killed
without warning and started again, and concurrent saves to one attempt never fail
with "database is locked".
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CSRF = "k" * 32

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Page, Site
from lms_quizzes.attempts import start_attempt
from tests.conftest import enrol
from tests.factories import (CourseIndexPageFactory, CoursePageFactory, HomePageFactory,
    ModulePageFactory, QuizPageFactory, UserFactory)
home = HomePageFactory(parent=Page.get_first_root_node())
Site.objects.update(root_page=home)
course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home))
quiz = QuizPageFactory(parent=ModulePageFactory(parent=course))
student = UserFactory()
attempt = start_attempt(quiz, student, enrol(student, course))
session = SessionStore()
session["_auth_user_id"] = str(student.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = student.get_session_auth_hash()
session.create()
print(json.dumps({"attempt": attempt.pk, "session": session.session_key}))
"""

ANSWERS = {
    "q-single": "q-single-c1",
    "q-multi": ["q-multi-c0", "q-multi-c2"],
    "q-tf": False,
    "q-short": "Baku",
    "q-num": "23",
}


@pytest.fixture
def site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "LMS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    made = subprocess.run(
        manage + ["shell", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return env, json.loads(made.stdout.strip().splitlines()[-1])


def test_acknowledged_answers_survive_kill_9_and_concurrent_saves(site):
    env, made = site
    port = _free_port()
    server = _serve(env, port)
    url = f"http://127.0.0.1:{port}/en/learning/quizzes/attempts/{made['attempt']}/"
    try:
        with ThreadPoolExecutor(len(ANSWERS)) as pool:
            replies = list(
                pool.map(
                    lambda item: _save(url, made["session"], *item), ANSWERS.items()
                )
            )
        assert all(status == 200 for status in replies), replies
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()

    server = _serve(env, port)
    try:
        page = _get(url, made["session"])
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    assert 'value="q-single-c1" checked' in page
    assert 'value="q-multi-c0" checked' in page and 'value="q-multi-c2" checked' in page
    assert 'value="false" checked' in page
    assert 'value="Baku"' in page and 'value="23"' in page


def _save(url, session, question_id, answer, tries=20):
    """Save one answer as the page's script does: resend on 409 with the new number."""
    sequence = 0
    for _ in range(tries):
        body = json.dumps({"sequence": sequence, "answers": {question_id: answer}})
        request = urllib.request.Request(
            url + "answers/",
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": CSRF,
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code != 409:
                return error.code
            sequence = json.loads(error.read())["sequence"]
    return 409


def _get(url, session) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def _serve(env, port) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
        + ["lms.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("daphne did not start")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

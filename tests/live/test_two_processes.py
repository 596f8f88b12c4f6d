"""Two daphne processes behind one Redis serve one session: students on different
processes see each other's messages (the `redis` tier)."""

import asyncio
import json
import os
import subprocess
import sys

import pytest
import websockets

from tests.quizzes.test_durability import ROOT, _free_port, _serve

pytestmark = pytest.mark.redis

SETUP = """
import datetime, json
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from wagtail.models import Page, Site
from lms_live.models import LiveSession
from tests.conftest import enrol
from tests.factories import (CourseIndexPageFactory, CoursePageFactory, HomePageFactory,
    UserFactory)
home = HomePageFactory(parent=Page.get_first_root_node())
Site.objects.update(root_page=home)
course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home))
session = LiveSession.objects.create(title="Two processes", course=course,
    starts_at=timezone.now(), ends_at=timezone.now() + datetime.timedelta(hours=1))
keys = []
for name in ("Aysel", "Murad"):
    user = UserFactory(first_name=name)
    enrol(user, course)
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    keys.append(store.session_key)
print(json.dumps({"session": session.pk, "keys": keys}))
"""


def test_two_daphne_processes_share_a_session_through_redis(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "LMS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    assert env.get("REDIS_URL"), "the redis tier runs with REDIS_URL"
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    made = json.loads(
        subprocess.run(
            manage + ["shell", "-c", SETUP],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    ports = [_free_port(), _free_port()]
    servers = [_serve(env, port) for port in ports]
    try:
        heard = asyncio.run(_talk(ports, made))
    finally:
        for server in servers:
            server.kill()
            server.wait()
    assert heard["data"]["text"] == "Hello from the first process"
    assert heard["author"]["name"].startswith("Aysel")


async def _talk(ports, made):
    def socket(port, key):
        return websockets.connect(
            f"ws://127.0.0.1:{port}/ws/live/{made['session']}/",
            origin=f"http://127.0.0.1:{port}",
            additional_headers={"Cookie": f"sessionid={key}"},
        )

    async with (
        socket(ports[0], made["keys"][0]) as first,
        socket(ports[1], made["keys"][1]) as second,
    ):
        await _until(second, lambda f: f["type"] == "welcome")
        await first.send(
            json.dumps({"v": 1, "type": "chat", "text": "Hello from the first process"})
        )
        return await _until(second, lambda f: f.get("kind") == "chat")


async def _until(connection, wanted):
    while True:
        frame = json.loads(await asyncio.wait_for(connection.recv(), timeout=10))
        for one in frame["frames"] if frame["type"] == "batch" else [frame]:
            if wanted(one):
                return one

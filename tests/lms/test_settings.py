"""Production settings come from the environment and pass Django's deployment check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from channels.testing import WebsocketCommunicator

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "production-secret-for-the-check",
    "ALLOWED_HOSTS": "school.example",
    "DATABASE_URL": "postgres://lms@db.example/lms",
    "REDIS_URL": "redis://cache.example:6379/0",
}


def manage(*args, env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="lms.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_passes_the_deployment_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_turns_postgresql_jit_off_for_the_site_s_short_queries():
    code = "from django.conf import settings; print(settings.DATABASES['default'])"
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "'options': '-c jit=off'" in result.stdout


def test_base_settings_are_safe_by_default():
    from lms.settings import base

    assert base.DEBUG is False
    assert not hasattr(base, "SECRET_KEY")


@pytest.mark.asyncio
@pytest.mark.django_db
async def test_websockets_from_another_origin_are_refused():
    from lms.asgi import application

    communicator = WebsocketCommunicator(
        application, "/ws/anything/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()

"""Production settings come from the environment and pass Django's deployment check."""

import json
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


PRINT_CONNECTIONS = (
    "import json; from django.conf import settings; "
    "database = settings.DATABASES['default']; "
    "print(json.dumps({'max_age': database['CONN_MAX_AGE'], "
    "'options': database['OPTIONS'], "
    "'cursors': database.get('DISABLE_SERVER_SIDE_CURSORS', False), "
    "'cache': settings.CACHES['default']['OPTIONS'], "
    "'layer': settings.CHANNEL_LAYERS['default']['CONFIG']['hosts'][0]}))"
)


def production_connections(**env) -> dict:
    result = manage("shell", "-c", PRINT_CONNECTIONS, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_borrows_connections_from_a_bounded_pool_sized_by_the_environment():
    default = production_connections()
    assert default["max_age"] == 0  # nothing kept by a request's thread
    assert default["options"]["pool"] == {
        "min_size": 2,
        "max_size": 10,
        "timeout": 10.0,
        "max_idle": 60.0,
    }
    assert default["options"]["application_name"] == "lms"
    assert default["cache"]["pool_class"] == "lms.cache.SharedBlockingConnectionPool"
    assert default["cache"]["max_connections"] == 20
    assert default["layer"]["max_connections"] == 21  # and the subscriber

    sized = production_connections(
        DATABASE_POOL_MIN_SIZE="1",
        DATABASE_POOL_MAX_SIZE="25",
        DATABASE_POOL_TIMEOUT="3",
        DATABASE_APPLICATION_NAME="lms-web",
        REDIS_MAX_CONNECTIONS="8",
    )
    assert sized["options"]["pool"]["min_size"] == 1
    assert sized["options"]["pool"]["max_size"] == 25
    assert sized["options"]["pool"]["timeout"] == 3.0
    assert sized["options"]["application_name"] == "lms-web"
    assert sized["cache"]["max_connections"] == 8


def test_behind_pgbouncer_the_pool_is_off_and_cursors_live_in_a_transaction():
    bouncer = production_connections(DATABASE_POOL="off")
    assert "pool" not in bouncer["options"]
    assert bouncer["max_age"] == 0
    assert bouncer["cursors"] is True


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

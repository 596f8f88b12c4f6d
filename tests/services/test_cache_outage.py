"""Redis stops under a running site: pages are still served (the cache's errors are
logged and bypassed), and pages are kept again once it is back (lms/cache.py)."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from lms.cache import ForgivingRedisCache
from lms.settings.connections import redis_cache
from tests.conftest import enrol
from tests.factories import UserFactory
from tests.services.processes import Processes, free_port

pytestmark = pytest.mark.redis


@pytest.fixture
def private_redis(tmp_path):
    processes = Processes(tmp_path)
    port = free_port()
    server = processes.redis(port)
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{port}/0")):
        ForgivingRedisCache._down_until = 0.0
        yield processes, server, port
    processes.kill_all()
    ForgivingRedisCache._down_until = 0.0


def queries_of(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries.captured_queries)


def test_pages_serve_while_redis_is_away_and_are_kept_again_after(
    school, private_redis, caplog
):
    processes, server, port = private_redis
    visitor = Client()
    course = school["course"].url
    visitor.get(course)
    assert queries_of(visitor, course) == (200, 0)

    student = UserFactory()
    enrol(student, school["course"])
    learner = Client()
    learner.force_login(student)
    lesson = school["lessons"][0]

    processes.kill(server)
    assert queries_of(visitor, course)[0] == 200
    assert visitor.get("/az/").status_code == 200
    assert learner.get(lesson.url).status_code == 200
    learner.post(f"/az/learning/lessons/{lesson.pk}/complete/")
    assert "✓" in learner.get(course).content.decode()
    assert "Redis did not answer the cache" in caplog.text

    processes.redis(port, name="redis-again")
    ForgivingRedisCache._down_until = 0.0  # as if its 5 s had passed
    visitor.get(course)
    assert queries_of(visitor, course) == (200, 0)

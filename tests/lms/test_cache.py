"""While the cache's Redis does not answer, every page is still served (lms/cache.py):
the error is logged, and nothing is kept until Redis is back."""

import socket

import pytest
from django.test import override_settings

from lms.cache import ForgivingRedisCache
from lms.settings.connections import redis_cache
from tests.conftest import enrol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away():
    """The cache on a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{port}/0")):
        ForgivingRedisCache._down_until = 0.0
        yield
    ForgivingRedisCache._down_until = 0.0


def test_public_pages_are_served_while_redis_is_away(
    client, school, redis_away, caplog
):
    for url in ["/az/", school["catalogue"].url, school["course"].url] * 2:
        response = client.get(url)
        assert response.status_code == 200
    assert "Redis did not answer the cache" in caplog.text


def test_a_student_learns_while_redis_is_away(client, school, redis_away):
    student = UserFactory()
    enrol(student, school["course"])
    client.force_login(student)
    lesson = school["lessons"][0]
    assert client.get(lesson.url).status_code == 200
    response = client.post(f"/az/learning/lessons/{lesson.pk}/complete/")
    assert response.status_code in (200, 302)
    assert client.get("/az/dashboard/").status_code == 200
    assert "✓" in client.get(school["course"].url).content.decode()

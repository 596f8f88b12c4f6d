import datetime

import pytest
from channels.layers import channel_layers
from django.utils import timezone

from lms_live.models import AgendaItem, LiveSession
from tests.conftest import enrol
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """Each test has its own event loop, so each gets its own channel layer: a receive
    left waiting in an earlier test's loop must not make channels-redis refuse this
    test's ("two event loops are trying to receive")."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def live_session(school, trainer):
    session = LiveSession.objects.create(
        title="Borders in practice",
        course=school["course"],
        starts_at=timezone.now() - datetime.timedelta(minutes=10),
        ends_at=timezone.now() + datetime.timedelta(minutes=80),
        video_url="https://meet.example/borders",
    )
    session.trainers.add(trainer)
    AgendaItem.objects.create(
        session=session, title="Single window", material=school["lessons"][0]
    )
    return session


@pytest.fixture
def enrolled(school, student):
    enrol(student, school["course"])
    return student


@pytest.fixture
def classmate(school):
    user = UserFactory(first_name="Murad")
    enrol(user, school["course"])
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(first_name="Outsider")

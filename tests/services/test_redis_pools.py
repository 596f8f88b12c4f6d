"""Redis under load: a daphne process borrows its Redis connections from two bounded
pools (lms/settings/connections.py), so however many pages and classroom sockets it
serves at once, it never holds more than they allow, and nobody is refused for it.

A private redis-server serves one daphne process: every client in its ``CLIENT LIST``
but the test's own is that process's, named after the pool it came from.
"""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from bench.load import run
from lms_live.models import LiveEvent, LiveSession
from tests.conftest import enrol, in_english
from tests.factories import UserFactory
from tests.services import processes as servers
from tests.services.processes import free_port
from tests.services.test_fault_drills import ClassroomSocket, signed_in, text

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# REDIS_MAX_CONNECTIONS of the daphne process: small, so that the load exceeds it.
POOL_SIZE = 4
# What the process may hold at most, by client name. The cache's threads share one
# pool of POOL_SIZE. The channel layer's pool is one larger: its subscriber keeps one
# connection for good, and publishing borrows from the other POOL_SIZE (in fact one
# at a time: channels-redis publishes under a lock per connection to Redis).
BOUNDS = {"lms-cache": POOL_SIZE, "lms-channels": POOL_SIZE + 1}
HTTP_CLIENTS = 12  # each waiting for its page: a request in a thread of its own
SOCKETS = 16
MESSAGES_EACH = 4
LOAD_SECONDS = 10


@pytest.fixture(autouse=True)
def small_pools_and_the_redis_cache(monkeypatch):
    """The daphne processes of these tests use the Redis cache and small pools."""
    monkeypatch.setattr(servers, "SETTINGS", "tests.services.pool_settings")
    monkeypatch.setenv("REDIS_MAX_CONNECTIONS", str(POOL_SIZE))


def test_a_busy_process_keeps_its_redis_connections_within_its_pools(
    processes, database_url, school
):
    redis_port, port = free_port(), free_port()
    processes.redis(redis_port)
    private = f"redis://127.0.0.1:{redis_port}/0"
    processes.daphne(port, database_url=database_url, redis_url=private)
    watcher = redis.Redis.from_url(private, single_connection_client=True)
    own = str(watcher.client_id())

    def clients() -> Counter:
        """The process's connections to Redis now, by name."""
        return Counter(c["name"] for c in watcher.client_list() if c["id"] != own)

    room = Classroom(school)
    pages = [in_english(page.url) for page in [school["course"], *school["lessons"]]]
    cookie = {"Cookie": f"sessionid={room.cookies[0]}"}
    with ExitStack() as sockets, ThreadPoolExecutor(SOCKETS) as chatting:
        talkers = [room.socket(n, sockets) for n in range(SOCKETS)]
        for talker in talkers:
            talker.open(port)
        # Everyone chats at once while two dozen clients load course pages.
        chats = [
            chatting.submit(room.chat, n, talker) for n, talker in enumerate(talkers)
        ]
        load = run(
            port,
            pages,
            clients=HTTP_CLIENTS,
            seconds=LOAD_SECONDS,
            headers=cookie,
            sample=clients,
            every=0.05,
        )
        while not all(chat.done() for chat in chats):  # the chat outlasts the load
            load.samples.append(clients())
            time.sleep(0.05)
        for chat in chats:
            chat.result()

    settled = clients()

    totals = [sum(sample.values()) for sample in load.samples]
    peaks = {name: max(sample[name] for sample in load.samples) for name in BOUNDS}
    assert max(totals) <= sum(BOUNDS.values()), (max(totals), peaks)
    assert all(peaks[name] <= bound for name, bound in BOUNDS.items()), peaks
    assert all(peaks.values()), peaks  # both pools were in use, and counted
    # A connection has no name until its first command: once idle, each one has.
    assert set(settled) <= set(BOUNDS), settled
    assert load.requests > HTTP_CLIENTS and set(load.statuses) == {200}, load.statuses
    assert not load.failures, load.failures
    # Every page read the Redis cache (the pages' generation, the session, the roles;
    # an outline is then held by the process).
    assert watcher.info("commandstats")["cmdstat_get"]["calls"] >= load.requests
    everything = room.everything()
    assert all(room.heard(talker) == everything for talker in talkers)
    assert LiveEvent.objects.filter(kind="chat").count() == len(everything)


class Classroom:
    """A live session of SOCKETS enrolled students, each signed in."""

    def __init__(self, school):
        self.session = LiveSession.objects.create(
            title="Borders under load",
            course=school["course"],
            starts_at=timezone.now() - timedelta(minutes=10),
            ends_at=timezone.now() + timedelta(minutes=80),
        )
        self.cookies = []
        for _n in range(SOCKETS):
            student = UserFactory(groups=["Students"])
            enrol(student, school["course"])
            self.cookies.append(signed_in(student))

    def socket(self, n: int, sockets: ExitStack) -> ClassroomSocket:
        return ClassroomSocket(self.session.pk, self.cookies[n], sockets)

    def chat(self, n: int, talker: ClassroomSocket) -> None:
        """Say MESSAGES_EACH things, then hear what everyone said."""
        for m in range(MESSAGES_EACH):
            talker.say("chat", f"{n}.{m}")
        everything = self.everything()
        if self.heard(talker) != everything:
            talker.until(lambda _f: self.heard(talker) == everything, seconds=60)

    def everything(self) -> set[str]:
        return {f"{n}.{m}" for n in range(SOCKETS) for m in range(MESSAGES_EACH)}

    def heard(self, talker: ClassroomSocket) -> set[str]:
        return {
            text(event)
            for event in talker.events.values()
            if event.get("kind") == "chat"
        }

"""The channel layer on Redis: what one daphne process sends, another receives; and
when Redis comes back after a restart, the layer says so (lms_live/layers.py)."""

import asyncio

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from redis.exceptions import ConnectionError as RedisConnectionError

from lms_live import fanout
from lms_live.layers import ResumablePubSubChannelLayer
from tests.services.processes import Processes, free_port

pytestmark = pytest.mark.redis

GROUP = "live.session.test"


def test_the_channel_layer_is_redis_pub_sub_that_tells_of_reconnections():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == (
        "lms_live.layers.ResumablePubSubChannelLayer"
    )


@pytest.mark.asyncio
async def test_a_group_message_reaches_every_member_through_redis():
    layer = get_channel_layer()
    first = await layer.new_channel()
    second = await layer.new_channel()
    await layer.group_add(GROUP, first)
    await layer.group_add(GROUP, second)
    await layer.group_send(GROUP, {"type": "chat.message", "text": "Salam"})
    assert (await layer.receive(first))["text"] == "Salam"
    assert (await layer.receive(second))["text"] == "Salam"
    await layer.group_discard(GROUP, first)
    await layer.group_discard(GROUP, second)
    await layer.flush()


@pytest.mark.asyncio
async def test_the_layer_tells_its_receivers_when_a_restarted_redis_is_back(tmp_path):
    """What was published while Redis was away is lost: each receiver hears that it
    should resume, then hears what is published from then on."""
    processes = Processes(tmp_path)
    port = free_port()
    redis = processes.redis(port)
    address = {"address": f"redis://127.0.0.1:{port}/0", "socket_timeout": 5}
    layer = ResumablePubSubChannelLayer(hosts=[address])
    try:
        channels = [await layer.new_channel() for _ in range(2)]
        for channel in channels:
            await layer.group_add(GROUP, channel)
        await layer.group_send(GROUP, {"type": "live.broadcast", "n": 1})
        for channel in channels:
            assert (await layer.receive(channel))["n"] == 1

        processes.kill(redis)
        processes.redis(port, name="redis-again")

        for channel in channels:
            told = await asyncio.wait_for(layer.receive(channel), timeout=30)
            assert told == {"type": fanout.RESUME}
        await _publish_once_connected(layer, {"type": "live.broadcast", "n": 2})
        for channel in channels:
            assert (await layer.receive(channel))["n"] == 2
    finally:
        await layer.flush()
        processes.kill_all()


async def _publish_once_connected(layer, message):
    """The first publish after a restart may find its pooled connection dead (the
    consumer then has its socket resume); the next one reconnects."""
    for _attempt in range(20):
        try:
            return await layer.group_send(GROUP, message)
        except RedisConnectionError:
            await asyncio.sleep(0.2)
    raise AssertionError("Redis never took the message")


@pytest.mark.asyncio
async def test_a_receiver_left_idle_longer_than_the_socket_timeout_still_hears():
    """redis-py 8 times a plain read out after the socket timeout (5 s in the
    settings); the layer's reads must not count as such, or an idle room would die."""
    address = {**settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]}
    layer = ResumablePubSubChannelLayer(hosts=[{**address, "socket_timeout": 0.5}])
    try:
        channel = await layer.new_channel()
        await layer.group_add(GROUP, channel)
        waiting = asyncio.create_task(layer.receive(channel))
        await asyncio.sleep(1.5)
        await layer.group_send(GROUP, {"type": "live.broadcast", "n": 1})
        assert (await asyncio.wait_for(waiting, timeout=5))["n"] == 1
    finally:
        await layer.flush()

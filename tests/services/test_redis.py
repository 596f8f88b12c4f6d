"""The channel layer on Redis: what one daphne process sends, another receives."""

import pytest
from channels.layers import get_channel_layer
from django.conf import settings

pytestmark = pytest.mark.redis


def test_the_channel_layer_is_redis():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == (
        "channels_redis.core.RedisChannelLayer"
    )


@pytest.mark.asyncio
async def test_a_group_message_reaches_every_member_through_redis():
    layer = get_channel_layer()
    first = await layer.new_channel()
    second = await layer.new_channel()
    await layer.group_add("live.session.test", first)
    await layer.group_add("live.session.test", second)
    await layer.group_send(
        "live.session.test", {"type": "chat.message", "text": "Salam"}
    )
    assert (await layer.receive(first))["text"] == "Salam"
    assert (await layer.receive(second))["text"] == "Salam"
    await layer.group_discard("live.session.test", first)
    await layer.group_discard("live.session.test", second)
    await layer.flush()

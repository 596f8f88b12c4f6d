"""The channel layer of several server processes: channels-redis's pub/sub layer, which
also tells this process's receivers when its connection to Redis has come back.

Why pub/sub: a broadcast is one PUBLISH, one round trip, and reaches every process at
once. ``RedisChannelLayer.group_send`` takes four round trips, and each process then
pops the message from a sorted set: 0.5 ms against 1.7 ms before each process has it,
which took p99 with 500 students over two processes from 34.6-48.9 ms to 32.3-33.8 ms
in the same runs (measured with the bench's earlier ``websockets`` client, which
counted more of its own time than ``picows`` does now: docs/benchmarks.md).

Why the subclass: pub/sub is at-most-once, and what is published while a process's
connection is down never reaches it. redis-py reconnects and subscribes again by
itself, so the stock layer carries on as if nothing happened, and a room never learns
that it missed a broadcast. Here every reconnection puts one ``fanout.RESUME`` message
in each of the process's channels, and the live room has its sockets resume from the
database. ``tests/services`` restarts Redis under it.

Why a blocking pool: channels-redis connects through redis-py's plain pool, which
fails at once ("Too many connections") once ``max_connections`` are lent. Here a
publish waits for a connection, up to the pool's ``timeout``, and the subscriber's
connection comes from the same pool, so a process never holds more than
``max_connections`` for the layer (lms/settings/connections.py sizes it).

It reaches into channels-redis 4.3 (its loop layer and shard connection), which the
requirements pin.
"""

import asyncio

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub

from .fanout import RESUME


class ResumablePubSubChannelLayer(RedisPubSubChannelLayer):
    def _get_layer(self):
        loop = asyncio.get_running_loop()
        layer = self._layers.get(loop)
        if layer is None:
            layer = self._layers[loop] = _LoopLayer(
                *self._args, **self._kwargs, channel_layer=self
            )
            _wrap_close(self, loop)
        return layer


class _LoopLayer(RedisPubSubLoopLayer):
    def __init__(self, hosts=None, **kwargs):
        super().__init__(hosts, **kwargs)
        self._shards = [_Shard(host, self) for host in decode_hosts(hosts)]


class _Shard(RedisSingleShardConnection):
    def _ensure_redis(self):
        if self._redis is None:
            self._redis = Redis(connection_pool=_blocking_pool(self.host))
            self._pubsub = self._redis.pubsub()
            # redis-py calls the subscriber's on_connect on every reconnection (not on
            # the first connection), held by a weak reference: a bound method.
            self._pubsub.on_connect = self._reconnected

    async def _reconnected(self, connection):
        await PubSub.on_connect(self._pubsub, connection)  # subscribe again
        told = self.channel_layer.channel_layer.serialize({"type": RESUME})
        for queue in self.channel_layer.channels.values():
            queue.put_nowait(told)


def _blocking_pool(host: dict) -> BlockingConnectionPool:
    """channels-redis's ``create_pool`` for an address or a host and port, on a pool
    that waits for a connection instead of failing."""
    options = dict(host)
    if "address" in options:
        return BlockingConnectionPool.from_url(options.pop("address"), **options)
    return BlockingConnectionPool(**options)

"""Settings of the daphne processes that count their Redis connections: the drills'
settings (tests/services/drill_settings.py) with production's Redis cache
(lms/settings/connections.py) on the test's Redis."""

import os

from lms.settings.connections import redis_cache
from tests.services.drill_settings import *  # noqa: F403

CACHES = redis_cache(os.environ["REDIS_URL"])

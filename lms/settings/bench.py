"""Settings for `make bench`: production-like (no DEBUG), on a database of its own.

SQLite in var/bench.sqlite3 by default; BENCH_DATABASE_URL points it elsewhere
(the task benchmarks use PostgreSQL).
"""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, database, redis_cache

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embeds.OfflineEmbedFinder"}]
# The benchmark sends bursts on purpose: no flood limit in its way.
LMS_LIVE_FLOOD_LIMIT = (100_000, 1.0)
# A live benchmark run may try another limit (the slow readers smoke-test uses 16 KiB).
if os.environ.get("BENCH_LIVE_SEND_BUFFER_BYTES"):
    LMS_LIVE_SEND_BUFFER_BYTES = int(os.environ["BENCH_LIVE_SEND_BUFFER_BYTES"])

# As in production: connections from a bounded pool per process (PostgreSQL), or the
# embedded default's SQLite (WAL, writers queued, a few pooled connections).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": database(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'bench.sqlite3'}"
    )
}
if os.environ.get("REDIS_URL"):
    CACHES = redis_cache(os.environ["REDIS_URL"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

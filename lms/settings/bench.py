"""Settings for `make bench`: production-like (no DEBUG), on a database of its own.

SQLite in var/bench.sqlite3 by default; BENCH_DATABASE_URL points it elsewhere
(the task benchmarks use PostgreSQL).
"""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import POSTGRESQL_OPTIONS, SQLITE_OPTIONS, VAR_DIR

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

if os.environ.get("BENCH_DATABASE_URL"):
    # As in production: connections are kept between requests and tasks.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["BENCH_DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRESQL_OPTIONS)
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # The embedded default's SQLite: WAL, writers queue instead of failing.
        DATABASES["default"].update(ENGINE="lms.sqlite3", OPTIONS=SQLITE_OPTIONS)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "lms.sqlite3",
            "NAME": VAR_DIR / "bench.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

"""Settings for the test suite: fast hashing, in-memory layers, no network.

`DATABASE_URL` / `REDIS_URL` switch the services tier onto PostgreSQL and Redis.
"""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, SQLITE_OPTIONS, redis_channel_layers

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = os.environ.get(
    "LMS_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
MEDIA_ROOT = tempfile.mkdtemp(prefix="lms-test-media-")
LMS_ASSISTANCE_DOCUMENT_ROOT = tempfile.mkdtemp(prefix="lms-test-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True  # daphne in the browser tier serves static files
LMS_SERVE_MEDIA = True  # the browser tier's live server shows lesson images
# Tests never reach the internet: embeds resolve from a local table only.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embeds.OfflineEmbedFinder"}]
# The same policy as production, plus the host of the test embeds' players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "frame-src": [
            *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
            "https://video.example",
        ],
    }
}

# Tasks run inline; the services tier runs real workers on the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("LMS_TASKS_BACKEND") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LMS_EMAIL_ATTEMPTS = 3
LMS_LIVE_PRESENCE_SECONDS = 0.05
# The browser tier's daphne leaves out one live event, so a page must catch up.
LMS_LIVE_TEST_DROP_SEQ = (
    int(os.environ["LMS_LIVE_TEST_DROP_SEQ"])
    if os.environ.get("LMS_LIVE_TEST_DROP_SEQ")
    else None
)

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }
if os.environ.get("LMS_TEST_DATABASE_FILE"):
    # The browser tier: a file that the live server's threads share, in WAL mode.
    DATABASES["default"].update(
        OPTIONS=SQLITE_OPTIONS,
        TEST={"NAME": os.environ["LMS_TEST_DATABASE_FILE"]},
    )
    if os.environ.get("LMS_TEST_SERVER_PROCESS"):
        # A daphne process the browser tier starts (WebSockets): it opens the file
        # that the test run has built, as the test run itself does.
        DATABASES["default"]["NAME"] = os.environ["LMS_TEST_DATABASE_FILE"]

if os.environ.get("REDIS_URL"):
    CHANNEL_LAYERS = redis_channel_layers(os.environ["REDIS_URL"])

if os.environ.get("LMS_TEST_CLOCK_SHIFT"):
    # A process the suite starts (daphne, a worker) lives in the suite's shifted
    # time, as the suite itself does (tests/clock.py, `make test-time-travel`).
    import datetime

    import time_machine

    time_machine.travel(
        datetime.datetime.now(datetime.UTC)
        + datetime.timedelta(days=int(os.environ["LMS_TEST_CLOCK_SHIFT"])),
        tick=True,
    ).start()

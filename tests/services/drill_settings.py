"""Settings of the daphne processes that the fault drills start and kill.

The test settings on the test run's PostgreSQL database and Redis, with production's
pooled database connections (lms/settings/connections.py), and a live classroom that
checks its connections every second rather than every 30 (so a drill is quick).
"""

import os

from lms.settings.connections import database
from lms.settings.test import *  # noqa: F403

DATABASES = {"default": database(os.environ["DATABASE_URL"])}
LMS_LIVE_RECHECK_SECONDS = 1
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""Settings of the servers that default-tier tests start (daphne, a worker): the
bench's, which are production's on the database that ``BENCH_DATABASE_URL`` names, in
the test run's time (``--shift-clock``, tests/clock.py), as the test run itself is."""

import lms.settings.test  # noqa: F401 (it starts the travel when the clock is shifted)
from lms.settings.bench import *  # noqa: F403

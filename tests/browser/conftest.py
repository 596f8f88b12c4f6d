"""The browser tier: Playwright driving Debian's Chromium against the live test server.

The demo School is loaded once, into a database file the live server's threads share
(``LMS_TEST_DATABASE_FILE``, set by ``make test-browser``). What a test writes is
committed: tests that change data use learners of their own.
"""

import itertools
import os

import pytest
from django.core.management import call_command
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.conftest import CHROMIUM

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DEMO_COURSE = "/courses/global-compact-for-migration/"
_learners = itertools.count()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def demo_site(django_db_blocker):
    """A live server on the demo School, for the whole tier.

    pytest-django's own ``live_server`` empties the database after every test; this
    one keeps the demo, which takes a while to build.
    """
    if not os.environ.get("LMS_TEST_DATABASE_FILE"):
        pytest.fail("Run the browser tier with `make test-browser`.")
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("load_demo", stdout=open(os.devnull, "w"))
        server = LiveServer("localhost")
        yield server
        server.stop()
        teardown_databases(databases, verbosity=0)


@pytest.fixture
def orm(django_db_blocker):
    """Read or write the shared database from a test."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=PHONE, locale="az")
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def learner(demo_site, django_db_blocker):
    """A learner of their own, enrolled in the demo course: (email, password)."""
    from lms_courses.models import CoursePage
    from lms_courses.progress import enrol
    from tests.factories import UserFactory

    with django_db_blocker.unblock():
        user = UserFactory(
            email=f"browser{next(_learners)}@school.example", preferred_language=""
        )
        enrol(
            user,
            CoursePage.objects.get(
                slug="global-compact-for-migration", locale__language_code="az"
            ),
        )
    return user.email, "correct horse 42"


def log_in(page, base_url: str, email: str, password: str, language: str = "az"):
    page.goto(f"{base_url}/{language}/accounts/login/?next=/{language}/dashboard/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/dashboard/")


@pytest.fixture(scope="session")
def daphne_site(demo_site):
    """daphne serving the same demo database, for pages that open WebSockets.

    pytest-django's live server speaks HTTP only; the live classroom needs both.
    """
    site = DaphneSite.on_demo()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def start_daphne(demo_site):
    """Start a daphne of the test's own on the demo database, with extra environment
    (a test hook such as ``LMS_LIVE_TEST_DROP_SEQ``, read once when it starts)."""
    sites = []

    def start(**extra_env):
        site = DaphneSite.on_demo(**extra_env)
        site.start()
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()


class DaphneSite:
    @classmethod
    def on_demo(cls, **extra_env):
        """A daphne on a free port, serving the database the test run has built."""
        from tests.quizzes.test_durability import _free_port

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.test",
            "LMS_TEST_SERVER_PROCESS": "1",
            **extra_env,
        }
        return cls(_free_port(), env)

    def __init__(self, port, env):
        self.port, self.env, self.process = port, env, None
        self.url = f"http://localhost:{port}"

    def start(self):
        from tests.quizzes.test_durability import _serve

        self.process = _serve(self.env, self.port)

    def stop(self):
        self.process.kill()
        self.process.wait()

"""Shared fixtures and the rules of the test tiers.

The services and browser tiers fail, never skip, when what they need is missing.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, Site

from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
    tag,
)

CHROMIUM = "/usr/bin/chromium"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.fail("This test needs PostgreSQL: run it through `make test-all`.")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.fail("This test needs Redis: run it through `make test-all`.")
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        pytest.fail(
            f"The browser tier needs Chromium at {CHROMIUM} (apt install chromium)."
        )


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave them behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(db):
    """A small published School: home → catalogue → course → 2 modules → 3 lessons."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update(root_page=home)
    catalogue = CourseIndexPageFactory(parent=home)
    course = tag(
        CoursePageFactory(parent=catalogue, title="Border management"), gcm=[11]
    )
    first = tag(ModulePageFactory(parent=course, title="Integrated borders"), sdg=[16])
    second = ModulePageFactory(parent=course, title="Identity and documents")
    lessons = [
        tag(LessonPageFactory(parent=first, title="Single window"), sdg=[10]),
        LessonPageFactory(parent=first, title="Cooperation at the border"),
        tag(LessonPageFactory(parent=second, title="Legal identity"), gcm=[4]),
    ]
    return {
        "home": home,
        "catalogue": catalogue,
        "course": course,
        "modules": [first, second],
        "lessons": lessons,
    }


@pytest.fixture
def trainer(db):
    return UserFactory(email="trainer@school.example", groups=["Trainers"])


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinator@school.example", groups=["Coordinators"])


@pytest.fixture
def student(db):
    return UserFactory(email="student@school.example", groups=["Students"])


def count_queries(client, url: str) -> int:
    """SQL queries of one GET, after a first request has warmed Wagtail's caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries.captured_queries)


def enrol(user, course, **fields):
    """Enrol ``user`` in ``course`` the way a coordinator would."""
    from lms_courses.models import Enrolment

    return Enrolment.objects.create(
        user=user, course_key=course.translation_key, source="admin", **fields
    )


def signed_in(user) -> str:
    """The session cookie of ``user``, stored in the database (for a server process
    that the test starts, the test's data must be committed: ``transactional_db``)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def in_english(url: str) -> str:
    """The same address under /en/, where tests read the interface in English."""
    return url.replace("/az/", "/en/", 1)

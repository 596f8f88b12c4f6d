"""The union's busiest pages run the same SQL queries for 100 volunteers as for 7,000:
the staff's volunteer list, a department page and a volunteer's own shifts."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, UserFactory, admin_in_english
from tests.volunteers.factories import ShiftFactory, SignUpFactory, VolunteerFactory

SIZES = (100, 7_000)
PAGES = (
    "volunteer list",
    "volunteer list, active in 90 days",
    "department",
    "my shifts",
)
MOST_QUERIES = 40


pytestmark = pytest.mark.django_db


def measure_both_sizes() -> dict:
    """{size: {page: (status, queries)}}: each size built by make_scale_data in a
    savepoint rolled back once measured, so each data set is built once."""
    results = {}
    for size in SIZES:
        with transaction.atomic():
            results[size] = _measure(size)
            transaction.set_rollback(True)
    return results


def _measure(size: int) -> dict:
    from lms_volunteers.models import DepartmentPage, ProjectPage

    cache.clear()  # Wagtail's site root paths of the data set rolled back before
    home = HomePageFactory(parent=Page.objects.get(depth=1))
    Site.objects.update(root_page=home)
    call_command(
        "make_scale_data", "--students", "0", "--volunteers", str(size), verbosity=0
    )
    staff = UserFactory(groups=["Volunteer staff"])
    me = VolunteerFactory()
    admin_in_english(staff)
    project = ProjectPage.objects.get(slug="scale-project-1-1")
    for _ in range(3):
        SignUpFactory(volunteer=me, shift=ShiftFactory(project=project))
    department = DepartmentPage.objects.get(slug="scale-department-1")
    client = Client()
    urls = {
        "volunteer list": (staff, "/admin/volunteers/"),
        "volunteer list, active in 90 days": (staff, "/admin/volunteers/?activity=90"),
        "department": (staff, department.get_url()),
        "my shifts": (me.user, "/en/volunteers/me/shifts/"),
    }
    counts = {}
    for page, (user, url) in urls.items():
        client.force_login(user)
        client.get(url)  # warm Wagtail's caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[page] = (response.status_code, len(queries.captured_queries))
    return counts


def test_the_union_pages_run_the_same_queries_for_100_and_7000_volunteers():
    measured = measure_both_sizes()
    for page in PAGES:
        (few_status, few), (many_status, many) = (measured[n][page] for n in SIZES)
        assert (few_status, many_status) == (200, 200), page
        assert few == many, f"{page}: {few} queries at 100, {many} at 7,000"
        assert many <= MOST_QUERIES, page

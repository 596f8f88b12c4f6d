"""SQL queries per page at the small and at the scale data set (they must be equal).

Run as ``python -m bench.queries`` with DJANGO_SETTINGS_MODULE and BENCH_DATABASE_URL
set: prints the counts of one data set as JSON.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import pages_for
from demo.scale import SCALE_SLUG
from lms_courses.models import CoursePage, LessonPage
from lms_courses.progress import enrol, mark_complete


def count() -> dict[str, int]:
    scale = sys.argv[1] == "scale"
    # The same student on both data sets: the demo's, who on the scale data set is
    # also enrolled in the 200-lesson course. Equal counts then mean that nothing
    # grows with the number of students, courses or lessons.
    email = "student@school.example"
    if scale:
        _enrol_in_scale_course(email)
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for page in pages_for(scale):
        client.logout()
        if page.signed_in:
            client.force_login(get_user_model().objects.get(email=email))
        for _ in range(2):  # warm Wagtail's caches
            client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise RuntimeError(f"{page.path} answered {response.status_code}")
        counts[page.name] = len(queries.captured_queries)
    return counts


def _enrol_in_scale_course(email: str) -> None:
    course = CoursePage.objects.get(slug=SCALE_SLUG)
    enrolment = enrol(get_user_model().objects.get(email=email), course)
    for lesson in LessonPage.objects.descendant_of(course)[:15]:
        mark_complete(enrolment, lesson.translation_key)


if __name__ == "__main__":
    print(json.dumps(count()))

"""A live class in the scale data set, for the live benchmark: N enrolled students
and a trainer, with their session cookies.

Run as ``python -m bench.live_session N`` with DJANGO_SETTINGS_MODULE and
BENCH_DATABASE_URL set: prints the session and the cookies as JSON.
"""

import datetime
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from lms_courses.models import CoursePage, Enrolment
from lms_live.models import LiveSession


def setup(students: int) -> dict:
    """A class starting now in the first course, ``students`` learners and a trainer
    (created where the data set has too few), with their session keys."""

    def cookie(user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    course = CoursePage.objects.order_by("pk").first()
    course_key = course.translation_key
    enrolments = Enrolment.objects.active().select_related("user")
    missing = students - enrolments.filter(course_key=course_key).count()
    number = 0
    while missing > 0:  # a database without the scale data set
        user, _ = get_user_model().objects.get_or_create(
            email=f"live{number}@bench.example", defaults={"first_name": "Live"}
        )
        # An earlier, smaller class enrolled the first ones already.
        _, enrolled = Enrolment.objects.get_or_create(user=user, course_key=course_key)
        missing -= enrolled
        number += 1
    now = timezone.now()
    session = LiveSession.objects.create(
        title="Bench class",
        course=course,
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
    )
    trainer, _ = get_user_model().objects.get_or_create(
        email="live-trainer@bench.example", defaults={"is_superuser": True}
    )
    learners = [e.user for e in enrolments.filter(course_key=course_key)[:students]]
    return {
        "session": session.pk,
        "trainer": cookie(trainer),
        "students": [cookie(user) for user in learners],
    }


if __name__ == "__main__":
    print(json.dumps(setup(int(sys.argv[1]))))

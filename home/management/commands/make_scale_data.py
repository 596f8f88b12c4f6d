"""Build a School at scale for the benchmarks: thousands of students, a long curriculum.

    manage.py make_scale_data --students 10000 --lessons 200

Students enrol in one large course and progress the way a real cohort does: most
start, fewer keep going, a small group finishes. Running it again with the same sizes
reuses what is there.
"""

import itertools
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.images import get_image_model

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
)

SCALE_SLUG = "scale-course"
LESSONS_PER_MODULE = 10
BATCH = 5000
PASSWORD = "scale-student"


class Command(BaseCommand):
    help = "Create (or reuse) N students enrolled in an M-lesson course."

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--lessons", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2018)

    def handle(self, *args, students: int, lessons: int, seed: int, **options):
        if students < 1 or lessons < 1:
            raise CommandError("--students and --lessons must be at least 1.")
        started = time.monotonic()
        course = CoursePage.objects.filter(slug=SCALE_SLUG).first()
        if course and self._matches(course, students, lessons):
            self.stdout.write(f"Reusing the scale data ({students} students).")
            return
        if course is not None:
            raise CommandError(
                "Scale data of another size exists; use a fresh database for it."
            )
        if not CourseIndexPage.objects.exists():
            call_command("load_demo", stdout=self.stdout)
        catalogue = CourseIndexPage.objects.order_by("path").first()
        with transaction.atomic():
            course, lesson_keys = self._curriculum(catalogue, lessons)
            self._students(course, lesson_keys, students, random.Random(seed))
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {students} students and {lessons} lessons "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _matches(self, course, students: int, lessons: int) -> bool:
        return (
            LessonPage.objects.descendant_of(course).count() == lessons
            # Benchmarks enrol learners of their own: count the scale students only.
            and Enrolment.objects.for_course(course)
            .filter(user__email__endswith="@scale.example")
            .count()
            == students
        )

    def _curriculum(self, catalogue, lessons: int):
        course = CoursePage(
            title="Migration governance at scale",
            slug=SCALE_SLUG,
            summary="A long course for measuring the platform.",
            # The demo's cover, so its page renders like any course with an image.
            image=get_image_model().objects.order_by("pk").first(),
            locale=catalogue.locale,
        )
        catalogue.add_child(instance=course)
        keys = []
        module = None
        for number in range(lessons):
            if number % LESSONS_PER_MODULE == 0:
                module = ModulePage(
                    title=f"Module {number // LESSONS_PER_MODULE + 1}",
                    slug=f"module-{number // LESSONS_PER_MODULE + 1}",
                    locale=catalogue.locale,
                )
                course.add_child(instance=module)
            lesson = LessonPage(
                title=f"Lesson {number + 1}",
                slug=f"lesson-{number + 1}",
                summary="Part of the scale course.",
                body=[
                    {
                        "type": "paragraph_block",
                        "value": "<p>"
                        + "Migration is part of development. " * 40
                        + "</p>",
                    }
                ],
                locale=catalogue.locale,
            )
            module.add_child(instance=lesson)
            keys.append(lesson.translation_key)
        return course, keys

    def _students(self, course, lesson_keys: list, count: int, rng: random.Random):
        User = get_user_model()
        password = make_password(PASSWORD)
        users = User.objects.bulk_create(
            (
                User(
                    email=f"student{n}@scale.example",
                    first_name="Student",
                    last_name=str(n),
                    password=password,
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        enrolments = Enrolment.objects.bulk_create(
            (Enrolment(user=user, course_key=course.translation_key) for user in users),
            batch_size=BATCH,
        )
        # Hundreds of thousands of rows: plain tuples, not model instances.
        key_field = LessonCompletion._meta.get_field("lesson_key")
        when_field = LessonCompletion._meta.get_field("completed_at")
        keys = [key_field.get_db_prep_value(k, connection) for k in lesson_keys]
        now = when_field.get_db_prep_value(timezone.now(), connection)
        rows = (
            (enrolment.pk, key, now)
            for enrolment in enrolments
            for key in keys[: _lessons_done(len(keys), rng)]
        )
        table = connection.ops.quote_name(LessonCompletion._meta.db_table)
        sql = (
            f"INSERT INTO {table} (enrolment_id, lesson_key, completed_at) "
            "VALUES (%s, %s, %s)"
        )
        with connection.cursor() as cursor:
            while batch := list(itertools.islice(rows, BATCH)):
                cursor.executemany(sql, batch)


def _lessons_done(total: int, rng: random.Random) -> int:
    """How far one student got: a few never start, most stop part way, some finish."""
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.85:
        return int(total * rng.betavariate(1.2, 2.5))
    return total

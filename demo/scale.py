"""A School at scale for the benchmarks: thousands of students, a long curriculum.

Students enrol in one large course and progress the way a real cohort does over six
months: most start, fewer keep going, a small group finishes. Each module is tagged
with GCM objectives and ends with a quiz (its questions tagged the same) that everyone
who finished the module has taken once, answers included, and six past live classes of
the course have their attendance. Made with the same sizes again, what is there is
reused. ``make_scale_data`` runs it; ``bench`` finds the course by ``SCALE_SLUG``.
"""

import datetime
import itertools
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from wagtail.images import get_image_model

from demo import school
from lms_courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    GCMObjective,
    LessonCompletion,
    LessonPage,
    ModulePage,
)
from lms_live.models import Attendance, LiveSession
from lms_quizzes.importing import choice_question
from lms_quizzes.models import Answer, Attempt, QuizPage, QuizResult
from lms_quizzes.tagging import index_question_tags

SCALE_SLUG = "scale-course"
LESSONS_PER_MODULE = 10
BATCH = 5000
PASSWORD = "scale-student"
PAST_CLASSES = 6
QUESTIONS_PER_QUIZ = 5
# The six months the scale students have been learning, up to now.
LEARNING_DAYS = 180


class OtherSizeExists(Exception):
    """Scale data of other sizes is in the database: it takes a fresh one."""


def make_school(students: int, lessons: int, seed: int, stderr) -> bool:
    """``students`` enrolled in a course of ``lessons`` lessons, beside the demo
    (loaded first when missing; its warnings go to ``stderr``).

    Returns False when a scale School of these sizes is there already.
    """
    course = CoursePage.objects.filter(slug=SCALE_SLUG).first()
    if course and _matches(course, students, lessons):
        return False
    if course is not None:
        raise OtherSizeExists(
            "Scale data of another size exists; use a fresh database for it."
        )
    if not CourseIndexPage.objects.exists():
        school.load(stderr)
    catalogue = CourseIndexPage.objects.order_by("path").first()
    with transaction.atomic():
        course, lesson_keys, quiz_keys = _curriculum(catalogue, lessons)
        rng = random.Random(seed)
        enrolments, done = _students(course, lesson_keys, students, rng)
        _quiz_attempts(enrolments, done, quiz_keys, rng)
        _past_classes(course, enrolments, done, rng)
    return True


def refresh_statistics() -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum would gather them after
    a bulk load: without them the planner takes the new tables for nearly empty."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def module_number(lesson_index: int) -> int:
    return lesson_index // LESSONS_PER_MODULE + 1


def _matches(course, students: int, lessons: int) -> bool:
    return (
        LessonPage.objects.descendant_of(course).count() == lessons
        # Benchmarks enrol learners of their own: count the scale students only.
        and Enrolment.objects.for_course(course)
        .filter(user__email__endswith="@scale.example")
        .count()
        == students
    )


def _curriculum(catalogue, lessons: int):
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
    quiz_keys = []
    module = None
    for number in range(lessons):
        if number % LESSONS_PER_MODULE == 0:
            module = ModulePage(
                title=f"Module {number // LESSONS_PER_MODULE + 1}",
                slug=f"module-{number // LESSONS_PER_MODULE + 1}",
                locale=catalogue.locale,
            )
            course.add_child(instance=module)
            module.gcm_objectives.add(*_objectives_of(module_number(number)))
            module.save()
        lesson = LessonPage(
            title=f"Lesson {number + 1}",
            slug=f"lesson-{number + 1}",
            summary="Part of the scale course.",
            body=[
                {
                    "type": "paragraph_block",
                    "value": "<p>" + "Migration is part of development. " * 40 + "</p>",
                }
            ],
            locale=catalogue.locale,
        )
        module.add_child(instance=lesson)
        keys.append(lesson.translation_key)
        if number % LESSONS_PER_MODULE == LESSONS_PER_MODULE - 1:
            quiz = QuizPage(
                title=f"Module {number // LESSONS_PER_MODULE + 1}: check",
                slug=f"check-{number // LESSONS_PER_MODULE + 1}",
                pass_mark=60,
                attempts_allowed=2,
                questions=[
                    choice_question(
                        f"q{n}", f"Question {n + 1}", ["right", "wrong"], [0]
                    )
                    for n in range(QUESTIONS_PER_QUIZ)
                ],
                locale=catalogue.locale,
            )
            module.add_child(instance=quiz)
            quiz.gcm_objectives.add(*_objectives_of(module_number(number)))
            quiz.save()
            index_question_tags(quiz)
            quiz_keys.append(quiz.translation_key)
    return course, keys, quiz_keys


def _students(course, lesson_keys: list, count: int, rng: random.Random):
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
    done = [_lessons_done(len(lesson_keys), rng) for _ in users]
    enrolments = Enrolment.objects.bulk_create(
        (
            Enrolment(
                user=user,
                course_key=course.translation_key,
                enrolled_at=_when(0, len(lesson_keys)),
                last_activity_at=_when(count - 1, len(lesson_keys)) if count else None,
            )
            for user, count in zip(users, done, strict=True)
        ),
        batch_size=BATCH,
    )
    # Hundreds of thousands of rows: plain tuples, not model instances.
    key_field = LessonCompletion._meta.get_field("lesson_key")
    when_field = LessonCompletion._meta.get_field("completed_at")
    keys = [key_field.get_db_prep_value(k, connection) for k in lesson_keys]
    times = [
        when_field.get_db_prep_value(_when(n, len(keys)), connection)
        for n in range(len(keys))
    ]
    rows = (
        (enrolment.pk, key, when)
        for enrolment, count in zip(enrolments, done, strict=True)
        for key, when in zip(keys[:count], times[:count], strict=True)
    )
    table = connection.ops.quote_name(LessonCompletion._meta.db_table)
    # The table name is the model's own, quoted; the values are parameters.
    sql = (
        f"INSERT INTO {table} (enrolment_id, lesson_key, completed_at) "  # nosec B608
        "VALUES (%s, %s, %s)"
    )
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)
    return enrolments, done


def _quiz_attempts(enrolments, done, quiz_keys, rng) -> None:
    """One graded attempt at each quiz of the modules a student finished, with
    an answer to each question."""
    total = len(quiz_keys) * LESSONS_PER_MODULE
    attempts, results, rights = [], [], []
    for enrolment, count in zip(enrolments, done, strict=True):
        for number, quiz_key in enumerate(quiz_keys[: count // LESSONS_PER_MODULE]):
            right = rng.choice([2, 3, 4, 5])
            percent = Decimal(100 * right // QUESTIONS_PER_QUIZ)
            passed = percent >= 60
            rights.append(right)
            submitted = _when((number + 1) * LESSONS_PER_MODULE - 1, total)
            attempts.append(
                Attempt(
                    user_id=enrolment.user_id,
                    quiz_key=quiz_key,
                    number=1,
                    status=Attempt.Status.GRADED,
                    started_at=submitted,
                    submitted_at=submitted,
                    question_ids=[f"q{n}" for n in range(QUESTIONS_PER_QUIZ)],
                    score=right,
                    max_score=QUESTIONS_PER_QUIZ,
                    percent=percent,
                    passed=passed,
                )
            )
            results.append(
                QuizResult(
                    user_id=enrolment.user_id,
                    quiz_key=quiz_key,
                    percent=percent,
                    passed=passed,
                    attempts=1,
                )
            )
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    QuizResult.objects.bulk_create(results, batch_size=BATCH)
    # The quizzes share question ids (q0…q4), as their tags tell them apart by quiz.
    Answer.objects.bulk_create(
        (
            Answer(
                attempt_id=attempt.pk,
                question_id=f"q{n}",
                response=[f"q{n}-c0" if n < right else f"q{n}-c1"],
                fraction=Decimal(n < right),
                points=Decimal(n < right),
            )
            for attempt, right in zip(attempts, rights, strict=True)
            for n in range(QUESTIONS_PER_QUIZ)
        ),
        batch_size=BATCH,
    )


def _past_classes(course, enrolments, done, rng) -> None:
    """Six weekly classes before today; most students who started came, a third
    of them in the room (checked in), the others online."""
    now = timezone.now()
    for week in range(PAST_CLASSES, 0, -1):
        starts = now - datetime.timedelta(weeks=week)
        session = LiveSession.objects.create(
            title=f"Scale class {PAST_CLASSES - week + 1}",
            course=course,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=90),
            ended_at=starts + datetime.timedelta(minutes=90),
        )
        Attendance.objects.bulk_create(
            (
                _attendance(session, enrolment.user_id, rng)
                for enrolment, count in zip(enrolments, done, strict=True)
                if count and rng.random() < 0.8
            ),
            batch_size=BATCH,
        )


def _attendance(session, user_id: int, rng: random.Random) -> Attendance:
    in_the_room = rng.random() < 0.3
    return Attendance(
        session=session,
        user_id=user_id,
        first_joined_at=None if in_the_room else session.starts_at,
        online_seconds=0 if in_the_room else rng.randint(30, 90) * 60,
        checked_in_at=session.starts_at if in_the_room else None,
    )


def _objectives_of(module: int) -> list:
    """Two GCM objectives per module, cycling through the first 20 (21–23 are gaps)."""
    numbers = [(2 * module - 2) % 20 + 1, (2 * module - 1) % 20 + 1]
    return list(GCMObjective.objects.filter(number__in=numbers))


def _when(lesson_index: int, total: int) -> datetime.datetime:
    """When the lesson at ``lesson_index`` was done: the course spread over six
    months, up to yesterday."""
    start = timezone.now() - datetime.timedelta(days=LEARNING_DAYS)
    return start + datetime.timedelta(days=(LEARNING_DAYS - 1) * lesson_index / total)


def _lessons_done(total: int, rng: random.Random) -> int:
    """How far one student got: a few never start, most stop part way, some finish."""
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.85:
        return int(total * rng.betavariate(1.2, 2.5))
    return total

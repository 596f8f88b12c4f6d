"""Build a School at scale for the benchmarks: thousands of students, a long curriculum.

    manage.py make_scale_data --students 10000 --lessons 200
    manage.py make_scale_data --students 0 --volunteers 7000

Students enrol in one large course and progress the way a real cohort does over six
months: most start, fewer keep going, a small group finishes. Each module is tagged
with GCM objectives and ends with a quiz (its questions tagged the same) that everyone
who finished the module has taken once, answers included, and six past live classes of
the course have their attendance. Running it again with the same sizes reuses what is
there.

With ``--volunteers N`` the Migration Volunteers union grows too: seven departments of
four projects under its home page, N volunteers (most of them active), a shift for
every twenty of them, half past and half to come, with their sign-ups, and the hours
of those who came, beside claims waiting for approval. ``--students 0`` leaves the
School out.
"""

import datetime
import itertools
import random
import time
from decimal import Decimal

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
    GCMObjective,
    LessonCompletion,
    LessonPage,
    ModulePage,
)
from home.models import HomePage
from live.models import Attendance, LiveSession
from quizzes.importing import choice_question
from quizzes.models import Answer, Attempt, QuizPage, QuizResult
from quizzes.tagging import index_question_tags
from volunteers.models import (
    DepartmentPage,
    HoursEntry,
    ProjectPage,
    Shift,
    SignUp,
    Volunteer,
    VolunteersIndexPage,
)

SCALE_SLUG = "scale-course"
LESSONS_PER_MODULE = 10
BATCH = 5000
PASSWORD = "scale-student"
PAST_CLASSES = 6
QUESTIONS_PER_QUIZ = 5
# The six months the scale students have been learning, up to now.
LEARNING_DAYS = 180
VOLUNTEER_DOMAIN = "volunteers.scale.example"
DEPARTMENTS = 7
PROJECTS_PER_DEPARTMENT = 4
VOLUNTEERS_PER_SHIFT = 20
# (status, share): most volunteers are active, the rest spread along the pipeline.
VOLUNTEER_STATUSES = [
    (Volunteer.Status.ACTIVE, 0.7),
    (Volunteer.Status.IN_TRAINING, 0.1),
    (Volunteer.Status.APPLICANT, 0.05),
    (Volunteer.Status.SCREENED, 0.05),
    (Volunteer.Status.PAUSED, 0.05),
    (Volunteer.Status.LEFT, 0.03),
    (Volunteer.Status.DECLINED, 0.02),
]
LANGUAGES = [
    "Azerbaijani, Russian",
    "Azerbaijani, Russian, English",
    "Azerbaijani, English",
    "Azerbaijani, Persian",
    "Azerbaijani, Russian, Turkish",
    "Azerbaijani, Arabic, English",
    "Russian, Georgian",
]


class Command(BaseCommand):
    help = "Create (or reuse) N students enrolled in an M-lesson course."

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--lessons", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--volunteers",
            type=int,
            default=0,
            help="Volunteers of the union, with shifts and hours (default: none).",
        )

    def handle(
        self,
        *args,
        students: int,
        lessons: int,
        seed: int,
        volunteers: int = 0,
        **options,
    ):
        if volunteers < 0:
            raise CommandError("--volunteers cannot be negative.")
        if lessons < 1 or students < 0 or (students == 0 and not volunteers):
            raise CommandError("--students and --lessons must be at least 1.")
        started = time.monotonic()
        if students:
            self._school(students, lessons, seed)
        if volunteers:
            self._union(volunteers, seed)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather them after a bulk load:
            # without them the planner takes the new tables for nearly empty.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {students} students, {lessons} lessons and {volunteers} "
                f"volunteers in {time.monotonic() - started:.1f} s."
            )
        )

    def _school(self, students: int, lessons: int, seed: int) -> None:
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
            course, lesson_keys, quiz_keys = self._curriculum(catalogue, lessons)
            rng = random.Random(seed)
            enrolments, done = self._students(course, lesson_keys, students, rng)
            self._quiz_attempts(enrolments, done, quiz_keys, rng)
            self._past_classes(course, enrolments, done, rng)

    def _union(self, count: int, seed: int) -> None:
        """The union at scale: departments, projects, volunteers, shifts, hours."""
        existing = Volunteer.objects.filter(
            user__email__endswith=f"@{VOLUNTEER_DOMAIN}"
        ).count()
        if existing == count:
            self.stdout.write(f"Reusing the scale volunteers ({count}).")
            return
        if existing:
            raise CommandError(
                "Scale volunteers of another number exist; use a fresh database."
            )
        rng = random.Random(seed)
        with transaction.atomic():
            projects = self._departments(self._union_home())
            volunteers = self._volunteers(count, projects, rng)
            self._shifts(volunteers, projects, rng)

    def _union_home(self) -> VolunteersIndexPage:
        union = VolunteersIndexPage.objects.order_by("path").first()
        if union is not None:
            return union
        home = HomePage.objects.order_by("path").first()
        if home is None:
            call_command("load_demo", stdout=self.stdout)
            return VolunteersIndexPage.objects.order_by("path").first()
        union = VolunteersIndexPage(
            title="Migration Volunteers", slug="volunteers", locale=home.locale
        )
        home.add_child(instance=union)
        return union

    def _departments(self, union: VolunteersIndexPage) -> list[ProjectPage]:
        today = timezone.localdate()
        projects = []
        for number in range(1, DEPARTMENTS + 1):
            department = DepartmentPage(
                title=f"Scale department {number}",
                slug=f"scale-department-{number}",
                summary="A department for measuring the platform.",
                locale=union.locale,
            )
            union.add_child(instance=department)
            for project_number in range(1, PROJECTS_PER_DEPARTMENT + 1):
                project = ProjectPage(
                    title=f"Scale project {number}.{project_number}",
                    slug=f"scale-project-{number}-{project_number}",
                    goal="Help migrants with their documents, at scale.",
                    funder="A partner",
                    budget=Decimal(20_000 * project_number),
                    target_beneficiaries=500 * project_number,
                    starts_on=today - datetime.timedelta(days=365),
                    ends_on=today + datetime.timedelta(days=365),
                    locale=union.locale,
                )
                department.add_child(instance=project)
                projects.append(project)
        return projects

    def _volunteers(self, count: int, projects, rng) -> list[Volunteer]:
        User = get_user_model()
        password = make_password(PASSWORD)
        users = User.objects.bulk_create(
            (
                User(
                    email=f"volunteer{n}@{VOLUNTEER_DOMAIN}",
                    first_name="Volunteer",
                    last_name=str(n),
                    password=password,
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        statuses, shares = zip(*VOLUNTEER_STATUSES, strict=True)
        departments = sorted({project.get_parent().pk for project in projects})
        now = timezone.now()
        return Volunteer.objects.bulk_create(
            (
                Volunteer(
                    user=user,
                    status=rng.choices(statuses, shares)[0],
                    languages=rng.choice(LANGUAGES),
                    skills="Translation, forms",
                    availability=rng.choice(["Weekends", "Weekday evenings"]),
                    phone=f"+994 50 {rng.randint(100, 999)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    department_id=rng.choice(departments),
                    motivation="To help migrants find their way.",
                    applied_at=now - datetime.timedelta(days=rng.randint(30, 700)),
                    status_changed_at=now - datetime.timedelta(days=rng.randint(1, 30)),
                )
                for user in users
            ),
            batch_size=BATCH,
        )

    def _shifts(self, volunteers, projects, rng) -> None:
        """A shift per twenty volunteers, over the last and the next 90 days, filled
        by active volunteers; those who came to a past one have its hours, and a
        quarter of the active ones claimed some hours of their own."""
        active = [v for v in volunteers if v.status == Volunteer.Status.ACTIVE]
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        count = max(len(volunteers) // VOLUNTEERS_PER_SHIFT, 1)
        shifts, rosters = [], []
        for number in range(count):
            days = rng.randint(-90, 90) or 1
            starts = now + datetime.timedelta(days=days, hours=rng.choice([-2, 0, 3]))
            capacity = rng.randint(3, 10)
            past = starts < now
            wanted = capacity if past else rng.randint(0, capacity + 3)
            roster = rng.sample(active, min(wanted, len(active)))
            project = rng.choice(projects)
            shifts.append(
                Shift(
                    project=project,
                    project_key=project.translation_key,
                    title=f"Help at the desk {number + 1}",
                    place=f"Service centre {number % 12 + 1}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=rng.choice([2, 3, 4])),
                    capacity=capacity,
                    places_taken=min(len(roster), capacity),
                    required_languages=rng.choice(["", "", "Russian", "English"]),
                    created_at=starts - datetime.timedelta(days=14),
                )
            )
            rosters.append(roster)
        Shift.objects.bulk_create(shifts, batch_size=BATCH)
        sign_ups, hours = [], []
        for shift, roster in zip(shifts, rosters, strict=True):
            past = shift.starts_at < now
            for place, volunteer in enumerate(roster):
                confirmed = place < shift.capacity
                came = rng.random() < 0.9 if past and confirmed else None
                sign_ups.append(
                    SignUp(
                        shift=shift,
                        volunteer=volunteer,
                        status=SignUp.Status.CONFIRMED
                        if confirmed
                        else SignUp.Status.WAITLISTED,
                        signed_up_at=shift.created_at
                        + datetime.timedelta(hours=place + 1),
                        attended=came,
                        attendance_confirmed_at=shift.ends_at
                        if came is not None
                        else None,
                    )
                )
                if came:
                    hours.append(
                        HoursEntry(
                            volunteer=volunteer,
                            project=shift.project,
                            project_key=shift.project_key,
                            shift=shift,
                            worked_on=timezone.localdate(shift.starts_at),
                            # Shift.hours is the related manager of its hours.
                            hours=Decimal(
                                (shift.ends_at - shift.starts_at).seconds // 3600
                            ),
                            source=HoursEntry.Source.SHIFT,
                            status=HoursEntry.Status.APPROVED,
                            submitted_at=shift.ends_at,
                            decided_at=shift.ends_at,
                        )
                    )
        for volunteer in rng.sample(active, len(active) // 4):
            project = rng.choice(projects)
            worked_on = timezone.localdate() - datetime.timedelta(
                days=rng.randint(1, 120)
            )
            pending = rng.random() < 0.4
            hours.append(
                HoursEntry(
                    volunteer=volunteer,
                    project=project,
                    project_key=project.translation_key,
                    worked_on=worked_on,
                    hours=Decimal(rng.choice(["1.5", "2", "3", "4"])),
                    description="Helped a family with their forms.",
                    source=HoursEntry.Source.CLAIM,
                    status=HoursEntry.Status.PENDING
                    if pending
                    else HoursEntry.Status.APPROVED,
                    decided_at=None if pending else now,
                )
            )
        SignUp.objects.bulk_create(sign_ups, batch_size=BATCH)
        HoursEntry.objects.bulk_create(hours, batch_size=BATCH)

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
                        "value": "<p>"
                        + "Migration is part of development. " * 40
                        + "</p>",
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
        done = [_lessons_done(len(lesson_keys), rng) for _ in users]
        enrolments = Enrolment.objects.bulk_create(
            (
                Enrolment(
                    user=user,
                    course_key=course.translation_key,
                    enrolled_at=_when(0, len(lesson_keys)),
                    last_activity_at=_when(count - 1, len(lesson_keys))
                    if count
                    else None,
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

    def _quiz_attempts(self, enrolments, done, quiz_keys, rng) -> None:
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

    def _past_classes(self, course, enrolments, done, rng) -> None:
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


def module_number(lesson_index: int) -> int:
    return lesson_index // LESSONS_PER_MODULE + 1


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

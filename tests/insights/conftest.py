"""A cohort with a tagged curriculum, its trainers and learners, for the insights pages.

``cohort_school`` is small and built with factories; ``add_learners`` adds any number
of learners with activity in bulk (a few statements however many), so query-count
tests can compare 10 learners with thousands.
"""

import datetime
import random
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lms_cohorts.models import Application
from lms_courses.models import Enrolment, LessonCompletion
from lms_live.models import Attendance, LiveSession
from lms_quizzes.models import Answer, Attempt, QuizResult
from lms_quizzes.tagging import index_question_tags
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.factories import (
    LessonPageFactory,
    QuizPageFactory,
    UserFactory,
    admin_in_english,
    tag,
    true_false_question,
)


@pytest.fixture
def cohort_school(school):
    """The ``school`` course in a running cohort (started 90 days ago, ends in 90),
    with a quiz in each module, one past live session, a trainer who teaches it, one
    who doesn't, a coordinator, and two learners: Aysel (active) and Murad (idle).

    Quiz questions: module 1's quiz tests GCM 11 (from the quiz's tags) and one
    question tests GCM 4 on its own; module 2's quiz tests GCM 4.
    """
    first, second = school["modules"]
    quiz_one = tag(
        QuizPageFactory(
            parent=first,
            title="Borders quiz",
            questions=[
                true_false_question("b-1", "Borders can be managed together.", True),
                true_false_question("b-2", "A single window needs no law.", False),
                _tagged(true_false_question("b-3", "Identity is a right.", True), "4"),
            ],
        ),
        gcm=[11],
    )
    quiz_two = tag(
        QuizPageFactory(
            parent=second,
            title="Identity quiz",
            questions=[
                true_false_question("i-1", "Everyone needs proof of identity.", True),
                true_false_question("i-2", "Birth registration is optional.", False),
            ],
        ),
        gcm=[4],
    )
    for quiz in (quiz_one, quiz_two):
        index_question_tags(quiz)
    # A lesson added to the second module so each module has more than one step.
    extra_lesson = LessonPageFactory(parent=second, title="Consular documents")

    today = timezone.localdate()
    cohort = CohortFactory(
        number=4,
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today + datetime.timedelta(days=90),
        applications_open_at=timezone.now() - datetime.timedelta(days=150),
        applications_close_at=timezone.now() - datetime.timedelta(days=100),
        courses=[school["course"]],
    )
    other_cohort = CohortFactory(number=3, courses=[school["course"]])
    teacher = UserFactory(email="teacher@school.example", groups=["Trainers"])
    outsider = UserFactory(email="outsider@school.example", groups=["Trainers"])
    coordinator = UserFactory(email="coord@school.example", groups=["Coordinators"])
    cohort.trainers.add(teacher)
    other_cohort.trainers.add(outsider)
    # Trainers are a ParentalManyToManyField: written to the database on save.
    cohort.save()
    other_cohort.save()
    admin_in_english(teacher, outsider, coordinator)

    session = LiveSession.objects.create(
        title="Borders in practice",
        cohort=cohort,
        module=first,
        starts_at=timezone.now() - datetime.timedelta(days=7, hours=2),
        ends_at=timezone.now() - datetime.timedelta(days=7),
    )
    session.gcm_objectives.add(*first.gcm_objectives.all())
    session.save()  # a ParentalManyToManyField reaches the database on save

    aysel = _learner(cohort, "aysel@school.example", "Aysel", school["course"])
    murad = _learner(cohort, "murad@school.example", "Murad", school["course"])
    aysel_enrolment = Enrolment.objects.get(user=aysel)
    aysel_enrolment.last_activity_at = timezone.now() - datetime.timedelta(days=1)
    aysel_enrolment.save()
    murad_enrolment = Enrolment.objects.get(user=murad)
    murad_enrolment.last_activity_at = timezone.now() - datetime.timedelta(days=40)
    murad_enrolment.save()
    for lesson in school["lessons"][:2]:
        LessonCompletion.objects.create(
            enrolment=aysel_enrolment, lesson_key=lesson.translation_key
        )
    # Aysel: all right on the borders quiz; Murad: one right of three.
    grade(aysel, quiz_one, {"b-1": 1, "b-2": 1, "b-3": 1})
    grade(murad, quiz_one, {"b-1": 1, "b-2": 0, "b-3": 0})
    Attendance.objects.create(
        session=session, user=aysel, online_seconds=2 * 3600, first_joined_at=None
    )
    return {
        **school,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "quizzes": [quiz_one, quiz_two],
        "extra_lesson": extra_lesson,
        "session": session,
        "teacher": teacher,
        "outsider": outsider,
        "coordinator": coordinator,
        "aysel": aysel,
        "murad": murad,
    }


def grade(user, quiz, fractions: dict[str, int | float], number: int = 1) -> Attempt:
    """A graded attempt of ``user`` on ``quiz``: {question id: fraction earned}, each
    question worth 1 point; its QuizResult follows."""
    total = Decimal(len(fractions))
    earned = sum(Decimal(str(f)) for f in fractions.values())
    percent = (100 * earned / total).quantize(Decimal("0.01"))
    attempt = Attempt.objects.create(
        user=user,
        quiz_key=quiz.translation_key,
        number=number,
        status=Attempt.Status.GRADED,
        submitted_at=timezone.now(),
        score=earned,
        max_score=total,
        percent=percent,
        passed=percent >= quiz.pass_mark,
    )
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            question_id=qid,
            response=True,
            fraction=Decimal(str(f)),
            points=Decimal(str(f)),
        )
        for qid, f in fractions.items()
    )
    QuizResult.objects.update_or_create(
        user=user,
        quiz_key=quiz.translation_key,
        defaults={"percent": percent, "passed": attempt.passed, "attempts": number},
    )
    return attempt


def add_learners(world: dict, count: int, seed: int = 14) -> None:
    """``count`` more accepted learners of the cohort, each with ticks, a graded
    attempt of the first quiz with answers, and attendance: in bulk."""
    rng = random.Random(seed)
    cohort, course = world["cohort"], world["course"]
    lessons = [lesson.translation_key for lesson in world["lessons"]]
    quiz = world["quizzes"][0]
    question_ids = [q.id for q in quiz.questions]
    start = get_user_model().objects.count()
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            email=f"bulk{start + i}@school.example",
            first_name="Bulk",
            last_name=f"Learner {start + i}",
            password="!",
        )
        for i in range(count)
    )
    users = list(get_user_model().objects.filter(email__in=[u.email for u in users]))
    Application.objects.bulk_create(
        ApplicationFactory.build(
            cohort=cohort, applicant=user, status=Application.Status.ACCEPTED
        )
        for user in users
    )
    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            course_key=course.translation_key,
            source=Enrolment.Source.COHORT,
            last_activity_at=now - datetime.timedelta(days=rng.randint(0, 60)),
        )
        for user in users
    )
    enrolments = Enrolment.objects.filter(user__in=users)
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson_key=key)
        for enrolment in enrolments
        for key in lessons[: rng.randint(0, len(lessons))]
    )
    Attempt.objects.bulk_create(
        Attempt(
            user=user,
            quiz_key=quiz.translation_key,
            number=1,
            status=Attempt.Status.GRADED,
            submitted_at=now,
            score=Decimal(2),
            max_score=Decimal(3),
            percent=Decimal("66.67"),
            passed=True,
        )
        for user in users
    )
    attempts = Attempt.objects.filter(user__in=users, quiz_key=quiz.translation_key)
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            question_id=qid,
            response=True,
            fraction=Decimal(f),
            points=Decimal(f),
        )
        for attempt in attempts
        for qid in question_ids
        for f in [rng.choice([0, 1])]
    )
    QuizResult.objects.bulk_create(
        QuizResult(
            user=user,
            quiz_key=quiz.translation_key,
            percent=Decimal("66.67"),
            passed=True,
            attempts=1,
        )
        for user in users
    )
    Attendance.objects.bulk_create(
        Attendance(
            session=world["session"],
            user=user,
            online_seconds=rng.choice([0, 3600, 7200]),
        )
        for user in users
    )


def _learner(cohort, email, first_name, course):
    from tests.conftest import enrol

    user = UserFactory(email=email, first_name=first_name, groups=["Students"])
    ApplicationFactory(
        cohort=cohort, applicant=user, status=Application.Status.ACCEPTED
    )
    enrol(user, course)
    return user


def _tagged(question: dict, *objectives: str) -> dict:
    question["value"]["gcm_objectives"] = list(objectives)
    return question

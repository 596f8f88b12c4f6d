"""The demo's Schools: the 3rd (nearly over, with six months of learning) and the
4th (its call open), their classes and certificates."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from demo import activity
from demo import content as demo
from demo.pages import demo_course
from lms_certificates.issuing import issue_due
from lms_certificates.models import CertificateRule
from lms_cohorts.models import Application, Cohort, CohortCourse, StatusChange
from lms_courses.conf import students_group_name
from lms_courses.models import (
    CoursePage,
    GCMObjective,
    LessonPage,
    ModulePage,
    SDGTarget,
)
from lms_live.models import AgendaItem, LiveSession
from lms_quizzes.models import QuizPage

VIDEO_URL = "https://meet.jit.si/migration-school-demo"


def create_cohorts(accounts: dict) -> None:
    """The 3rd School (the demo student's, nearly over) and the 4th, whose call is
    open."""
    if Cohort.objects.exists():
        return
    course = demo_course()
    now = timezone.now()
    today = timezone.localdate()
    for spec in demo.COHORTS:
        opens = now + datetime.timedelta(days=spec["opens_in_days"])
        starts = today + datetime.timedelta(days=spec["starts_in_days"])
        cohort = Cohort(
            number=spec["number"],
            name_az=spec["name"].az,
            name_en=spec["name"].en,
            name_ru=spec["name"].ru,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=180),
            format=spec["format"],
            places=spec["places"],
            applications_open_at=opens,
            applications_close_at=opens + datetime.timedelta(days=40),
        )
        cohort.save()
        # A ParentalManyToManyField is written when the cohort is saved (again).
        cohort.trainers.add(accounts["trainer"])
        cohort.save()
        CohortCourse.objects.create(cohort=cohort, course=course)
    third, fourth = Cohort.objects.order_by("number")
    Application.objects.create(
        cohort=third,
        applicant=accounts["student"],
        status=Application.Status.ACCEPTED,
        submitted_at=third.applications_open_at + datetime.timedelta(days=3),
        **demo.APPLICATION,
    )
    User = get_user_model()
    for email, first, last, field in demo.APPLICANTS:
        applicant, _created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        application = Application.objects.create(
            cohort=fourth,
            applicant=applicant,
            status=Application.Status.SUBMITTED,
            submitted_at=now - datetime.timedelta(days=2),
            **{**demo.APPLICATION, "field_of_study": field},
        )
        StatusChange.objects.create(
            application=application,
            changed_by=applicant,
            from_status=Application.Status.DRAFT,
            to_status=Application.Status.SUBMITTED,
        )


def create_live_session(accounts: dict) -> None:
    """A hybrid class of the demo course tomorrow at 10:00, with its agenda."""
    if LiveSession.objects.exists():
        return
    course = demo_course()
    starts = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time(10)
        )
    )
    session = LiveSession(
        title=demo.LIVE_SESSION["title"].az,
        title_en=demo.LIVE_SESSION["title"].en,
        title_ru=demo.LIVE_SESSION["title"].ru,
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
        mode=LiveSession.Mode.HYBRID,
        room=demo.LIVE_SESSION["room"],
        video_url=VIDEO_URL,
    )
    session.save()
    session.trainers.add(accounts["trainer"])
    lessons = (
        LessonPage.objects.live().descendant_of(course).filter(locale=course.locale)
    )
    for order, (title, lesson) in enumerate(
        zip(demo.LIVE_SESSION["agenda"], lessons, strict=False)
    ):
        AgendaItem.objects.create(
            session=session, sort_order=order, title=title, material=lesson
        )


def create_certificates() -> None:
    """Rules for both Schools, and an early finisher of the 3rd with her
    certificate."""
    if CertificateRule.objects.exists():
        return
    third, fourth = Cohort.objects.order_by("number")
    rule = CertificateRule.objects.create(
        cohort=third, min_attendance_percent=0, signatories=demo.SIGNATORIES
    )
    CertificateRule.objects.create(cohort=fourth, signatories=demo.SIGNATORIES)
    email, first, last = demo.GRADUATE
    graduate, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:  # signs in to walk from graduate to volunteer
        graduate.set_password(demo.GRADUATE_PASSWORD)
        graduate.save(update_fields=["password"])
    Application.objects.create(
        cohort=third,
        applicant=graduate,
        status=Application.Status.ACCEPTED,
        submitted_at=third.applications_open_at + datetime.timedelta(days=5),
        **demo.APPLICATION,
    )
    course = demo_course()
    start = activity.day_zero(third)
    learning = activity.plan_learning(
        activity.FINISHER,
        programme(course, third),
        start,
        activity.last_day(third),
        graduate.pk,
        random.Random(activity.SEED),
    )
    activity.write_learning(
        {graduate.pk: learning},
        course.translation_key,
        enrolled_at=start - datetime.timedelta(days=3),
    )
    issue_due(rule, get_user_model().objects.filter(pk=graduate.pk))


def create_cohort_activity(accounts: dict) -> None:
    """The 3rd School's learners, with six months of lessons, quiz attempts and
    classes: the data the insights reports are read from."""
    User = get_user_model()
    if User.objects.filter(email=learner_email(1)).exists():
        return
    third = Cohort.objects.get(number=3)
    rng = random.Random(activity.SEED)
    learners = admit_learners(third, rng)
    final_day = activity.last_day(third)
    if final_day < 0:  # the School has not started: nothing done yet
        return
    course = demo_course()
    start = activity.day_zero(third)
    steps = programme(course, third)
    profiles = dict(
        zip(
            [user.pk for user in learners],
            activity.profiles(len(learners), rng),
            strict=True,
        )
    )
    activity.write_learning(
        {
            user_id: activity.plan_learning(
                profile, steps, start, final_day, user_id, rng
            )
            for user_id, profile in profiles.items()
        },
        course.translation_key,
        enrolled_at=start - datetime.timedelta(days=3),
    )
    sessions = activity.hold_classes(
        third,
        demo.PAST_SESSIONS,
        modules={m.slug: m for m in ModulePage.objects.child_of(course)},
        objectives={o.number: o for o in GCMObjective.objects.all()},
        targets={t.code: t for t in SDGTarget.objects.all()},
        trainer=accounts["trainer"],
        final_day=final_day,
        room=demo.LIVE_SESSION["room"],
        video_url=VIDEO_URL,
    )
    graduate = User.objects.filter(email=demo.GRADUATE[0]).first()
    if graduate is not None:
        profiles[graduate.pk] = activity.FINISHER
    activity.write_attendance(sessions, profiles, third, rng)


def admit_learners(cohort: Cohort, rng: random.Random) -> list:
    """The cohort's accepted learners and the applicants it did not select, all
    without a password: they never log in. Returns the accepted learners."""
    User = get_user_model()
    people = [
        (learner_email(n), first, last, field, Application.Status.ACCEPTED)
        for n, (first, last, field) in enumerate(demo.LEARNERS, start=1)
    ] + [
        (
            f"applicant{n:02d}@school.example",
            first,
            last,
            field,
            Application.Status.REJECTED,
        )
        for n, (first, last, field) in enumerate(demo.NOT_SELECTED, start=1)
    ]
    users = []
    for email, first, last, *_rest in people:
        user = User(email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        users.append(user)
    users = User.objects.bulk_create(users)
    students = Group.objects.get(name=students_group_name())
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=students.pk) for user in users
    )
    window = cohort.applications_close_at - cohort.applications_open_at
    applications = []
    for user, (_email, _first, _last, field, status) in zip(users, people, strict=True):
        submitted = cohort.applications_open_at + window * rng.uniform(0.05, 0.95)
        applications.append(
            Application(
                cohort=cohort,
                applicant=user,
                status=status,
                created_at=submitted - datetime.timedelta(hours=rng.randint(1, 72)),
                submitted_at=submitted,
                **{**demo.APPLICATION, "field_of_study": field},
            )
        )
    Application.objects.bulk_create(applications)
    return [
        user
        for user, person in zip(users, people, strict=True)
        if person[4] == Application.Status.ACCEPTED
    ]


def programme(course: CoursePage, cohort: Cohort) -> list[activity.Step]:
    """The course's steps, on the cohort's days (the same for every learner)."""
    modules = []
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        lessons = LessonPage.objects.child_of(module).live().order_by("path")
        quizzes = QuizPage.objects.child_of(module).live().order_by("path")
        modules.append(([lesson.translation_key for lesson in lessons], list(quizzes)))
    length = (cohort.ends_on - cohort.starts_on).days
    return activity.schedule(modules, length, random.Random(activity.SEED))


def learner_email(number: int) -> str:
    return f"learner{number:02d}@school.example"

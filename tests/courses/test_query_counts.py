"""Hot pages read a constant number of SQL queries, whatever the size of the School."""

import pytest
from django.contrib.auth import get_user_model

from lms_courses.models import Enrolment, LessonCompletion
from tests.conftest import count_queries, enrol
from tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def build_course(catalogue, lessons: int, per_module: int = 10):
    course = CoursePageFactory(parent=catalogue)
    made = []
    while len(made) < lessons:
        module = ModulePageFactory(parent=course)
        for _ in range(min(per_module, lessons - len(made))):
            made.append(LessonPageFactory(parent=module))
    return course, made


def add_learners(course, lessons, count: int):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"crowd{n}-{course.pk}@school.example", password="!")
        for n in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, course_key=course.translation_key) for user in users
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson_key=lesson.translation_key)
        for n, enrolment in enumerate(enrolments)
        for lesson in lessons[: n % 5]
    )


def queries_for(client, school, lessons: int, learners: int):
    course, made = build_course(school["catalogue"], lessons)
    add_learners(course, made, learners)
    student = UserFactory()
    enrol(student, course)
    client.force_login(student)
    client.post(f"/az/learning/lessons/{made[0].pk}/complete/")
    middle = made[len(made) // 2]
    return (
        count_queries(client, middle.url),
        count_queries(client, course.url),
    )


def test_lesson_and_course_pages_do_not_grow_with_lessons_or_learners(client, school):
    small_lesson, small_course = queries_for(client, school, lessons=10, learners=10)
    large_lesson, large_course = queries_for(
        client, school, lessons=200, learners=10_000
    )
    assert small_lesson == large_lesson
    assert small_course == large_course
    # The route, the page, the site, languages, tags and restrictions are kept until
    # something is published; the session is in the cache. What remains: the user,
    # the enrolment and its ticks, and the course's quiz results for its outline.
    assert large_lesson <= 2
    assert large_course <= 3


def test_a_visitor_gets_kept_pages_with_no_query_at_any_size(client, school):
    for lessons, learners in ((10, 10), (200, 10_000)):
        course, made = build_course(school["catalogue"], lessons)
        add_learners(course, made, learners)
        for url in ["/az/", school["catalogue"].url, course.url, made[-1].url]:
            assert count_queries(client, url) <= 3


def test_the_dashboard_does_not_grow_with_courses(client, school):
    student = UserFactory()
    client.force_login(student)
    course, lessons = build_course(school["catalogue"], 5)
    enrol(student, course)
    one = count_queries(client, "/az/dashboard/")
    for _ in range(9):
        course, lessons = build_course(school["catalogue"], 12)
        enrol(student, course)
        client.post(f"/az/learning/lessons/{lessons[0].pk}/complete/")
    ten = count_queries(client, "/az/dashboard/")
    # The volunteering panel reads the union's and certificates' tables in one query;
    # the certificates panel reads the courses that lead to none in two (any number).
    assert one == ten <= 4


def test_a_cohort_students_pages_stay_within_eight_queries(client, school):
    """The demo's student: an accepted application, a certificate rule over the
    cohort's courses (attendance counted), an upcoming live class and a passed quiz.
    Every panel shares one read of the learner's enrolments, ticks and quiz results;
    what the rule asks is kept with the pages."""
    import datetime

    from django.utils import timezone

    from lms_certificates.models import CertificateRule
    from lms_live.models import LiveSession
    from lms_quizzes.models import QuizResult
    from tests.cohorts.factories import ApplicationFactory, CohortFactory
    from tests.factories import QuizPageFactory

    student = UserFactory()
    client.force_login(student)
    counts = []
    for lessons in (5, 60):
        course, made = build_course(school["catalogue"], lessons)
        quiz = QuizPageFactory(parent=made[0].get_parent())
        cohort = CohortFactory(courses=[course])
        ApplicationFactory(cohort=cohort, applicant=student, status="accepted")
        enrol(student, course)
        CertificateRule.objects.create(cohort=cohort, min_attendance_percent=50)
        start = timezone.now() + datetime.timedelta(days=2)
        LiveSession.objects.create(
            title="Borders",
            cohort=cohort,
            course=course,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
        QuizResult.objects.create(
            user=student,
            quiz_key=quiz.translation_key,
            percent=90,
            passed=True,
            attempts=1,
        )
        client.post(f"/az/learning/lessons/{made[0].pk}/complete/")
        counts.append(
            [
                count_queries(client, course.url),
                count_queries(client, made[-1].url),
                count_queries(client, "/az/dashboard/"),
            ]
        )
        page = client.get(course.url).content.decode()
        assert "Borders" in page  # the live class's panel
        assert 'id="course-certificate-heading"' in page
    assert counts[0] == counts[1]
    course_page, lesson, dashboard = counts[1]
    assert course_page <= 5 and lesson <= 2 and dashboard <= 6, counts

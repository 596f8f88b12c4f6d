"""Run inside the host site made by `wagtail start` (tests/plugin/test_wheel.py):
build a course, the union's pages, a desk and a cohort through the apps' own APIs
(the repository's factories are not on this site's path), render their pages for the
people who use them, and open a live classroom. The host's own `courses` app (not ours,
which is `lms_courses`) stores a row beside them."""

import asyncio
import datetime
import json

import django

django.setup()

import courses  # noqa: E402
from channels.testing import WebsocketCommunicator  # noqa: E402
from courses.models import Course  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import formats, timezone, translation  # noqa: E402
from mysite.asgi import application  # noqa: E402
from wagtail.models import Site  # noqa: E402

import lms_courses  # noqa: E402
import lms_courses.personal_data  # noqa: E402
import lms_quizzes.personal_data  # noqa: E402
from lms_assistance import drives  # noqa: E402
from lms_assistance.models import (  # noqa: E402
    AssistanceRequest,
    Desk,
    HelpKind,
    Language,
    LegalBasis,
)
from lms_cohorts.models import Cohort, CohortCourse  # noqa: E402
from lms_courses import conf as courses_conf  # noqa: E402
from lms_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage  # noqa: E402
from lms_courses.progress import enrol  # noqa: E402
from lms_live.models import LiveSession  # noqa: E402
from lms_quizzes.importing import choice_question  # noqa: E402
from lms_quizzes.models import QuizPage  # noqa: E402
from lms_volunteers.models import (  # noqa: E402
    DepartmentPage,
    ProjectPage,
    Shift,
    Volunteer,
    VolunteersIndexPage,
)
from lms_volunteers.shifts import sign_up  # noqa: E402

PASSWORD = "a long passphrase 42"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def person(username: str, *groups: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def seen(client: Client, url: str, shown: str, data: dict | None = None) -> dict:
    """What a visitor gets at ``url`` (a POST of ``data`` when given): the status,
    whether ``shown`` is on the page, and whether the page sits in the host's layout
    (its stylesheet, from the `wagtail start` base template)."""
    response = client.post(url, data) if data else client.get(url)
    body = response.content.decode()
    return {
        "status": response.status_code,
        "title_shown": shown in body,
        "inside_host_layout": "css/mysite.css" in body,
    }


def seen_in_admin(client: Client, url: str, shown: str) -> dict:
    response = client.get(url)
    return {"status": response.status_code, "shown": shown in response.content.decode()}


home = Site.objects.get(is_default_site=True).root_page
tomorrow_at_ten = (timezone.now() + datetime.timedelta(days=1)).replace(
    hour=10, minute=0, second=0, microsecond=0
)
pages = {}

# Learning: a course with a lesson and a quiz, for an enrolled student.
catalogue = publish(home, CourseIndexPage(title="Courses", slug="courses"))
course = publish(catalogue, CoursePage(title="Migration basics", slug="basics"))
module = publish(course, ModulePage(title="The Global Compact", slug="gcm"))
lesson = publish(
    module,
    LessonPage(
        title="What the Compact is",
        slug="what",
        body=[{"type": "paragraph_block", "value": "<p>Safe, orderly, regular.</p>"}],
    ),
)
quiz = publish(
    module,
    QuizPage(
        title="Check yourself",
        slug="check",
        questions=[
            choice_question(
                "q1", "How many objectives has the Global Compact?", ["23", "17"], [0]
            )
        ],
    ),
)
student = person("leyla")
enrol(student, course)
client = logged_in(student)
for page in (catalogue, course, lesson, quiz):
    pages[page.title] = seen(client, page.url, page.title)
dashboard = client.get("/dashboard/")
# The host's user model has no preferred_language: a learner's copy still works.
personal_data = {
    "enrolments": len(lms_courses.personal_data.records_of(student)["enrolments"]),
    "quizzes": sorted(lms_quizzes.personal_data.records_of(student)),
}

# The union: its pages, and a volunteer with a place on a shift of its project.
union = publish(
    home, VolunteersIndexPage(title="Migration Volunteers", slug="volunteers")
)
department = publish(union, DepartmentPage(title="Legal help", slug="legal"))
project = publish(
    department,
    ProjectPage(
        title="Forms without fear",
        slug="forms",
        goal="Migrants fill in their residence forms without a fixer.",
        starts_on=timezone.localdate(),
    ),
)
volunteer = Volunteer.objects.create(
    user=person("aysel"),
    status=Volunteer.Status.ACTIVE,
    languages="Azerbaijani, Russian",
    availability="Weekends",
    motivation="To help migrants.",
)
shift = Shift.objects.create(
    project=project,
    title="Forms clinic",
    place="Service centre, 12 Nizami street",
    starts_at=tomorrow_at_ten,
    ends_at=tomorrow_at_ten + datetime.timedelta(hours=2),
    capacity=3,
)
sign_up(volunteer, shift)
client = logged_in(volunteer.user)
for page in (union, department, project):
    pages[page.title] = seen(client, page.url, page.title)
pages["My volunteering"] = seen(client, "/volunteers/me/", "My volunteering")
pages["My shifts"] = seen(client, "/volunteers/me/shifts/", shift.title)
pages["Become a volunteer"] = seen(
    logged_in(student), "/volunteers/apply/", "Become a volunteer"
)

# The desk: its staff's queue and intake, and a drive that migrants book, logged out.
desk_staff = person("samir")
desk = Desk.objects.create(name="Nizami street desk", place="12 Nizami street")
desk.staff.add(desk_staff)
recorded = AssistanceRequest.objects.create(
    desk=desk,
    kind=HelpKind.FORMS,
    service="Temporary residence permit",
    preferred_language=Language.RU,
    needs="Help filling in the application for a temporary residence permit.",
    given_name="Zahra",
    legal_basis=LegalBasis.CONSENT,
    consent_given=True,
    consent_scope="Desk staff and the volunteer assigned, for this application.",
    consent_recorded_by=desk_staff,
    consent_at=timezone.now(),
    taken_by=desk_staff,
)
client = logged_in(desk_staff)
pages["The desk's requests"] = seen(client, "/desk/", recorded.reference)
pages["A request"] = seen(client, f"/desk/r/{recorded.reference}/", "Zahra")
pages["Record a request"] = seen(client, "/desk/new/", "Record a request")
drive = drives.open_drive(
    desk,
    title="Medical university students",
    place="Medical university, hall 2",
    project=project,
    kind=HelpKind.FORMS,
)
[slot, *_later] = drives.add_slots(
    drive, first_starts_at=tomorrow_at_ten, count=2, minutes=30, places=4
)
migrant = Client()
pages["A drive's booking page"] = seen(
    migrant, f"/desk/book/{drive.token}/", drive.title
)
pages["A booking made"] = seen(
    migrant,
    f"/desk/book/{drive.token}/",
    "You are booked",
    {"slot": slot.pk, "name": "Zahra", "phone": "", "language": Language.RU},
)
desk_denied = logged_in(student).get("/desk/").status_code

# Insights: a cohort of the course, seen by its trainer and by a coordinator.
today = timezone.localdate()
cohort = Cohort.objects.create(
    number=4,
    name_az="4-cü Miqrasiya Məktəbi",
    name_en="4th Migration School",
    name_ru="4-я Школа миграции",
    starts_on=today - datetime.timedelta(days=30),
    ends_on=today + datetime.timedelta(days=150),
    places=20,
    applications_open_at=timezone.now() - datetime.timedelta(days=90),
    applications_close_at=timezone.now() - datetime.timedelta(days=60),
)
CohortCourse.objects.create(cohort=cohort, course=course, sort_order=0)
trainer = person("trainer", courses_conf.trainers_group_name())
cohort.trainers.add(trainer)
cohort.save()  # trainers are a ParentalManyToManyField: saved with the cohort
enrol(person("murad"), course)
coordinator = person("coordinator", courses_conf.coordinators_group_name())
insights = {
    "trainer's cohorts": seen_in_admin(
        logged_in(trainer), "/admin/insights/", cohort.name_en
    ),
    "trainer's cohort overview": seen_in_admin(
        logged_in(trainer), f"/admin/insights/{cohort.pk}/", cohort.name_en
    ),
    "coordinator's cohort overview": seen_in_admin(
        logged_in(coordinator), f"/admin/insights/{cohort.pk}/", cohort.name_en
    ),
}

starts = timezone.now() - datetime.timedelta(minutes=5)
session = LiveSession.objects.create(
    title="Labour migration",
    course=course,
    starts_at=starts,
    ends_at=starts + datetime.timedelta(hours=1),
)
classroom_client = logged_in(student)


async def join() -> dict:
    cookie = f"sessionid={classroom_client.cookies['sessionid'].value}"
    communicator = WebsocketCommunicator(
        application,
        f"/ws/live/{session.pk}/",
        headers=[(b"cookie", cookie.encode()), (b"origin", b"http://localhost")],
    )
    connected, _ = await communicator.connect()
    first = await communicator.receive_json_from(timeout=5) if connected else {}
    await communicator.disconnect()
    return {"connected": connected, "first": first.get("type")}


# Dates in each language, from lms_toolkit's format modules and month names.
dates = {}
for language in ["az", "en", "ru"]:
    with translation.override(language):
        dates[language] = [
            formats.date_format(datetime.date(2027, 1, 21), "DATE_FORMAT"),
            formats.date_format(datetime.date(2027, 1, 21), "YEAR_MONTH_FORMAT"),
        ]

# The host's own `courses` app, beside ours.
Course.objects.create(name="Cooking for beginners")
host_courses = {
    "from": courses.__file__,
    "labels": {
        label: apps.get_app_config(label).name for label in ["courses", "lms_courses"]
    },
    "names": list(Course.objects.values_list("name", flat=True)),
}

print(
    json.dumps(
        {
            "lms_courses_from": lms_courses.__file__,
            "host_courses": host_courses,
            "pages": pages,
            "dashboard": dashboard.status_code,
            "personal_data": personal_data,
            "desk_for_a_student": desk_denied,
            "insights": insights,
            "classroom": asyncio.run(join()),
            "dates": dates,
        }
    )
)

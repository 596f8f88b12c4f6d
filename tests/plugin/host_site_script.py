"""Run inside the host site made by `wagtail start` (tests/plugin/test_wheel.py):
build a course through the page tree, render it, and open a live classroom."""

import asyncio
import datetime
import json

import django

django.setup()

from channels.testing import WebsocketCommunicator  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from mysite.asgi import application  # noqa: E402
from wagtail.models import Site  # noqa: E402

import courses  # noqa: E402
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage  # noqa: E402
from courses.progress import enrol  # noqa: E402
from live.models import LiveSession  # noqa: E402
from quizzes.importing import choice_question  # noqa: E402
from quizzes.models import QuizPage  # noqa: E402


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


home = Site.objects.get(is_default_site=True).root_page
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

student = get_user_model().objects.create_user(
    username="leyla", email="leyla@example.org", password="a long passphrase 42"
)
enrol(student, course)
client = Client()
client.force_login(student)
pages = {}
for page in (catalogue, course, lesson, quiz):
    response = client.get(page.url)
    body = response.content.decode()
    pages[page.title] = {
        "status": response.status_code,
        "title_shown": page.title in body,
        "inside_host_layout": "css/mysite.css" in body,
    }
dashboard = client.get("/dashboard/")

starts = timezone.now() - datetime.timedelta(minutes=5)
session = LiveSession.objects.create(
    title="Labour migration",
    course=course,
    starts_at=starts,
    ends_at=starts + datetime.timedelta(hours=1),
)


async def join() -> dict:
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    communicator = WebsocketCommunicator(
        application,
        f"/ws/live/{session.pk}/",
        headers=[(b"cookie", cookie.encode()), (b"origin", b"http://localhost")],
    )
    connected, _ = await communicator.connect()
    first = await communicator.receive_json_from(timeout=5) if connected else {}
    await communicator.disconnect()
    return {"connected": connected, "first": first.get("type")}


print(
    json.dumps(
        {
            "courses_from": courses.__file__,
            "pages": pages,
            "dashboard": dashboard.status_code,
            "classroom": asyncio.run(join()),
        }
    )
)

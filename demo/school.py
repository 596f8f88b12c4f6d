"""The demo School, built through the page tree: home, catalogue, a GCM course,
accounts, and everything ``load`` adds around them.

Safe to run again: content that exists is left alone, so `make run` stays idempotent.
"""

import datetime
import io
import math
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from demo import activity, cohorts, desk, volunteers
from demo import content as demo
from demo.pages import (
    SOURCE_LANGUAGE,
    demo_course,
    publish,
    quiz_page,
    rich_text,
    stream,
    tagged,
    text,
    translate,
)
from home.models import HomePage
from lms_assistance.models import Drive
from lms_certificates.models import Certificate
from lms_courses.models import (
    CourseIndexPage,
    CoursePage,
    GCMObjective,
    LessonPage,
    ModulePage,
)
from lms_courses.progress import enrol, mark_complete
from lms_courses.roles import ensure_roles
from lms_quizzes.models import QuizPage


def load(stderr) -> bool:
    """Load the demo, in one transaction; what is there already is kept.

    Returns False when the School's pages were there already. Strings left
    untranslated are reported on ``stderr``.
    """
    with transaction.atomic():
        ensure_roles()
        accounts = create_accounts()
        created = not CoursePage.objects.filter(slug=demo.COURSE["slug"]).exists()
        if created:
            create_pages(owner=accounts["trainer"])
            translate_pages(accounts["trainer"], stderr)
            start_learning(accounts["student"])
        volunteers.load(accounts, stderr)
        desk.load(accounts)
        cohorts.create_cohorts(accounts)
        cohorts.create_live_session(accounts)
        cohorts.create_certificates()
        cohorts.create_cohort_activity(accounts)
    return created


def welcome(base_url: str) -> str:
    """Where the site is, and the demo accounts to sign in with."""
    lines = [
        "",
        f"Migration School is ready at {base_url}/",
        f"  Catalogue: {base_url}/az/courses/",
        f"  Admin:     {base_url}/admin/",
        "Demo accounts (email / password):",
    ]
    for role, email, password, *_ in demo.ACCOUNTS:
        lines.append(f"  {role:<12} {email:<28} {password}")
    lines.append(f"Assistance desk (desk staff, volunteer, dpo): {base_url}/az/desk/")
    drive = Drive.objects.filter(title=desk.DRIVE_TITLE).first()
    if drive:
        lines.append(
            f"Book a slot of the demo drive, no account: {base_url}/az/desk/book/"
            f"{drive.token}/"
        )
    certificate = Certificate.objects.filter(user__email=demo.GRADUATE[0]).first()
    if certificate:
        lines.append(
            f"A graduate ({demo.GRADUATE[0]} / {demo.GRADUATE_PASSWORD}) and "
            "her certificate: "
            f"{base_url}/az/certificates/verify/{certificate.display_code}/"
        )
    return "\n".join(lines) + "\n"


def create_accounts() -> dict:
    """One account per role (demo.ACCOUNTS), by role."""
    User = get_user_model()
    accounts = {}
    for role, email, password, first, last, groups in demo.ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": role == "admin",
                "is_superuser": role == "admin",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        accounts[role] = user
    return accounts


def create_pages(owner) -> None:
    """Home, catalogue, the course with its modules, lessons and quizzes."""
    locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    home = create_home(locale)
    catalogue = publish(
        home,
        CourseIndexPage(
            title=text(demo.CATALOGUE["title"]),
            slug=demo.CATALOGUE["slug"],
            intro=rich_text(demo.CATALOGUE["intro"]),
            locale=locale,
        ),
    )
    media = {"routes": create_image(), "gcm-summary": create_document()}
    spec = demo.COURSE
    course = publish(
        catalogue,
        tagged(
            CoursePage(
                title=text(spec["title"]),
                slug=spec["slug"],
                summary=text(spec["summary"]),
                intro=rich_text(spec["intro"]),
                image=media["routes"],
                estimated_hours=spec["estimated_hours"],
                owner=owner,
                locale=locale,
            ),
            spec,
        ),
    )
    for module_spec in demo.MODULES:
        module = publish(
            course,
            tagged(
                ModulePage(
                    title=text(module_spec["title"]),
                    slug=module_spec["slug"],
                    summary=text(module_spec["summary"]),
                    owner=owner,
                    locale=locale,
                ),
                module_spec,
            ),
        )
        for lesson_spec in module_spec["lessons"]:
            publish(
                module,
                tagged(
                    LessonPage(
                        title=text(lesson_spec["title"]),
                        slug=lesson_spec["slug"],
                        summary=text(lesson_spec["summary"]),
                        estimated_minutes=lesson_spec["minutes"],
                        body=stream(lesson_spec["body"], media),
                        owner=owner,
                        locale=locale,
                    ),
                    lesson_spec,
                ),
            )
        for quiz_spec in demo.QUIZZES:
            if quiz_spec["module"] == module_spec["slug"]:
                publish(module, tagged(quiz_page(owner, locale, quiz_spec), quiz_spec))


def translate_pages(trainer, stderr) -> None:
    """Translate the School with wagtail-localize, as a trainer would in the admin.

    English gets everything; Russian gets the home page, the catalogue, the course
    and its first module, the way a translation in progress looks.
    """
    home = HomePage.objects.get(locale__language_code=SOURCE_LANGUAGE)
    course = CoursePage.objects.get(slug=demo.COURSE["slug"], locale=home.locale)
    everything = [home, *Page.objects.descendant_of(home).order_by("path")]
    first_module = course.get_children().order_by("path").first()
    first_part = [
        home,
        home.get_children().get(),
        course,
        *Page.objects.descendant_of(first_module, inclusive=True).order_by("path"),
    ]
    for language, pages in (("en", everything), ("ru", first_part)):
        locale = Locale.objects.get(language_code=language)
        untranslated = translate(pages, locale, demo.translations(language), trainer)
        if untranslated:
            stderr.write(f"{language}: {untranslated} strings left untranslated")


def start_learning(student) -> None:
    """The demo student is enrolled, has done the first two lessons and passed the
    first quiz, with objectives to revisit."""
    course = demo_course()
    enrolment = enrol(student, course)
    for lesson in LessonPage.objects.live().descendant_of(course)[:2]:
        mark_complete(enrolment, lesson.translation_key)
    quiz = QuizPage.objects.get(slug=demo.QUIZ["slug"], locale=course.locale)
    activity.write_attempts(
        [
            activity.graded_attempt(
                quiz,
                student.pk,
                1,
                demo.STUDENT_QUIZ_OUTCOMES,
                timezone.now() - datetime.timedelta(hours=2),
                random.Random(activity.SEED),
            )
        ]
    )


def create_home(locale) -> HomePage:
    """Our home page at the root of the default site, in place of Wagtail's."""
    root = Page.get_first_root_node()
    # Wagtail's install leaves a plain "Welcome" page; our home replaces it.
    Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
    root.refresh_from_db()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        home = publish(
            root,
            HomePage(
                title=text(demo.HOME["title"]),
                slug="home",
                tagline=text(demo.HOME["tagline"]),
                intro=rich_text(demo.HOME["intro"]),
                locale=locale,
            ),
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return home


def create_image():
    """A schematic map of routes between continents: drawn, not a binary file."""
    canvas = PILImage.new("RGB", (1200, 675), "#0b3d66")
    draw = ImageDraw.Draw(canvas)
    hubs = [(180, 250), (420, 180), (600, 360), (820, 220), (1010, 420), (520, 560)]
    for x, y in hubs:
        draw.ellipse((x - 70, y - 45, x + 70, y + 45), fill="#2f6f9f")
    for (x1, y1), (x2, y2) in zip(hubs, hubs[1:] + hubs[:1], strict=True):
        for step in range(40):
            t = step / 40
            x = x1 + (x2 - x1) * t
            y = y1 + (y2 - y1) * t - math.sin(math.pi * t) * 60
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill="#f6b26b")
    for x, y in hubs:
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill="#ffffff")
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=82)
    return get_image_model().objects.create(
        title="Migration routes",
        file=ImageFile(buffer, name="migration-routes.jpg"),
        collection=Collection.get_first_root_node(),
    )


def create_document():
    """The Global Compact at a glance: a one-page PDF of its objectives."""
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((100, 100), "The Global Compact for Migration at a glance", fill="black")
    for number, objective in enumerate(GCMObjective.objects.all(), start=1):
        draw.text(
            (100, 140 + number * 40),
            f"{number}. {objective.title_en}",
            fill="black",
        )
    buffer = io.BytesIO()
    page.save(buffer, "PDF")
    return get_document_model().objects.create(
        title="The Global Compact at a glance",
        file=SimpleUploadedFile("gcm-at-a-glance.pdf", buffer.getvalue()),
        collection=Collection.get_first_root_node(),
    )

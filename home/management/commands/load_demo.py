"""Build the demo School through the page tree: home, catalogue, a GCM course, accounts.

Safe to run again: content that exists is left alone, so `make run` stays idempotent.
"""

import datetime
import io
import math
import random
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from assistance.models import Drive
from certificates.issuing import issue_due
from certificates.models import Certificate, CertificateRule
from cohorts.models import Application, Cohort, CohortCourse, StatusChange
from courses.conf import students_group_name
from courses.models import (
    SDG,
    CourseIndexPage,
    CoursePage,
    GCMObjective,
    LessonPage,
    ModulePage,
    SDGTarget,
)
from courses.progress import enrol, mark_complete
from courses.roles import ensure_roles
from home import demo_activity, demo_desk, demo_volunteers
from home import demo_content as demo
from home.models import HomePage
from live.models import AgendaItem, LiveSession
from quizzes.models import QuizPage

SOURCE_LANGUAGE = "az"
VIDEO_URL = "https://meet.jit.si/migration-school-demo"


class Command(BaseCommand):
    help = "Load the demo Migration School (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the site will be served, for the welcome message.",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_roles()
            accounts = self.create_accounts()
            if CoursePage.objects.filter(slug=demo.COURSE["slug"]).exists():
                self.stdout.write("Demo content is already loaded.")
            else:
                self.create_pages(owner=accounts["trainer"])
                self.translate_pages(accounts["trainer"])
                self.start_learning(accounts["student"])
                self.stdout.write(self.style.SUCCESS("Demo content loaded."))
            demo_volunteers.load(accounts, self.stderr)
            demo_desk.load(accounts)
            self.create_cohorts(accounts)
            self.create_live_session(accounts)
            self.create_certificates()
            self.create_cohort_activity(accounts)
        self.print_welcome(options["base_url"].rstrip("/"))

    # Accounts ---------------------------------------------------------------

    def create_accounts(self) -> dict:
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

    # Cohorts ----------------------------------------------------------------

    def create_cohorts(self, accounts) -> None:
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
            CohortCourse.objects.create(cohort=cohort, course=course)
            cohort.trainers.add(accounts["trainer"])
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

    def create_live_session(self, accounts) -> None:
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
            title=demo.LIVE_SESSION["title"],
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

    def create_certificates(self) -> None:
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
        start = demo_activity.day_zero(third)
        learning = demo_activity.plan_learning(
            demo_activity.FINISHER,
            programme(course, third),
            start,
            demo_activity.last_day(third),
            graduate.pk,
            random.Random(demo_activity.SEED),
        )
        demo_activity.write_learning(
            {graduate.pk: learning},
            course.translation_key,
            enrolled_at=start - datetime.timedelta(days=3),
        )
        issue_due(rule, get_user_model().objects.filter(pk=graduate.pk))

    def create_cohort_activity(self, accounts) -> None:
        """The 3rd School's learners, with six months of lessons, quiz attempts and
        classes: the data the insights reports are read from."""
        User = get_user_model()
        if User.objects.filter(email=learner_email(1)).exists():
            return
        third = Cohort.objects.get(number=3)
        rng = random.Random(demo_activity.SEED)
        learners = self.admit_learners(third, rng)
        final_day = demo_activity.last_day(third)
        if final_day < 0:  # the School has not started: nothing done yet
            return
        course = demo_course()
        start = demo_activity.day_zero(third)
        steps = programme(course, third)
        profiles = dict(
            zip(
                [user.pk for user in learners],
                demo_activity.profiles(len(learners), rng),
                strict=True,
            )
        )
        demo_activity.write_learning(
            {
                user_id: demo_activity.plan_learning(
                    profile, steps, start, final_day, user_id, rng
                )
                for user_id, profile in profiles.items()
            },
            course.translation_key,
            enrolled_at=start - datetime.timedelta(days=3),
        )
        sessions = demo_activity.hold_classes(
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
            profiles[graduate.pk] = demo_activity.FINISHER
        demo_activity.write_attendance(sessions, profiles, third, rng)

    def admit_learners(self, cohort, rng: random.Random) -> list:
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
        for user, (_email, _first, _last, field, status) in zip(
            users, people, strict=True
        ):
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

    # Pages ------------------------------------------------------------------

    def create_pages(self, owner) -> None:
        locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
        home = self.create_home(locale)
        catalogue = self.publish(
            home,
            CourseIndexPage(
                title=text(demo.CATALOGUE["title"]),
                slug=demo.CATALOGUE["slug"],
                intro=rich_text(demo.CATALOGUE["intro"]),
                locale=locale,
            ),
        )
        media = {"routes": self.create_image(), "gcm-summary": self.create_document()}
        spec = demo.COURSE
        course = self.publish(
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
            module = self.publish(
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
                self.publish(
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
                    self.publish(
                        module, tagged(demo_quiz(owner, locale, quiz_spec), quiz_spec)
                    )

    def translate_pages(self, trainer) -> None:
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
            untranslated = translate(
                pages, locale, demo.translations(language), trainer
            )
            if untranslated:
                self.stderr.write(
                    f"{language}: {untranslated} strings left untranslated"
                )

    def start_learning(self, student) -> None:
        """The demo student is enrolled, has done the first two lessons and passed the
        first quiz, with objectives to revisit."""
        course = demo_course()
        enrolment = enrol(student, course)
        for lesson in LessonPage.objects.live().descendant_of(course)[:2]:
            mark_complete(enrolment, lesson.translation_key)
        quiz = QuizPage.objects.get(slug=demo.QUIZ["slug"], locale=course.locale)
        demo_activity.write_attempts(
            [
                demo_activity.graded_attempt(
                    quiz,
                    student.pk,
                    1,
                    demo.STUDENT_QUIZ_OUTCOMES,
                    timezone.now() - datetime.timedelta(hours=2),
                    random.Random(demo_activity.SEED),
                )
            ]
        )

    def create_home(self, locale) -> HomePage:
        root = Page.get_first_root_node()
        # Wagtail's install leaves a plain "Welcome" page; our home replaces it.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        root.refresh_from_db()
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            home = self.publish(
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

    @staticmethod
    def publish(parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision(user=page.owner).publish()
        return page

    # Media ------------------------------------------------------------------

    def create_image(self):
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

    def create_document(self):
        page = PILImage.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(page)
        draw.text(
            (100, 100), "The Global Compact for Migration at a glance", fill="black"
        )
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

    def print_welcome(self, base_url: str) -> None:
        lines = [
            "",
            f"Migration School is ready at {base_url}/",
            f"  Catalogue: {base_url}/az/courses/",
            f"  Admin:     {base_url}/admin/",
            "Demo accounts (email / password):",
        ]
        for role, email, password, *_ in demo.ACCOUNTS:
            lines.append(f"  {role:<12} {email:<28} {password}")
        lines.append(
            f"Assistance desk (desk staff, volunteer, dpo): {base_url}/az/desk/"
        )
        drive = Drive.objects.filter(title=demo_desk.DRIVE_TITLE).first()
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
        self.stdout.write("\n".join(lines) + "\n")


def translate(pages, locale, strings: dict[str, str], user) -> int:
    """Translate ``pages`` (parents first) into ``locale`` through wagtail-localize.

    Each source segment is looked up in ``strings`` (source text → translation); the
    count of segments that found no translation is returned.
    """
    creator = TranslationCreator(user, [locale])
    for page in pages:
        creator.create_translations(page)
    missing = 0
    for translations in creator.mappings.values():
        for translation in translations:
            catalogue = translation.export_po()
            for entry in catalogue:
                source_text = StringValue(entry.msgid).render_text()
                if entry.msgctxt == "slug":
                    entry.msgstr = entry.msgid  # one address in every language
                elif source_text in strings:
                    entry.msgstr = StringValue.from_plaintext(strings[source_text]).data
                else:
                    missing += 1
            translation.import_po(catalogue, user=user)
            translation.save_target(user=user, publish=True)
    return missing


def demo_course() -> CoursePage:
    """The demo course in the source language."""
    return CoursePage.objects.get(
        slug=demo.COURSE["slug"], locale__language_code=SOURCE_LANGUAGE
    )


def programme(course: CoursePage, cohort: Cohort) -> list[demo_activity.Step]:
    """The course's steps, on the cohort's days (the same for every learner)."""
    modules = []
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        lessons = LessonPage.objects.child_of(module).live().order_by("path")
        quizzes = QuizPage.objects.child_of(module).live().order_by("path")
        modules.append(([lesson.translation_key for lesson in lessons], list(quizzes)))
    length = (cohort.ends_on - cohort.starts_on).days
    return demo_activity.schedule(modules, length, random.Random(demo_activity.SEED))


def learner_email(number: int) -> str:
    return f"learner{number:02d}@school.example"


def demo_quiz(owner, locale, spec: dict) -> QuizPage:
    return QuizPage(
        title=text(spec["title"]),
        slug=spec["slug"],
        summary=text(spec["summary"]),
        questions=[quiz_question(question) for question in spec["questions"]],
        pass_mark=60,
        attempts_allowed=3,
        owner=owner,
        locale=locale,
    )


def quiz_question(spec: dict) -> dict:
    """The raw StreamField data of a demo question, in the source language."""
    value = {"text": text(spec["text"]), "points": "1", "general_feedback": ""}
    # The question's own objectives and targets; without them, the quiz's count.
    if "gcm" in spec:
        value["gcm_objectives"] = [str(number) for number in spec["gcm"]]
    if "sdg_targets" in spec:
        value["sdg_targets"] = spec["sdg_targets"]
    kind = spec["kind"]
    if kind in ("single_choice", "multiple_choice"):
        value["choices"] = [
            item({"text": text(t), "correct": ok, "feedback": ""})
            for t, ok in spec["choices"]
        ]
    elif kind == "true_false":
        value |= {
            "correct_answer": spec["answer"],
            "feedback_right": "",
            "feedback_wrong": "",
        }
    elif kind == "numeric":
        value["answers"] = [
            item({"value": str(spec["answer"]), "tolerance": "0", "credit": "100"})
        ]
    else:
        value |= {
            "accepted_answers": [
                item({"answer": text(t), "credit": "100"}) for t in spec["accepted"]
            ],
            "case_sensitive": False,
        }
    return {"type": f"{kind}_block", "id": str(uuid.uuid4()), "value": value}


def item(value) -> dict:
    """A ListBlock item with its id: answers and choices are known by it."""
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def text(value: demo.T, language: str = SOURCE_LANGUAGE) -> str:
    return value.get(language)


def rich_text(items: list[demo.T], language: str = SOURCE_LANGUAGE) -> str:
    return "".join(f"<p>{escape(item.get(language))}</p>" for item in items)


def tagged(page, spec: dict):
    page.gcm_objectives.add(
        *GCMObjective.objects.filter(number__in=spec.get("gcm", []))
    )
    page.sdgs.add(*SDG.objects.filter(number__in=spec.get("sdg", [])))
    page.sdg_targets.set(SDGTarget.objects.filter(code__in=spec.get("sdg_targets", [])))
    page.topics.add(*spec.get("topics", []))
    return page


def stream(blocks: list, media: dict, language: str = SOURCE_LANGUAGE) -> list[dict]:
    """The raw StreamField data of a lesson, in one language."""
    return [
        {"type": block_type, "value": _block_value(block_type, value, media, language)}
        for block_type, value in blocks
    ]


def _block_value(block_type: str, value, media: dict, language: str):
    if block_type == "paragraph_block":
        return rich_text(value, language)
    if block_type == "image_block":
        return {
            "image": {
                "image": media[value["image"]].pk,
                "alt_text": text(value["alt"], language),
                "decorative": False,
            },
            "caption": text(value["caption"], language),
            "attribution": text(value["attribution"], language),
        }
    if block_type == "document_block":
        return {
            "document": media[value["document"]].pk,
            "title": text(value["title"], language),
            "description": text(value["description"], language),
        }
    if block_type == "quick_check_block":
        return {
            "question": text(value["question"], language),
            "choices": [
                {"text": text(choice, language), "is_correct": correct}
                for choice, correct in value["choices"]
            ],
            "explanation": rich_text(value["explanation"], language),
        }
    raw = {}
    for key, item in value.items():
        if isinstance(item, demo.T):
            raw[key] = text(item, language)
        elif isinstance(item, list) and item and isinstance(item[0], demo.T):
            # Rich text paragraphs, or a ListBlock of plain strings (questions).
            raw[key] = (
                [text(entry, language) for entry in item]
                if key == "questions"
                else rich_text(item, language)
            )
        else:
            raw[key] = item
    return raw

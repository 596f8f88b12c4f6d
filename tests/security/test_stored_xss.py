"""Stored XSS: what users write comes back inert on every page that shows it.

Each payload of the corpus (tests/security/xss_payloads.py) goes into every field
that people write — page titles, tags, lesson blocks, applications, reviews and
interview notes, chat, questions and polls, certificates, names, quiz questions and
GIFT imports — and every public and admin page that shows the field is parsed and
checked by ``assert_nothing_executable``. Where a page shows the payload, the test
also checks that it is there, so a test never passes by showing nothing.
"""

import datetime
import json

import pytest
import wagtail_factories
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents.models import Document

from lms_certificates.issuing import issue_by_hand
from lms_certificates.models import Certificate, CertificateRule
from lms_cohorts.admission import change_status, submit_application
from lms_cohorts.models import Interview, Review
from lms_courses.blocks import INLINE_FEATURES
from lms_courses.models import SDG, GCMObjective
from lms_live import classroom, protocol
from lms_live.models import AgendaItem, Attendance, LiveSession
from lms_quizzes.attempts import start_attempt, submit_attempt
from lms_quizzes.importing import import_gift
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import enrol, in_english
from tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    QuizPageFactory,
    UserFactory,
    admin_in_english,
    choice_question,
    tag,
)

from .xss_payloads import PAYLOADS, Payload, assert_nothing_executable

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@school.example", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator, superuser):
    admin_in_english(trainer, coordinator, superuser)


def fit(payload: Payload, limit: int) -> str:
    """The payload cut to a field's length; the marker survives the cut."""
    text = payload.text[:limit]
    return text if payload.marker in text else payload.marker


def get(client, url: str, status: int = 200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def listing(client, url: str, **params) -> str:
    """Every page of an admin listing, one after the other."""
    pages = []
    for number in range(1, 10):
        response = client.get(url, {**params, "p": number})
        if response.status_code == 404 or (
            pages and response.content.decode() == pages[-1]
        ):
            break
        assert response.status_code == 200, (url, response.status_code)
        pages.append(response.content.decode())
        if f"p={number + 1}" not in pages[-1]:  # no link to a next page
            break
    return "".join(pages)


def assert_inert(html: str, payloads=PAYLOADS, *, shown: bool = True) -> None:
    """No payload runs in ``html``; with ``shown``, each is there as text."""
    for payload in payloads:
        assert_nothing_executable(html, payload.marker)
        if shown:
            assert payload.marker in html, f"{payload.name} is not on the page"


def as_edited(text: str, link: str, features=INLINE_FEATURES) -> str:
    """Rich text as Wagtail stores it when a trainer types ``text`` in the editor
    and links it to ``link``: through the editor's converter and allowlist."""
    contentstate = {
        "blocks": [
            {
                "key": "b0001",
                "text": text,
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [{"offset": 0, "length": 3, "style": "BOLD"}],
                "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}
        },
    }
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


# Curriculum pages


def test_page_titles_and_summaries_run_nothing_on_public_and_admin_pages(
    client, school, student, superuser, settings
):
    settings.LMS_CATALOGUE_PAGE_SIZE = 200
    course = school["course"]
    enrol(student, course)
    made = []
    for payload in PAYLOADS:
        # A course, module, lesson and quiz of its own for each payload, so that its
        # lesson and quiz pages show it in every place a title goes.
        text, slug = fit(payload, 255), payload.marker.lower()
        written = {"title": text, "summary": payload.text}
        own = CoursePageFactory(parent=school["catalogue"], slug=f"c-{slug}", **written)
        module = ModulePageFactory(parent=own, slug=f"m-{slug}", **written)
        lesson = LessonPageFactory(parent=module, slug=f"l-{slug}", **written)
        quiz = QuizPageFactory(parent=module, slug=f"q-{slug}", **written)
        ModulePageFactory(parent=course, slug=f"m-{slug}", **written)
        made.append((payload, own, lesson, quiz))

    client.force_login(student)
    assert_inert(get(client, in_english(school["catalogue"].url)))
    assert_inert(get(client, in_english(course.url)))
    assert_inert(get(client, "/en/dashboard/"), shown=False)
    for payload, own, lesson, quiz in made:
        for page in (own, lesson, quiz):
            assert_inert(get(client, in_english(page.url)), [payload])
    for payload in PAYLOADS[::6]:
        assert_inert(get(client, "/en/search/", q=payload.marker), [payload])

    client.force_login(superuser)
    assert_inert(listing(client, f"/admin/pages/{course.pk}/"))
    assert_inert(listing(client, f"/admin/pages/{school['catalogue'].pk}/"))
    for payload, _, lesson, _ in made:
        assert_inert(get(client, f"/admin/pages/{lesson.pk}/edit/"), [payload])


def test_curriculum_tag_names_run_nothing_on_the_catalogue_and_in_the_editor(
    client, school, superuser
):
    course, catalogue = school["course"], school["catalogue"]
    tag(course, topics=[fit(payload, 100) for payload in PAYLOADS])
    objectives, goals = list(GCMObjective.objects.all()), list(SDG.objects.all())
    for start in range(0, len(PAYLOADS), len(goals)):
        batch = PAYLOADS[start : start + len(goals)]
        for payload, objective, goal in zip(batch, objectives, goals, strict=False):
            for vocabulary in (objective, goal):
                vocabulary.name = fit(payload, 100)
                vocabulary.title_en = payload.text
                vocabulary.save()
        course.gcm_objectives.set(objectives[: len(batch)])
        course.sdgs.set(goals[: len(batch)])
        course.save()
        assert_inert(get(client, in_english(catalogue.url)), batch, shown=False)
        assert_inert(get(client, in_english(course.url)), batch)
        for payload, objective, goal in zip(batch, objectives, goals, strict=False):
            for route in (f"gcm/{objective.number}/", f"sdg/{goal.number}/"):
                url = in_english(catalogue.url) + route
                assert_inert(get(client, url), [payload])
        client.force_login(superuser)
        assert_inert(get(client, f"/admin/pages/{course.pk}/edit/"), batch)
        client.logout()
    assert_inert(get(client, in_english(course.url)), shown=False)
    for payload in PAYLOADS[:10]:
        slug = course.topics.get(name=fit(payload, 100)).slug
        assert_inert(get(client, in_english(catalogue.url), topic=slug), [payload])


def test_lesson_blocks_run_nothing_for_learners_or_in_the_editor(
    client, school, student, superuser
):
    image = wagtail_factories.ImageFactory(title=PAYLOADS[0].text)
    document = Document.objects.create(
        title=PAYLOADS[1].text, file=SimpleUploadedFile("notes.txt", b"Notes")
    )
    body = []
    for payload in PAYLOADS:
        text, rich = payload.text, as_edited(payload.text, payload.text)
        body += [
            {"type": "heading_block", "value": {"heading_text": text, "size": "h2"}},
            {"type": "paragraph_block", "value": rich},
            {
                "type": "image_block",
                "value": {
                    "image": {"image": image.pk, "alt_text": text, "decorative": False},
                    "caption": text,
                    "attribution": text,
                },
            },
            {
                "type": "document_block",
                "value": {"document": document.pk, "title": text, "description": text},
            },
            {
                "type": "callout_block",
                "value": {"kind": "tip", "title": text, "text": rich},
            },
            {
                "type": "case_study_block",
                "value": {
                    "title": text,
                    "setting": text,
                    "body": rich,
                    "questions": [text, text],
                },
            },
            {
                "type": "quick_check_block",
                "value": {
                    "question": text,
                    "choices": [
                        {"text": text, "is_correct": True},
                        {"text": "Other", "is_correct": False},
                    ],
                    "explanation": rich,
                },
            },
        ]
    lesson = LessonPageFactory(parent=school["modules"][0], title="Blocks", body=body)
    lesson.save_revision().publish()
    plain = LessonPageFactory(parent=school["modules"][0], title="Plain")
    plain.body = [{"type": "document_block", "value": {"document": document.pk}}]
    plain.save_revision().publish()

    enrol(student, school["course"])
    client.force_login(student)
    assert_inert(get(client, in_english(lesson.url)))
    assert_inert(get(client, in_english(plain.url)), PAYLOADS[1:2])
    client.force_login(superuser)
    assert_inert(get(client, f"/admin/pages/{lesson.pk}/edit/"))
    assert_inert(get(client, f"/admin/images/{image.pk}/"), PAYLOADS[:1])
    assert_inert(get(client, "/admin/documents/"), PAYLOADS[1:2])


def test_rich_text_from_the_editor_keeps_no_dangerous_link_or_markup():
    for payload in PAYLOADS:
        stored = as_edited(payload.text, payload.text)
        assert_nothing_executable(f"<div>{stored}</div>", payload.marker)
        assert "<script" not in stored.lower()


# Admission


@pytest.fixture
def cohort(school):
    return CohortFactory(name_en="4th Migration School", courses=[school["course"]])


def application_fields(payload: Payload) -> dict:
    return {
        "field_of_study": "law",
        "study_status": "studying",
        "year": "2024",
        "university": fit(payload, 200),
        "languages": fit(payload, 200),
        "motivation": payload.text,
        "proposal_title": fit(payload, 200),
        "proposal": payload.text,
    }


def test_application_answers_run_nothing_for_the_applicant(client, cohort):
    url = f"/en/apply/{cohort.pk}/"
    for payload in PAYLOADS:
        applicant = UserFactory(first_name=fit(payload, 150), last_name=payload.marker)
        client.force_login(applicant)
        response = client.post(url, application_fields(payload) | {"action": "save"})
        assert response.status_code == 302, response.status_code
        assert_inert(get(client, url), [payload])
        # An invalid submission shows the answers again, in the form.
        fields = application_fields(payload) | {"year": "", "action": "submit"}
        assert_inert(get_post(client, url, fields, status=400), [payload])
    assert_inert(get(client, "/en/apply/"), shown=False)


def get_post(client, url, fields, status):
    response = client.post(url, fields)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_applications_reviews_and_interview_notes_run_nothing_for_staff(
    client, cohort, coordinator
):
    applications = []
    for payload in PAYLOADS:
        applicant = UserFactory(
            first_name=fit(payload, 150), last_name=fit(payload, 150)
        )
        fields = application_fields(payload)
        fields.pop("year")
        application = ApplicationFactory(
            cohort=cohort, applicant=applicant, status="draft", **fields
        )
        submit_application(application)
        Review.objects.create(
            application=application,
            reviewer=coordinator,
            energy=3,
            creativity=4,
            interest=5,
            proposal_quality=4,
            comments=payload.text,
        )
        change_status(application, "shortlisted", by=coordinator, note=payload.text)
        Interview.objects.create(
            application=application,
            scheduled_at=timezone.now() + datetime.timedelta(days=3),
            place=fit(payload, 200),
            video_url="https://meet.example/interview",
            notes=payload.text,
        )
        applications.append((payload, application))

    client.force_login(coordinator)
    listing_url = "/admin/snippets/lms_cohorts/application/"
    assert_inert(listing(client, listing_url))
    ids = "&".join(f"id={application.pk}" for _, application in applications)
    bulk = f"/admin/bulk/lms_cohorts/application/change_status/?{ids}"
    assert_inert(get(client, bulk))
    for payload, application in applications:
        assert_inert(get(client, f"{listing_url}edit/{application.pk}/"), [payload])
        assert_inert(
            get(client, f"{listing_url}history/{application.pk}/"), shown=False
        )
        client.force_login(application.applicant)
        assert_inert(get(client, "/en/dashboard/"), [payload])
        client.force_login(coordinator)


def test_an_interview_link_cannot_be_a_script(client, cohort, coordinator):
    from lms_cohorts.forms import InterviewForm

    for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"]:
        form = InterviewForm(
            {"interview-scheduled_at": "2026-05-01 10:00", "interview-video_url": url},
            prefix="interview",
        )
        assert not form.is_valid()
        assert "video_url" in form.errors


# Live classes


def say(session, user, role, **message):
    """One client message, parsed like the consumer parses it, then carried out."""
    parsed = protocol.parse(json.dumps({"v": protocol.VERSION, **message}))
    return classroom.act(session.pk, user, role, parsed)


def test_chat_questions_polls_and_agenda_run_nothing_in_the_classroom_and_admin(
    client, school, trainer, coordinator, student
):
    enrol(student, school["course"])
    sessions = []
    for payload in PAYLOADS:
        text = fit(payload, 200)
        session = LiveSession.objects.create(
            title=text,
            course=school["course"],
            starts_at=timezone.now() - datetime.timedelta(minutes=10),
            ends_at=timezone.now() + datetime.timedelta(minutes=80),
            mode="hybrid",
            room=text,
        )
        session.trainers.add(trainer)
        AgendaItem.objects.create(session=session, title=text)
        Attendance.objects.create(session=session, user=student, note=text)
        frames = []
        for kind in ("chat", "ask"):
            frames += say(
                session, student, "student", type=kind, text=payload.text
            ).room
        frames += say(
            session,
            trainer,
            "trainer",
            type="poll_open",
            question=payload.text,
            choices=[text, "Other"],
        ).room
        frames += classroom.replay(session.pk, 0)
        for frame in frames:
            # The page puts "html" in with innerHTML; everything else as text.
            if "html" in frame["data"]:
                assert_nothing_executable(frame["data"]["html"], payload.marker)
        sessions.append((payload, session))

    for user in (trainer, student):
        client.force_login(user)
        for payload, session in sessions:
            assert_inert(get(client, f"/en/live/{session.pk}/"), [payload])
    assert_inert(get(client, "/en/dashboard/"), shown=False)
    client.force_login(coordinator)
    assert_inert(listing(client, "/admin/live_sessions/"))
    assert_inert(listing(client, "/admin/attendance/"), shown=False)
    for payload, session in sessions:
        assert_inert(
            get(client, f"/admin/live_sessions/inspect/{session.pk}/"), [payload]
        )
        assert_inert(get(client, f"/admin/live_sessions/edit/{session.pk}/"), [payload])


def test_the_classroom_script_writes_only_sanitised_html():
    from pathlib import Path

    import lms_live

    script = (Path(lms_live.__file__).parent / "static/live/classroom.js").read_text()
    writes = [line.strip() for line in script.splitlines() if "innerHTML" in line]
    assert writes == [
        "text.innerHTML = html; // sanitised on the server (bleach), links only",
        "qr.innerHTML = current.qr; // an SVG made on the server",
    ]


# Certificates


def test_holder_and_programme_names_run_nothing_on_verification_and_admin_pages(
    client, school, coordinator
):
    cohort = CohortFactory(courses=[school["course"]])
    rule = CertificateRule.objects.create(
        cohort=cohort, programme_name="Migration School", min_attendance_percent=0
    )
    certificates = []
    for payload in PAYLOADS:
        rule.programme_name = fit(payload, 200)
        rule.signatories = payload.text
        rule.save()
        holder = UserFactory(first_name=fit(payload, 150), last_name=fit(payload, 150))
        ApplicationFactory(cohort=cohort, applicant=holder, status="accepted")
        certificate = issue_by_hand(rule, holder, by=coordinator, reason=payload.text)
        certificates.append((payload, certificate))
    assert Certificate.objects.count() == len(PAYLOADS)

    for payload, certificate in certificates:
        cache.clear()  # the verification pages are rate-limited per address
        url = f"/en/certificates/verify/{certificate.display_code}/"
        assert_inert(get(client, url), [payload])
    client.force_login(coordinator)
    assert_inert(listing(client, "/admin/certificates_admin/"))
    assert_inert(listing(client, "/admin/certificate_rules/"), shown=False)
    for payload, certificate in certificates:
        url = f"/admin/certificates_admin/inspect/{certificate.pk}/"
        assert_inert(get(client, url), [payload])


# Names of people


def test_learner_names_run_nothing_in_admin_lists_and_reports(
    client, school, superuser, trainer
):
    quiz = QuizPageFactory(parent=school["modules"][0], title="Check")
    for payload in PAYLOADS:
        learner = UserFactory(first_name=fit(payload, 150), last_name=fit(payload, 150))
        enrolment = enrol(learner, school["course"])
        attempt = start_attempt(quiz, learner, enrolment)
        submit_attempt(attempt.pk, learner, 0, {"q-single": "q-single-c1"})
        client.force_login(learner)
        assert_inert(get(client, "/en/dashboard/"), shown=False)
        assert_inert(get(client, "/en/accounts/profile/"), [payload])

    client.force_login(superuser)
    assert_inert(listing(client, "/admin/users/"))
    assert_inert(listing(client, "/admin/enrolments/"))
    assert_inert(listing(client, "/admin/reports/learner-progress/"))
    assert_inert(listing(client, f"/admin/quizzes/{quiz.pk}/results/"))
    assert_inert(get(client, "/admin/"), shown=False)
    client.force_login(trainer)
    assert_inert(listing(client, f"/admin/quizzes/{quiz.pk}/results/"))


# Quizzes


def test_quiz_questions_choices_and_feedback_run_nothing(
    client, school, student, trainer
):
    questions = [
        choice_question(f"q{index}", payload.text, [fit(payload, 500), "Other"], [1])
        for index, payload in enumerate(PAYLOADS)
    ]
    for question, payload in zip(questions, PAYLOADS, strict=True):
        question["value"]["general_feedback"] = payload.text
        for choice in question["value"]["choices"]:
            choice["value"]["feedback"] = fit(payload, 500)
    quiz = QuizPageFactory(
        parent=school["modules"][0], questions=questions, feedback_when="after_submit"
    )
    enrolment = enrol(student, school["course"])
    client.force_login(student)
    attempt = start_attempt(quiz, student, enrolment)
    assert_inert(get(client, f"/en/learning/quizzes/attempts/{attempt.pk}/"))
    answers = {f"q{index}": f"q{index}-c0" for index in range(len(PAYLOADS))}
    submit_attempt(attempt.pk, student, attempt.sequence, answers)
    result = get(client, f"/en/learning/quizzes/attempts/{attempt.pk}/result/")
    assert_inert(result)
    client.force_login(trainer)
    assert_inert(listing(client, f"/admin/quizzes/{quiz.pk}/results/"), shown=False)
    assert_inert(get(client, f"/admin/pages/{quiz.pk}/edit/"))


def gift_text(payload: Payload) -> str:
    """A GIFT question whose title, text, answers and feedback are the payload."""
    escaped = payload.text.replace("\\", "\\\\")
    for special in "~=#{}:":
        escaped = escaped.replace(special, "\\" + special)
    escaped = escaped.replace("\n", " ")
    return (
        f"::{escaped}::[html]{escaped} {{\n"
        f"  ={escaped} #{escaped}\n"
        f"  ~Other #{escaped}\n"
        f"  ####{escaped}\n"
        "}\n\n"
    )


def test_gift_imports_run_nothing_in_the_quiz_or_the_import_report(
    client, school, student, trainer
):
    quiz = QuizPageFactory(parent=school["modules"][0], questions=[])
    bank = "".join(gift_text(payload) for payload in PAYLOADS)
    bank += "::Broken " + PAYLOADS[0].text.replace("{", "") + ":: { ~ }\n"
    client.force_login(trainer)
    response = client.post(
        f"/admin/quizzes/{quiz.pk}/import/",
        {"gift_file": SimpleUploadedFile("bank.gift", bank.encode())},
    )
    assert response.status_code == 200
    assert_inert(response.content.decode(), shown=False)
    quiz.refresh_from_db()
    draft = quiz.get_latest_revision_as_object()
    assert len(draft.questions) == len(PAYLOADS)
    draft.save_revision().publish()
    quiz.refresh_from_db()
    assert_inert(get(client, f"/admin/pages/{quiz.pk}/edit/"))

    enrolment = enrol(student, school["course"])
    client.force_login(student)
    attempt = start_attempt(quiz, student, enrolment)
    assert_inert(get(client, f"/en/learning/quizzes/attempts/{attempt.pk}/"))


def test_gift_import_keeps_html_questions_as_text():
    from lms_quizzes.gift import parse_gift

    parsed = parse_gift(gift_text(PAYLOADS[5]))
    [question] = parsed.questions
    assert question.text.startswith("<img"), question.text  # kept verbatim: as text


def test_import_gift_function_stores_payloads_verbatim(school):
    quiz = QuizPageFactory(parent=school["modules"][0], questions=[])
    report = import_gift(quiz, gift_text(PAYLOADS[0]), publish=True)
    assert report.imported == 1
    quiz.refresh_from_db()
    assert quiz.questions[0].value["text"] == PAYLOADS[0].text


def test_volunteer_answers_and_staff_reasons_run_nothing_for_staff_or_volunteer(
    client, school
):
    from lms_volunteers.pipeline import apply, move

    staff = UserFactory(groups=["Volunteer staff"])
    admin_in_english(staff)
    for payload in PAYLOADS:
        person = UserFactory(first_name=fit(payload, 150), last_name=payload.marker)
        volunteer = apply(
            person,
            languages=fit(payload, 200),
            skills=fit(payload, 2000),
            availability=fit(payload, 200),
            motivation=fit(payload, 2000),
        )
        move(volunteer, "screened", by=staff, reason=fit(payload, 500))
        client.force_login(staff)
        assert_inert(get(client, f"/admin/volunteers/{volunteer.pk}/"), [payload])
        assert_inert(listing(client, "/admin/volunteers/", q=payload.marker), [payload])
        client.force_login(person)
        assert_inert(get(client, "/en/volunteers/me/"), [payload])

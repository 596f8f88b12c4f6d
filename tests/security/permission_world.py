"""One School with an object behind every URL, for the permission matrix.

Built once per module: two students (A holds everything, B is a classmate who
tries A's ids), a trainer who teaches A's cohort, a coordinator and a superuser.
"""

import datetime
import uuid
from types import SimpleNamespace

import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowTask,
)

from lms_assistance.models import Desk
from lms_background.models import OutgoingEmail
from lms_certificates.issuing import issue_by_hand
from lms_certificates.models import CertificateRule, ProjectCompletion
from lms_cohorts.models import Application, Interview, Review
from lms_courses.models import GCMObjective
from lms_live.models import Attendance, LiveSession
from lms_quizzes.attempts import start_attempt, submit_attempt
from lms_quizzes.models import QuizOverride
from lms_volunteers.models import (
    HoursEntry,
    Pledge,
    Qualification,
    ServiceLetter,
    Shift,
)
from lms_volunteers.pipeline import apply as apply_to_union
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import enrol
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    DepartmentPageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProjectPageFactory,
    QuizPageFactory,
    UserFactory,
    VolunteersIndexPageFactory,
    admin_in_english,
)

ROLES = ["anonymous", "student_a", "student_b", "trainer", "coordinator", "superuser"]


def build_world() -> SimpleNamespace:
    """Create the School and return its objects and the ids that URLs take."""
    now = timezone.now()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update(root_page=home)
    catalogue = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=catalogue, title="Border management")
    module, module_two = (
        ModulePageFactory(parent=course, title="Integrated borders"),
        ModulePageFactory(parent=course, title="Identity and documents"),
    )
    lesson = LessonPageFactory(parent=module, title="Single window")
    other_lesson = LessonPageFactory(parent=module_two, title="Legal identity")
    quiz = QuizPageFactory(parent=module, title="Check: borders")
    private_course = CoursePageFactory(parent=catalogue, title="Behind a password")
    page_restriction = PageViewRestriction.objects.create(
        page=private_course,
        restriction_type=PageViewRestriction.PASSWORD,
        password="opensesame",  # noqa: S106
    )
    for page in (home, lesson, quiz):
        page.save_revision().publish()  # a second revision, for compare and revert

    student_a = UserFactory(
        email="a@school.example", first_name="Aysel", groups=["Students"]
    )
    student_b = UserFactory(
        email="b@school.example", first_name="Babak", groups=["Students"]
    )
    trainer = UserFactory(email="trainer@school.example", groups=["Trainers"])
    coordinator = UserFactory(
        email="coordinator@school.example", groups=["Coordinators"]
    )
    superuser = UserFactory(
        email="root@school.example", is_superuser=True, is_staff=True
    )
    users = {
        "student_a": student_a,
        "student_b": student_b,
        "trainer": trainer,
        "coordinator": coordinator,
        "superuser": superuser,
    }
    admin_in_english(*users.values())

    enrolment_a = enrol(student_a, course)
    enrol(student_b, course)  # a classmate: B may read the course, never A's work

    cohort = CohortFactory(name_en="4th Migration School", courses=[course])
    cohort.trainers.add(trainer)
    cohort.save()  # a ParentalManyToManyField reaches the database on save
    other_cohort = CohortFactory(name_en="5th Migration School", courses=[course])
    application_a = ApplicationFactory(
        cohort=cohort, applicant=student_a, status=Application.Status.ACCEPTED
    )
    volunteer_a = apply_to_union(
        student_a,
        languages="Azerbaijani",
        availability="Weekends",
        motivation="To help migrants with their forms.",
    )
    qualification = Qualification.objects.create(
        name_az="Psixoloji ilk yardım",
        name_en="Psychological first aid",
        name_ru="Первая психологическая помощь",
        course=course,
    )
    pledge = Pledge.objects.create(kind="conduct", version=1, text="<p>Be kind.</p>")
    union = VolunteersIndexPageFactory(parent=home)
    project = ProjectPageFactory(parent=DepartmentPageFactory(parent=union))
    shift_starts = timezone.now() + datetime.timedelta(days=2)
    shift = Shift.objects.create(
        project=project,
        title="Application desk",
        place="Service centre",
        starts_at=shift_starts,
        ends_at=shift_starts + datetime.timedelta(hours=3),
        capacity=2,
    )
    hours_a = HoursEntry.objects.create(
        volunteer=volunteer_a,
        project=project,
        worked_on=timezone.localdate() - datetime.timedelta(days=1),
        hours=3,
        source=HoursEntry.Source.CLAIM,
    )
    served = hours_a.worked_on.isoformat()
    letter_a = ServiceLetter.objects.create(
        volunteer=volunteer_a,
        holder_name="Student A",
        total_hours=3,
        statement={
            "projects": [{"title": {"en": project.title}, "hours": "3"}],
            "qualifications": [],
            "first_day": served,
            "last_day": served,
        },
    )
    desk = Desk.objects.create(name="Service centre desk", place="12 Nizami street")
    draft_a = ApplicationFactory(
        cohort=other_cohort, applicant=student_a, status=Application.Status.DRAFT
    )
    Review.objects.create(
        application=application_a,
        reviewer=coordinator,
        energy=4,
        creativity=4,
        interest=5,
        proposal_quality=3,
        comments="Confidential review comment",
    )
    Interview.objects.create(
        application=application_a,
        scheduled_at=now - datetime.timedelta(days=20),
        place="Room 4",
        notes="Confidential interview notes",
        score=4,
    )

    attempt_done = start_attempt(quiz, student_a, enrolment_a)
    submit_attempt(attempt_done.pk, student_a, attempt_done.sequence, {})
    attempt_open = start_attempt(quiz, student_a, enrolment_a)
    override = QuizOverride.objects.create(
        quiz=quiz, user=student_a, extra_minutes=10, reason="Accommodation"
    )

    live_session = LiveSession.objects.create(
        title="Labour migration",
        cohort=cohort,
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(minutes=80),
        video_url="https://meet.example/labour",
    )
    live_session.trainers.add(trainer)
    attendance_a = Attendance.objects.create(
        session=live_session, user=student_a, checked_in_at=now
    )

    rule = CertificateRule.objects.create(
        cohort=cohort,
        programme_name="Migration School",
        min_attendance_percent=50,
        requires_project=True,
        signatories="Aysel Məmmədova, Head of the School",
    )
    completion = ProjectCompletion.objects.create(
        rule=rule, user=student_a, marked_by=coordinator
    )
    certificate_a = issue_by_hand(
        rule, student_a, by=coordinator, reason="Completed in person"
    )

    collection = Collection.get_first_root_node().add_child(name="Handouts")
    private_collection = Collection.get_first_root_node().add_child(name="Private")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=private_collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="opensesame",  # noqa: S106
    )
    document = Document.objects.create(
        title="Reading list", file=ContentFile(b"Read this.", name="reading.txt")
    )
    image = wagtail_factories.ImageFactory(
        title="Border post", collection=Collection.get_first_root_node()
    )
    redirect = Redirect.objects.create(old_path="/old-page", redirect_link="/en/")

    workflow = Workflow.objects.create(name="Review by a coordinator")
    task = GroupApprovalTask.objects.create(name="Coordinator approval")
    task.groups.add(Group.objects.get(name="Coordinators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    other_lesson.save_revision()
    workflow_state = workflow.start(other_lesson, trainer)
    task_state = workflow_state.current_task_state

    editing_session = EditingSession.objects.create(
        user=trainer,
        content_type_id=lesson.content_type_id,
        object_id=str(lesson.pk),
        last_seen_at=now,
    )
    task_result = DBTaskResult.objects.create(
        id=uuid.uuid4(),
        task_path="lms_background.mail.deliver_email",
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=now,
    )
    email = OutgoingEmail.objects.create(
        to="a@school.example",
        language="en",
        subject="Your application",
        body="Hello",
        template="cohorts/email/submitted",
    )

    ids = {
        "home": home.pk,
        "catalogue": catalogue.pk,
        "course": course.pk,
        "module": module.pk,
        "module_two": module_two.pk,
        "module_key": str(module.translation_key),
        "gcm_objective": GCMObjective.objects.get(number=11).pk,
        "lesson": lesson.pk,
        "other_lesson": other_lesson.pk,
        "quiz": quiz.pk,
        "lesson_revision": lesson.revisions.order_by("pk").first().pk,
        "page_restriction": page_restriction.pk,
        "private_course": private_course.pk,
        "cohort": cohort.pk,
        "other_cohort": other_cohort.pk,
        "application_a": application_a.pk,
        "draft_a": draft_a.pk,
        "attempt_done": attempt_done.pk,
        "attempt_open": attempt_open.pk,
        "override": override.pk,
        "live_session": live_session.pk,
        "attendance_a": attendance_a.pk,
        "rule": rule.pk,
        "completion": completion.pk,
        "certificate_a": certificate_a.pk,
        "certificate_code": certificate_a.display_code,
        "collection": collection.pk,
        "collection_restriction": collection_restriction.pk,
        "document": document.pk,
        "document_filename": "reading.txt",
        "image": image.pk,
        "redirect": redirect.pk,
        "workflow": workflow.pk,
        "task": task.pk,
        "workflow_state": workflow_state.pk,
        "task_state": task_state.pk,
        "editing_session": editing_session.pk,
        "task_result": str(task_result.pk),
        "email": email.pk,
        "locale": Locale.get_default().pk,
        "site": Site.objects.get().pk,
        "students_group": Group.objects.get(name="Students").pk,
        "student_a": student_a.pk,
        "student_b": student_b.pk,
        "superuser": superuser.pk,
        "enrolment_a": enrolment_a.pk,
        "volunteer_a": volunteer_a.pk,
        "qualification": qualification.pk,
        "pledge": pledge.pk,
        "shift": shift.pk,
        "hours_a": hours_a.pk,
        "letter_a": letter_a.pk,
        "letter_code_a": letter_a.display_code,
        "desk": desk.pk,
        "lesson_path": lesson.url_path.split("/", 2)[2],
        "course_path": course.url_path.split("/", 2)[2],
    }
    return SimpleNamespace(
        ids=ids,
        users=users,
        sessions=_sessions(users),
        course=course,
        lesson=lesson,
        quiz=quiz,
        cohort=cohort,
        other_cohort=other_cohort,
        application_a=application_a,
        draft_a=draft_a,
        attempt_done=attempt_done,
        attempt_open=attempt_open,
        live_session=live_session,
        certificate_a=certificate_a,
        enrolment_a=enrolment_a,
    )


def _sessions(users) -> dict[str, str]:
    """A logged-in session key per role, so each test only sets a cookie."""
    keys = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        keys[role] = client.session.session_key
    return keys

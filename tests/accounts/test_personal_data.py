"""A person downloads their data; a coordinator deletes an account, keeping the
School's numbers and the certificates' verification pages."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Avg, Count, Sum
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts import personal_data
from lms_background.models import OutgoingEmail
from lms_certificates.eligibility import standing_of
from lms_certificates.issuing import issue_due
from lms_certificates.models import Certificate, CertificateRule, ProjectCompletion
from lms_cohorts.models import Application, Interview, Review, StatusChange
from lms_courses.models import Enrolment, LessonCompletion
from lms_courses.progress import mark_complete
from lms_live.models import Attendance, LiveEvent, LiveSession, Vote
from lms_quizzes.models import Answer, Attempt, QuizOverride, QuizResult
from lms_quizzes.statistics import item_statistics
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import count_queries, enrol
from tests.factories import QuizPageFactory, UserFactory, admin_in_english

pytestmark = pytest.mark.django_db
User = get_user_model()
DOWNLOAD = "/en/accounts/profile/my-data.json"


def delete_url(user) -> str:
    return f"/admin/accounts/{user.pk}/delete/"


@pytest.fixture
def quiz(school):
    return QuizPageFactory(parent=school["modules"][0], title="Check: borders")


@pytest.fixture
def owner(db):
    return UserFactory(
        email="zemine@school.example",
        first_name="Zəminə",
        last_name="Əliyeva-Щукина",
        groups=["Students"],
        preferred_language="en",
    )


@pytest.fixture
def other(db):
    return UserFactory(
        email="other@school.example",
        first_name="Kamran",
        last_name="Başqası",
        groups=["Students"],
    )


@pytest.fixture(autouse=True)
def english_admin(trainer, coordinator):
    admin_in_english(trainer, coordinator)


def give_records(user, school, quiz, trainer, *, size=1, tag="") -> dict:
    """``size`` of every kind of record for ``user``; texts carry ``tag``."""
    now = timezone.now()
    made = {"cohorts": [], "sessions": [], "certificates": []}
    enrolment = enrol(user, school["course"])
    for lesson in school["lessons"][:size]:
        mark_complete(enrolment, lesson.translation_key)
    for number in range(1, size + 1):
        cohort = CohortFactory(courses=[school["course"]])
        made["cohorts"].append(cohort)
        application = ApplicationFactory(
            cohort=cohort,
            applicant=user,
            status="accepted",
            motivation=f"Motivation {tag} {number}",
            proposal=f"Proposal {tag} {number}",
        )
        Interview.objects.create(
            application=application,
            scheduled_at=now,
            place="Room 5",
            notes=f"Interview notes {tag} {number}",
            score=4,
        )
        Review.objects.create(
            application=application,
            reviewer=trainer,
            energy=5,
            creativity=4,
            interest=4,
            proposal_quality=3,
            comments=f"Review comment {tag} {number}",
        )
        StatusChange.objects.create(
            application=application,
            changed_by=trainer,
            from_status="submitted",
            to_status="accepted",
            note=f"Status note {tag} {number}",
        )
        attempt = Attempt.objects.create(
            user=user,
            quiz_key=quiz.translation_key,
            number=number,
            status="graded",
            submitted_at=now,
            score=Decimal(3),
            max_score=Decimal(5),
            percent=Decimal(60) + number,
            passed=True,
            question_ids=["q-single", "q-short"],
        )
        Answer.objects.create(
            attempt=attempt,
            question_id="q-single",
            response="q-single-c1",
            fraction=1,
            points=1,
        )
        Answer.objects.create(
            attempt=attempt,
            question_id="q-short",
            response=f"Bakı {tag}",
            fraction=0,
            points=0,
        )
        session = LiveSession.objects.create(
            title=f"Class {number}",
            course=school["course"],
            starts_at=now - datetime.timedelta(hours=2),
            ends_at=now - datetime.timedelta(hours=1),
        )
        made["sessions"].append(session)
        Attendance.objects.create(
            session=session,
            user=user,
            online_seconds=1800 + number,
            checked_in_at=now,
            note=f"Attendance note {tag}",
        )
        LiveEvent.objects.create(
            session=session,
            sequence=1,
            kind="chat",
            author=user,
            payload={"text": f"Chat {tag} {number}", "html": f"Chat {tag} {number}"},
        )
        LiveEvent.objects.create(
            session=session,
            sequence=2,
            kind="question",
            author=user,
            payload={"text": f"Question {tag}", "html": f"Question {tag}"},
        )
        poll = LiveEvent.objects.create(
            session=session,
            sequence=3,
            kind="poll_opened",
            author=trainer,
            payload={"question": "Which border?", "choices": ["North", "South"]},
        )
        Vote.objects.create(event=poll, user=user, choice=1)
        made["certificates"].append(
            Certificate.objects.create(
                user=user,
                cohort=cohort,
                holder_name=user.get_full_name(),
                programme={"en": "Migration School"},
                starts_on=datetime.date(2026, 3, 1),
                ends_on=datetime.date(2026, 9, 1),
            )
        )
        rule = CertificateRule.objects.create(
            cohort=cohort, programme_name="Migration School", requires_project=True
        )
        ProjectCompletion.objects.create(
            rule=rule, user=user, note=f"Project note {tag}"
        )
        OutgoingEmail.objects.create(
            to=user.email,
            language="en",
            subject=f"Welcome {tag} {number}",
            body=f"Dear {user.first_name}",
            template="accounts/emails/verify_email",
        )
    QuizResult.objects.create(
        user=user,
        quiz_key=quiz.translation_key,
        percent=Decimal(60) + size,
        passed=True,
        attempts=size,
    )
    QuizOverride.objects.create(
        quiz=quiz, user=user, extra_minutes=15, reason=f"Accommodation {tag}"
    )
    return made


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8"))


# Download my data


def test_the_download_is_a_utf8_json_attachment_with_readable_letters(client, owner):
    client.force_login(owner)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert "Zəminə" in text and "Щукина" in text
    assert "\\u" not in text
    assert json.loads(text)["account"]["email"] == "zemine@school.example"


def test_the_copy_holds_every_kind_of_record_of_its_owner(
    client, owner, school, quiz, trainer
):
    give_records(owner, school, quiz, trainer, tag="mine")
    copy = download(client, owner)

    account = copy["account"]
    assert account["username"] == account["email"] == "zemine@school.example"
    assert account["first_name"] == "Zəminə"
    assert account["time_zone"] == "Asia/Baku"
    assert account["language"] == "en"
    assert account["groups"] == ["Students"]
    assert account["date_joined"]

    [application] = copy["applications"]
    assert application["motivation"] == "Motivation mine 1"
    assert application["status"] == "accepted"
    assert application["interview"]["place"] == "Room 5"
    assert application["interview"]["notes"] == "Interview notes mine 1"
    assert application["reviews"][0]["comments"] == "Review comment mine 1"
    assert "reviewer" not in application["reviews"][0]
    assert application["history"][0]["to"] == "accepted"

    [enrolment] = copy["enrolments"]
    assert enrolment["course"] == "Border management"
    assert enrolment["course_key"] == str(school["course"].translation_key)
    assert [c["lesson"] for c in enrolment["completed_lessons"]] == ["Single window"]

    [attempt] = copy["quiz_attempts"]
    assert attempt["quiz"] == "Check: borders"
    assert attempt["percent"] == "61.00"
    answers = {a["question_id"]: a for a in attempt["answers"]}
    assert answers["q-single"]["question"] == "Which year was the GCM adopted?"
    assert answers["q-single"]["response"] == "2018"
    assert answers["q-short"]["response"] == "Bakı mine"
    assert copy["quiz_results"][0]["attempts"] == 1
    assert copy["quiz_accommodations"][0]["extra_minutes"] == 15

    [attended] = copy["lms_live_attendance"]
    assert attended["session"] == "Class 1"
    assert attended["seconds_online"] == 1801
    assert attended["checked_in_at"] and attended["present"] is True
    assert {(m["kind"], m["text"]) for m in copy["live_messages"]} == {
        ("chat", "Chat mine 1"),
        ("question", "Question mine"),
    }
    assert copy["live_votes"] == [
        {
            "session": "Class 1",
            "poll": "Which border?",
            "choice": "South",
            "at": copy["live_votes"][0]["at"],
        }
    ]

    [certificate] = copy["certificates"]
    assert certificate["holder_name"] == "Zəminə Əliyeva-Щукина"
    assert certificate["status"] == "valid"
    assert certificate["verify_url"] == (
        f"http://testserver/en/certificates/verify/{certificate['code']}/"
    )
    assert copy["final_projects"][0]["note"] == "Project note mine"
    assert copy["emails"][0]["subject"] == "Welcome mine 1"


def test_the_copy_holds_nothing_of_another_person(
    client, owner, other, school, quiz, trainer
):
    give_records(owner, school, quiz, trainer, tag="mine")
    give_records(other, school, quiz, trainer, tag="theirs")
    client.force_login(owner)
    text = client.get(DOWNLOAD).content.decode("utf-8")
    for theirs in ["theirs", "other@school.example", "Kamran", "Başqası"]:
        assert theirs not in text
    # The trainer reviewed and opened the poll: their name is not the learner's.
    assert trainer.email not in text


def test_a_student_cannot_download_someone_elses_data(client, owner, other):
    client.force_login(owner)
    response = client.get(DOWNLOAD, {"user": other.pk, "user_id": other.pk})
    text = response.content.decode("utf-8")
    assert json.loads(text)["account"]["email"] == owner.email
    assert other.email not in text


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_profile_links_the_download_and_explains_deletion(client, owner):
    client.force_login(owner)
    page = client.get("/en/accounts/profile/").content.decode()
    assert DOWNLOAD in page
    assert "To delete your account" in page


def test_jury_notes_are_held_back_until_the_school_decides(
    client, owner, school, quiz, trainer
):
    give_records(owner, school, quiz, trainer, tag="mine")
    Application.objects.filter(applicant=owner).update(status="interview")
    [application] = download(client, owner)["applications"]
    assert application["interview"]["place"] == "Room 5"
    assert "notes" not in application["interview"]
    assert "score" not in application["interview"]
    assert "reviews" not in application
    assert "note" not in application["history"][0]


def test_the_download_costs_the_same_queries_for_few_and_many_records(
    client, school, quiz, trainer
):
    few, many = UserFactory(), UserFactory()
    give_records(few, school, quiz, trainer, size=1)
    give_records(many, school, quiz, trainer, size=3)
    client.force_login(few)
    queries_few = count_queries(client, DOWNLOAD)
    client.force_login(many)
    queries_many = count_queries(client, DOWNLOAD)
    assert len(download(client, many)["quiz_attempts"]) == 3
    assert queries_few == queries_many
    assert queries_many <= 30


# Deleting an account


def statistics(quiz, made) -> dict:
    """What the School counts, before and after a deletion."""
    key = quiz.translation_key
    cohort = made["cohorts"][0]
    return {
        "attempts": Attempt.objects.filter(quiz_key=key).count(),
        "attempt_average": Attempt.objects.filter(quiz_key=key).aggregate(
            Avg("percent")
        ),
        "result_average": QuizResult.objects.filter(quiz_key=key).aggregate(
            Avg("percent"), Count("user", distinct=True)
        ),
        "items": item_statistics(quiz),
        "completions": LessonCompletion.objects.count(),
        "enrolled": Enrolment.objects.count(),
        "seconds": Attendance.objects.aggregate(Sum("online_seconds")),
        "present": sorted(
            a.present for a in Attendance.objects.filter(session=made["sessions"][0])
        ),
        "votes": Vote.objects.filter(choice=1).count(),
        "accepted": cohort.accepted().count(),
        "places_left": cohort.places_left(),
        "review_average": Review.objects.aggregate(Avg("average")),
        "projects": ProjectCompletion.objects.count(),
    }


def delete_as(client, actor, target, reason="Asked by email on 3 March"):
    client.force_login(actor)
    return client.post(delete_url(target), {"reason": reason, "confirm": "on"})


def test_coordinator_deletes_an_account_after_confirming_with_a_reason(
    client, coordinator, owner
):
    client.force_login(coordinator)
    page = client.get(delete_url(owner))
    assert page.status_code == 200
    assert "Zəminə" in page.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()  # asking deletes nothing

    response = delete_as(client, coordinator, owner)
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert not User.objects.filter(email=owner.email).exists()
    entry = ModelLogEntry.objects.get(action="accounts.delete_account")
    assert entry.object_id == str(owner.pk)
    assert entry.user_id == coordinator.pk
    assert entry.data == {"reason": "Asked by email on 3 March"}
    assert entry.label == f"User #{owner.pk}"


def test_no_log_entry_keeps_the_deleted_persons_name(client, coordinator, owner):
    UserProfile.get_for_user(owner)
    ModelLogEntry.objects.log_action(owner, "wagtail.edit", user=coordinator)
    delete_as(client, coordinator, owner)
    for entry in ModelLogEntry.objects.all():
        assert "Zəminə" not in entry.label + json.dumps(entry.data)
        assert owner.email not in entry.label + json.dumps(entry.data)
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Account deleted, anonymised records kept" in history.content.decode()


def test_a_reason_is_required(client, coordinator, owner):
    for reason in ["", "   "]:
        response = delete_as(client, coordinator, owner, reason=reason)
        assert response.status_code == 400
    client.post(delete_url(owner), {"reason": "Asked by email"})  # not confirmed
    assert User.objects.filter(pk=owner.pk).exists()


def test_deletion_removes_personal_data(
    client, coordinator, owner, other, school, quiz, trainer
):
    give_records(owner, school, quiz, trainer, tag="mine")
    give_records(other, school, quiz, trainer, tag="theirs")
    delete_as(client, coordinator, owner)

    dump = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["lms_certificates.certificate", "sessions", "contenttypes"],
        stdout=dump,
    )
    everything = json.loads(dump.getvalue())
    text = json.dumps(everything, ensure_ascii=False)
    for personal in [
        "zemine@school.example",
        "Zəminə",
        "Щукина",
        "Motivation mine",
        "Proposal mine",
        "Interview notes mine",
        "Review comment mine",
        "Status note mine",
        "Chat mine",
        "Question mine",
        "Attendance note mine",
        "Accommodation mine",
        "Project note mine",
        "Welcome mine",
    ]:
        assert personal not in text, personal
    # The other learner's records are untouched.
    for theirs in ["other@school.example", "Motivation theirs 1", "Chat theirs 1"]:
        assert theirs in text
    assert LiveEvent.objects.filter(payload__text="[deleted]").count() == 2


def test_deletion_keeps_the_schools_numbers(
    client, coordinator, owner, other, school, quiz, trainer
):
    made = give_records(owner, school, quiz, trainer, tag="mine")
    give_records(other, school, quiz, trainer, tag="theirs")
    before = statistics(quiz, made)
    delete_as(client, coordinator, owner)
    assert statistics(quiz, made) == before
    # One anonymous placeholder holds what counts, and it cannot sign in.
    placeholder = Attempt.objects.exclude(user=other).get().user
    assert not placeholder.is_active
    assert not placeholder.has_usable_password()
    assert placeholder.get_full_name() == ""
    assert placeholder.email.endswith("@deleted.invalid")
    assert not placeholder.groups.exists()


def test_the_certificate_stays_verifiable_under_the_issued_name(
    client, coordinator, owner, school, quiz, trainer
):
    made = give_records(owner, school, quiz, trainer)
    [certificate] = made["certificates"]
    delete_as(client, coordinator, owner)

    certificate.refresh_from_db()
    assert certificate.user is None
    assert certificate.holder_name == "Zəminə Əliyeva-Щукина"
    client.logout()
    page = client.get(f"/en/certificates/verify/{certificate.display_code}/")
    assert page.status_code == 200
    assert "Zəminə Əliyeva-Щукина" in page.content.decode()
    assert "This certificate is valid." in page.content.decode()
    client.force_login(coordinator)
    pdf = client.get(f"/en/certificates/{certificate.code}/certificate.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_the_placeholder_is_never_issued_a_certificate(
    client, coordinator, owner, school, quiz
):
    cohort = CohortFactory(courses=[school["course"]])
    ApplicationFactory(cohort=cohort, applicant=owner, status="accepted")
    enrolment = enrol(owner, school["course"])
    for lesson in school["lessons"]:
        mark_complete(enrolment, lesson.translation_key)
    QuizResult.objects.create(
        user=owner, quiz_key=quiz.translation_key, percent=90, passed=True, attempts=1
    )
    rule = CertificateRule.objects.create(cohort=cohort, min_attendance_percent=0)
    assert standing_of(rule, owner).met

    delete_as(client, coordinator, owner)
    assert issue_due(rule) == []
    assert not Certificate.objects.exists()


# Who may delete


def test_students_and_trainers_cannot_delete_anyone(client, student, trainer, owner):
    client.force_login(student)
    response = client.post(delete_url(owner), {"reason": "x", "confirm": "on"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    response = delete_as(client, trainer, owner)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert User.objects.filter(pk=owner.pk).exists()
    with pytest.raises(PermissionError):
        personal_data.delete_account(owner, by=trainer, reason="x")


def test_a_coordinator_cannot_delete_a_coordinator_a_superuser_or_themselves(
    client, coordinator
):
    colleague = UserFactory(groups=["Coordinators"])
    admin = UserFactory(is_superuser=True, is_staff=True)
    for target in (colleague, admin, coordinator):
        response = delete_as(client, coordinator, target)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert User.objects.filter(pk=target.pk).exists()


def test_a_superuser_may_delete_a_coordinator_but_not_a_superuser(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    colleague = UserFactory(groups=["Coordinators"])
    other_admin = UserFactory(is_superuser=True, is_staff=True)
    assert delete_as(client, admin, other_admin)["Location"] == "/admin/"
    assert delete_as(client, admin, colleague)["Location"] == "/admin/users/"
    assert not User.objects.filter(pk=colleague.pk).exists()


def test_a_trainer_gets_no_hint_that_an_account_exists(client, trainer):
    client.force_login(trainer)
    assert client.get("/admin/accounts/999999/delete/")["Location"] == "/admin/"


def test_the_user_list_offers_deletion_only_where_allowed(client, coordinator, owner):
    colleague = UserFactory(groups=["Coordinators"])
    client.force_login(coordinator)
    page = client.get("/admin/users/").content.decode()
    assert delete_url(owner) in page
    assert delete_url(colleague) not in page


def test_a_failure_half_way_changes_nothing(
    client, coordinator, owner, school, quiz, trainer, monkeypatch
):
    give_records(owner, school, quiz, trainer, tag="mine")
    users_before = User.objects.count()

    def broken(user, placeholder):
        raise RuntimeError("the database went away")

    # The last app to run: every other app has already moved its rows.
    monkeypatch.setattr(personal_data.certificates_data, "anonymise", broken)
    with pytest.raises(RuntimeError):
        personal_data.delete_account(owner, by=coordinator, reason="Asked")

    assert User.objects.count() == users_before
    owner.refresh_from_db()
    assert owner.first_name == "Zəminə"
    assert Application.objects.get(applicant=owner).motivation == "Motivation mine 1"
    assert Enrolment.objects.filter(user=owner).exists()
    assert Attempt.objects.filter(user=owner).count() == 1
    assert LiveEvent.objects.filter(author=owner, kind="chat").exists()
    assert OutgoingEmail.objects.filter(to=owner.email).exists()
    assert QuizOverride.objects.filter(user=owner).exists()
    assert not ModelLogEntry.objects.filter(action="accounts.delete_account").exists()


def test_wagtails_delete_user_sends_a_superuser_to_the_anonymising_deletion(client):
    superuser = UserFactory(is_superuser=True)
    learner = UserFactory(groups=["Students"])
    client.force_login(superuser)
    response = client.get(f"/admin/users/delete/{learner.pk}/")
    assert response.status_code == 302
    assert response.url == delete_url(learner)

"""After log-in each role lands on a dashboard with what it came for, and the header
offers only what the reader may use."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from lms_assistance.models import AccessGrant
from lms_courses.progress import enrol
from lms_live.models import LiveSession
from lms_quizzes.models import Attempt
from tests.assistance.factories import (
    AssistanceRequestFactory,
    DeskFactory,
    qualified_volunteer,
)
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import count_queries
from tests.factories import QuizPageFactory, UserFactory
from tests.volunteers.factories import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/dashboard/"
NOT_ENROLLED = "You are not enrolled in any course yet."


def dashboard_of(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def header_of(page: str) -> str:
    return page[page.index("<header") : page.index("</header>")]


def desk_staff(**kwargs):
    user = UserFactory(**kwargs)
    return user, DeskFactory(staff=[user])


def dpo():
    return UserFactory(groups=["Data protection officers"])


# A home for each role -------------------------------------------------------------


def test_desk_staff_land_on_their_queue_not_on_courses(client, school):
    user, desk = desk_staff()
    AssistanceRequestFactory.create_batch(2, desk=desk, taken_by=user)
    page = dashboard_of(client, user)
    assert "2 new requests waiting" in page
    assert 'href="/en/desk/?status=new"' in page
    assert NOT_ENROLLED not in page
    header = header_of(page)
    assert 'href="/en/desk/"' in header
    assert "/en/apply/" not in header


def test_desk_staff_see_no_migrant_data_on_the_dashboard(client, school):
    user, desk = desk_staff()
    AssistanceRequestFactory(desk=desk, taken_by=user, given_name="Zahra")
    assert "Zahra" not in dashboard_of(client, user)


def test_the_data_protection_officer_lands_on_the_audit_log_and_grants(client, school):
    staff, desk = desk_staff()
    officer = dpo()
    request = AssistanceRequestFactory(desk=desk, taken_by=staff)
    AccessGrant.objects.create(
        request=request,
        user=officer,
        granted_by=staff,
        reason="A complaint to check.",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    page = dashboard_of(client, officer)
    assert 'href="/en/desk/audit/"' in page
    assert f'href="/en/desk/r/{request.reference}/"' in page
    assert NOT_ENROLLED not in page
    header = header_of(page)
    assert 'href="/en/desk/audit/"' in header
    assert "/en/apply/" not in header


def test_an_expired_grant_is_not_offered(client, school):
    staff, desk = desk_staff()
    officer = dpo()
    request = AssistanceRequestFactory(desk=desk, taken_by=staff)
    AccessGrant.objects.create(
        request=request,
        user=officer,
        granted_by=staff,
        reason="Old.",
        granted_at=timezone.now() - datetime.timedelta(days=10),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    page = dashboard_of(client, officer)
    assert request.reference not in page
    assert "No access is granted to you at the moment." in page


def test_a_trainer_sees_their_cohorts_next_class_attempts_and_insights(
    client, school, trainer
):
    cohort = CohortFactory(name_en="5th Migration School", trainers=[trainer])
    session = LiveSession.objects.create(
        title="Borders in practice",
        course=school["course"],
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=1),
    )
    session.trainers.add(trainer)
    quiz = QuizPageFactory(parent=school["modules"][0], title="Check: borders")
    Attempt.objects.create(
        user=UserFactory(),
        quiz_key=quiz.translation_key,
        number=1,
        status=Attempt.Status.GRADED,
        submitted_at=timezone.now(),
        percent=80,
        passed=True,
    )
    page = dashboard_of(client, trainer)
    assert "5th Migration School" in page
    assert f'href="/en/live/{session.pk}/"' in page
    assert f'href="/admin/quizzes/{quiz.pk}/results/"' in page
    assert "1 attempt, 1 passed" in page
    assert f'href="/admin/insights/{cohort.pk}/mastery/"' in page
    assert NOT_ENROLLED not in page
    assert "/en/apply/" not in header_of(page)


def test_a_trainer_does_not_see_a_cohort_they_do_not_teach(client, school, trainer):
    CohortFactory(name_en="Someone else's School")
    assert "Someone else&#x27;s School" not in dashboard_of(client, trainer)


def test_a_cohort_that_just_ended_stays_for_its_reports_and_an_old_one_goes(
    client, school, trainer
):
    today = timezone.localdate()
    CohortFactory(
        name_en="Just ended",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=30),
        trainers=[trainer],
    )
    CohortFactory(
        name_en="Long ago",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=120),
        trainers=[trainer],
    )
    page = dashboard_of(client, trainer)
    assert "Just ended" in page
    assert "Long ago" not in page


def test_a_coordinator_sees_applications_to_review(client, school, coordinator):
    cohort = CohortFactory(name_en="5th Migration School")
    ApplicationFactory.create_batch(2, cohort=cohort)
    ApplicationFactory(cohort=cohort, status="draft")
    page = dashboard_of(client, coordinator)
    assert "2 applications to review" in page
    assert f"?cohort={cohort.pk}" in page
    assert NOT_ENROLLED not in page


def test_union_staff_see_shifts_short_of_people_and_hours_to_approve(client, school):
    staff = UserFactory(groups=["Volunteer staff"])
    ShiftFactory.create_batch(2)
    HoursEntryFactory.create_batch(3)
    page = dashboard_of(client, staff)
    assert "2 shifts short of people" in page
    assert "3 hours entries to approve" in page
    assert NOT_ENROLLED not in page


def test_a_volunteer_sees_next_shift_hours_and_open_shifts(client, school):
    volunteer = VolunteerFactory()
    mine = ShiftFactory(title="Forms at the service centre")
    SignUpFactory(shift=mine, volunteer=volunteer)
    ShiftFactory(title="Aid parcels")
    HoursEntryFactory(volunteer=volunteer, status="approved", hours=4)
    page = dashboard_of(client, volunteer.user)
    assert "Forms at the service centre" in page
    assert "Hours approved: 4" in page
    assert 'href="/en/volunteers/me/shifts/#open-shifts"' in page
    header = header_of(page)
    assert 'href="/en/volunteers/me/"' in header
    assert 'href="/en/volunteers/me/shifts/"' in header


def test_my_shifts_lists_open_shifts_that_need_volunteers(client, school):
    volunteer = VolunteerFactory()
    ShiftFactory(title="Aid parcels")
    client.force_login(volunteer.user)
    page = client.get("/en/volunteers/me/shifts/").content.decode()
    assert 'id="open-shifts"' in page
    assert "Aid parcels" in page


def test_a_student_sees_courses_and_no_staff_links(client, school, student):
    enrol(student, school["course"])
    page = dashboard_of(client, student)
    assert "Border management" in page
    header = header_of(page)
    assert "/en/desk/" not in header
    assert "/en/volunteers/me/" not in header


def test_a_new_account_is_offered_apply_and_the_courses(client, school):
    page = dashboard_of(client, UserFactory())
    assert 'href="/en/apply/"' in header_of(page)
    assert NOT_ENROLLED in page


def test_a_visitor_is_offered_apply(client, school):
    assert 'href="/en/apply/"' in header_of(client.get("/en/search/").content.decode())


def test_people_with_several_roles_see_each_part(client, school):
    volunteer = qualified_volunteer()
    desk = DeskFactory(staff=[volunteer.user])
    volunteer.user.groups.add(Group.objects.get(name="Data protection officers"))
    AssistanceRequestFactory(desk=desk, taken_by=volunteer.user)
    page = dashboard_of(client, volunteer.user)
    assert "1 new request waiting" in page
    assert 'href="/en/desk/audit/"' in page
    assert "Hours approved" in page
    header = header_of(page)
    for link in ("/en/desk/", "/en/desk/audit/", "/en/volunteers/me/"):
        assert f'href="{link}"' in header


# Constant queries -----------------------------------------------------------------


def test_the_desk_dashboard_does_not_grow_with_the_queue(client, school):
    user, desk = desk_staff()
    client.force_login(user)
    AssistanceRequestFactory(desk=desk, taken_by=user)
    one = count_queries(client, DASHBOARD)
    AssistanceRequestFactory.create_batch(10, desk=desk, taken_by=user)
    assert count_queries(client, DASHBOARD) == one


def test_the_dpo_dashboard_does_not_grow_with_grants(client, school):
    staff, desk = desk_staff()
    officer = dpo()
    client.force_login(officer)

    def grant():
        AccessGrant.objects.create(
            request=AssistanceRequestFactory(desk=desk, taken_by=staff),
            user=officer,
            granted_by=staff,
            reason="Checks.",
            expires_at=timezone.now() + datetime.timedelta(days=3),
        )

    grant()
    one = count_queries(client, DASHBOARD)
    for _ in range(5):
        grant()
    assert count_queries(client, DASHBOARD) == one


def test_the_trainer_dashboard_does_not_grow_with_cohorts_and_attempts(
    client, school, trainer
):
    client.force_login(trainer)
    quiz = QuizPageFactory(parent=school["modules"][0])

    def more(number):
        CohortFactory(trainers=[trainer])
        Attempt.objects.create(
            user=UserFactory(),
            quiz_key=quiz.translation_key,
            number=number,
            status=Attempt.Status.GRADED,
            submitted_at=timezone.now(),
            percent=50,
            passed=False,
        )

    more(1)
    one = count_queries(client, DASHBOARD)
    for number in range(2, 7):
        more(number)
    assert count_queries(client, DASHBOARD) == one


def test_the_coordinator_dashboard_does_not_grow_with_applications(
    client, school, coordinator
):
    client.force_login(coordinator)
    ApplicationFactory()
    one = count_queries(client, DASHBOARD)
    for _ in range(3):
        ApplicationFactory.create_batch(3, cohort=CohortFactory())
    assert count_queries(client, DASHBOARD) == one


def test_the_union_staff_dashboard_does_not_grow_with_shifts_and_hours(client, school):
    staff = UserFactory(groups=["Volunteer staff"])
    client.force_login(staff)
    ShiftFactory()
    HoursEntryFactory()
    one = count_queries(client, DASHBOARD)
    ShiftFactory.create_batch(5)
    HoursEntryFactory.create_batch(5)
    assert count_queries(client, DASHBOARD) == one


def test_the_volunteer_dashboard_does_not_grow_with_shifts(client, school):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    SignUpFactory(shift=ShiftFactory(), volunteer=volunteer)
    one = count_queries(client, DASHBOARD)
    for _ in range(5):
        SignUpFactory(shift=ShiftFactory(), volunteer=volunteer)
        HoursEntryFactory(volunteer=volunteer)
    assert count_queries(client, DASHBOARD) == one


# Roles are kept for a minute; what changes one shows at the next request ----------


def test_roles_are_not_asked_again_on_every_page(client, school, settings):
    client.force_login(UserFactory())
    kept = count_queries(client, DASHBOARD)
    settings.LMS_ROLES_CACHE_SECONDS = 0
    assert count_queries(client, DASHBOARD) == kept + 1


def test_desk_staff_taken_on_see_the_desk_at_their_next_request(client, school):
    user = UserFactory()
    assert 'href="/en/desk/"' not in header_of(dashboard_of(client, user))
    DeskFactory(staff=[user])
    assert 'href="/en/desk/"' in header_of(client.get(DASHBOARD).content.decode())


def test_a_group_joined_shows_at_the_next_request(client, school):
    user = UserFactory()
    assert "/en/desk/audit/" not in header_of(dashboard_of(client, user))
    user.groups.add(Group.objects.get(name="Data protection officers"))
    assert "/en/desk/audit/" in header_of(client.get(DASHBOARD).content.decode())


def test_a_volunteer_who_left_loses_the_volunteer_links(client, school):
    volunteer = VolunteerFactory()
    assert "/en/volunteers/me/" in header_of(dashboard_of(client, volunteer.user))
    volunteer.status = "left"
    volunteer.save()
    assert "/en/volunteers/me/" not in header_of(client.get(DASHBOARD).content.decode())


def test_a_task_assigned_opens_the_desk_to_the_volunteer(client, school):
    volunteer = VolunteerFactory()
    staff, desk = desk_staff()
    request = AssistanceRequestFactory(desk=desk, taken_by=staff)
    assert 'href="/en/desk/"' not in header_of(dashboard_of(client, volunteer.user))
    request.assignee = volunteer.user
    request.status = "assigned"
    request.save()
    assert 'href="/en/desk/"' in header_of(client.get(DASHBOARD).content.decode())

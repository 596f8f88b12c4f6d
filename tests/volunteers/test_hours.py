"""Hours: attendance the lead confirms, claims staff decide, and the totals."""

import datetime
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import pytest
from django.contrib.auth.models import Permission
from django.db import connections
from django.utils import timezone, translation
from wagtail.models import Locale

from lms_volunteers.hours import (
    HoursRefused,
    approve,
    claim,
    confirm_attendance,
    may_confirm_attendance,
    reject,
    totals,
    union_totals,
)
from lms_volunteers.models import HoursEntry, SignUp, Volunteer
from tests.factories import UserFactory

from .factories import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerFactory,
    project_page,
)

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@volunteers.example", first_name="Rauf")


@pytest.fixture
def project(db):
    return project_page(title="Residence permit desk")


@pytest.fixture
def shift(project, lead):
    """It started two and a half hours ago and lasted two hours twenty."""
    start = timezone.now() - datetime.timedelta(hours=2, minutes=30)
    return ShiftFactory(
        project=project,
        lead=lead,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2, minutes=20),
    )


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(user__first_name="Şəbnəm", user__last_name="Əliyeva")


def hours_staff():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_hoursentry"))
    return user


def translate(page, language, title):
    locale = Locale.objects.get(language_code=language)
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    return translated


def a_claim(volunteer, project, **fields):
    answers = {
        "project": project,
        "worked_on": YESTERDAY,
        "hours": "3",
        "description": "Translated at the hospital.",
    } | fields
    return claim(volunteer, **answers)


# Attendance ------------------------------------------------------------------


def test_the_lead_and_hours_staff_may_confirm_attendance_and_nobody_else(
    shift, lead, volunteer
):
    assert may_confirm_attendance(lead, shift)
    assert may_confirm_attendance(hours_staff(), shift)
    assert not may_confirm_attendance(volunteer.user, shift)
    assert not may_confirm_attendance(UserFactory(), shift)


def test_confirmed_attendance_becomes_approved_hours_rounded_to_a_quarter(
    shift, lead, volunteer
):
    sign_up = SignUpFactory(shift=shift, volunteer=volunteer)
    confirm_attendance(shift, {sign_up.pk: True}, by=lead)
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("2.25")
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.source == HoursEntry.Source.SHIFT
    assert entry.volunteer == volunteer
    assert entry.project_key == shift.project.translation_key
    assert entry.worked_on == timezone.localdate(shift.starts_at)
    sign_up.refresh_from_db()
    assert sign_up.attended is True
    assert sign_up.attendance_confirmed_by == lead
    assert sign_up.attendance_confirmed_at is not None


def test_confirming_again_keeps_one_hours_entry(shift, lead, volunteer):
    sign_up = SignUpFactory(shift=shift, volunteer=volunteer)
    confirm_attendance(shift, {sign_up.pk: True}, by=lead)
    first = HoursEntry.objects.get()
    confirm_attendance(shift, {sign_up.pk: True}, by=lead)
    assert list(HoursEntry.objects.all()) == [first]


def test_someone_marked_absent_loses_the_shift_s_hours(shift, lead, volunteer):
    came, absent = (
        SignUpFactory(shift=shift, volunteer=volunteer),
        SignUpFactory(shift=shift),
    )
    confirm_attendance(shift, {came.pk: True, absent.pk: True}, by=lead)
    confirm_attendance(shift, {came.pk: True, absent.pk: False}, by=lead)
    assert [entry.volunteer for entry in HoursEntry.objects.all()] == [volunteer]
    absent.refresh_from_db()
    assert absent.attended is False


def test_attendance_waits_for_the_shift_to_start(project, lead, volunteer):
    tomorrow = ShiftFactory(project=project, lead=lead)
    sign_up = SignUpFactory(shift=tomorrow, volunteer=volunteer)
    with pytest.raises(HoursRefused, match="once the shift has started"):
        confirm_attendance(tomorrow, {sign_up.pk: True}, by=lead)
    assert not HoursEntry.objects.exists()
    sign_up.refresh_from_db()
    assert sign_up.attended is None


def test_a_sign_up_of_another_shift_is_refused_and_nothing_changes(
    shift, lead, volunteer
):
    mine = SignUpFactory(shift=shift, volunteer=volunteer)
    elsewhere = SignUpFactory()
    with pytest.raises(HoursRefused, match="not signed up for this shift"):
        confirm_attendance(shift, {mine.pk: True, elsewhere.pk: True}, by=lead)
    assert not HoursEntry.objects.exists()


def test_cancelled_and_waitlisted_sign_ups_get_no_hours(shift, lead):
    waiting = SignUpFactory(shift=shift, status=SignUp.Status.WAITLISTED)
    with pytest.raises(HoursRefused):
        confirm_attendance(shift, {waiting.pk: True}, by=lead)
    assert not HoursEntry.objects.exists()


def test_a_very_long_shift_counts_a_day_at_most(project, lead, volunteer):
    start = timezone.now() - datetime.timedelta(days=3)
    marathon = ShiftFactory(
        project=project,
        lead=lead,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=30),
    )
    sign_up = SignUpFactory(shift=marathon, volunteer=volunteer)
    confirm_attendance(marathon, {sign_up.pk: True}, by=lead)
    assert HoursEntry.objects.get().hours == 24


# Claims ----------------------------------------------------------------------


def test_an_active_volunteer_claims_hours_that_wait_for_approval(volunteer, project):
    entry = a_claim(volunteer, project, hours="2.5")
    assert entry.status == HoursEntry.Status.PENDING
    assert entry.source == HoursEntry.Source.CLAIM
    assert entry.hours == Decimal("2.50")
    assert totals(volunteer).total == 0


@pytest.mark.parametrize(
    "hours, message",
    [
        ("0", "positive number"),
        ("-3", "positive number"),
        ("25", "more than 24 hours"),
        ("1e9", "more than 24 hours"),
        ("NaN", "as a number"),
        ("lots", "as a number"),
    ],
)
def test_negative_or_absurd_hours_are_refused(volunteer, project, hours, message):
    with pytest.raises(HoursRefused, match=message) as refusal:
        a_claim(volunteer, project, hours=hours)
    assert refusal.value.field == "hours"
    assert not HoursEntry.objects.exists()


def test_a_day_never_holds_more_than_24_hours(volunteer, project):
    a_claim(volunteer, project, hours="20")
    with pytest.raises(HoursRefused, match="at most 4 more"):
        a_claim(volunteer, project, hours="5")
    a_claim(volunteer, project, hours="4")
    assert HoursEntry.objects.count() == 2


def test_rejected_hours_free_the_day_again(volunteer, project):
    entry = a_claim(volunteer, project, hours="20")
    reject(entry, by=hours_staff(), reason="Not our project.")
    a_claim(volunteer, project, hours="20")


def test_hours_cannot_be_claimed_for_a_day_to_come(volunteer, project):
    with pytest.raises(HoursRefused, match="already worked"):
        a_claim(
            volunteer,
            project,
            worked_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not HoursEntry.objects.exists()


def test_only_active_volunteers_claim_hours(project):
    for status in [
        Volunteer.Status.APPLICANT,
        Volunteer.Status.PAUSED,
        Volunteer.Status.LEFT,
    ]:
        with pytest.raises(HoursRefused, match="Only active volunteers"):
            a_claim(VolunteerFactory(status=status), project)
    assert not HoursEntry.objects.exists()


def test_a_claim_says_what_was_done(volunteer, project):
    with pytest.raises(HoursRefused, match="Say what you did"):
        a_claim(volunteer, project, description="   ")


def test_a_claim_names_a_live_project(volunteer, project):
    project.unpublish()
    with pytest.raises(HoursRefused, match="union's projects"):
        a_claim(volunteer, project)


# Decisions -------------------------------------------------------------------


def test_approved_hours_count(volunteer, project):
    staff = hours_staff()
    entry = approve(a_claim(volunteer, project), by=staff)
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.decided_by == staff
    assert totals(volunteer).total == 3


def test_a_rejection_says_why(volunteer, project):
    entry = a_claim(volunteer, project)
    with pytest.raises(HoursRefused, match="Say why"):
        reject(entry, by=hours_staff(), reason=" ")
    reject(entry, by=hours_staff(), reason="We have no record of this visit.")
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.REJECTED
    assert entry.decision_note == "We have no record of this visit."


def test_a_decided_claim_cannot_be_decided_again(volunteer, project):
    entry = approve(a_claim(volunteer, project), by=hours_staff())
    with pytest.raises(HoursRefused, match="already decided"):
        reject(entry, by=hours_staff(), reason="Changed my mind")
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.APPROVED


def test_nobody_approves_their_own_hours(volunteer, project):
    volunteer.user.user_permissions.add(
        Permission.objects.get(codename="change_hoursentry")
    )
    entry = a_claim(volunteer, project)
    with pytest.raises(HoursRefused, match="Someone else"):
        approve(entry, by=volunteer.user)
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.PENDING


# Totals ----------------------------------------------------------------------


def test_totals_group_approved_hours_by_year_and_project_in_the_reader_s_language(
    volunteer, project
):
    other = project_page(title="Hotline")
    translate(project, "en", "Residence permits (EN)")
    for worked_on, page, hours in [
        (datetime.date(2025, 3, 1), project, 2),
        (datetime.date(2025, 4, 1), project, 3),
        (datetime.date(2025, 5, 1), other, 1),
        (datetime.date(2026, 1, 5), project, "1.5"),
    ]:
        HoursEntryFactory(
            volunteer=volunteer,
            project=page,
            worked_on=worked_on,
            hours=hours,
            status=HoursEntry.Status.APPROVED,
        )
    HoursEntryFactory(volunteer=volunteer, project=project, hours=9)  # pending
    with translation.override("en"):
        summary = totals(volunteer)
    assert summary.total == Decimal("7.5")
    assert [(year.year, year.hours) for year in summary.years] == [
        (2026, Decimal("1.5")),
        (2025, Decimal("6")),
    ]
    assert [(p.title, p.hours) for p in summary.years[1].projects] == [
        ("Residence permits (EN)", 5),
        ("Hotline", 1),
    ]


def test_totals_take_the_same_number_of_queries_however_many_projects(
    volunteer, django_assert_num_queries
):
    def add_project():
        HoursEntryFactory(
            volunteer=volunteer, project=project_page(), status="approved", hours=1
        )

    add_project()
    with django_assert_num_queries(3):
        totals(volunteer)
    for _ in range(5):
        add_project()
    with django_assert_num_queries(3):
        assert totals(volunteer).total == 6


def test_deleting_a_volunteer_s_account_keeps_their_hours_in_the_union_s_totals(
    volunteer, project
):
    HoursEntryFactory(volunteer=volunteer, project=project, hours=4, status="approved")
    HoursEntryFactory(project=project, hours=2, status="approved")
    before = union_totals()
    volunteer.user.delete()
    assert HoursEntry.objects.filter(volunteer__isnull=True).count() == 1
    assert HoursEntry.objects.count() == 2
    after = union_totals()
    assert after.total == before.total == 6
    assert [(p.title, p.hours) for p in after.projects] == [
        ("Residence permit desk", 6)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_claims_sent_at_once_never_pass_24_hours_on_a_day(volunteer, project):
    barrier = Barrier(4)

    def send(_):
        try:
            barrier.wait()
            a_claim(volunteer, project, hours="10")
            return True
        except HoursRefused:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        accepted = list(pool.map(send, range(4)))
    assert sum(accepted) == 2
    assert HoursEntry.objects.count() == 2

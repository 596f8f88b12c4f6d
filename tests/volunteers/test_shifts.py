"""Signing up for shifts: who may, the waitlist, cancelling, notices and reminders."""

import datetime
import zoneinfo

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms_background.models import OutgoingEmail
from lms_volunteers import shifts
from lms_volunteers.jobs import remind_upcoming_shifts
from lms_volunteers.models import (
    Qualification,
    QualificationGrant,
    Shift,
    SignUp,
    Volunteer,
)
from lms_volunteers.pipeline import accept_pledges
from tests.volunteers.factories import ShiftFactory, SignUpFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def days_ahead(days: float, hours: float = 2) -> dict:
    """Start and end of a shift ``days`` from now, lasting ``hours``."""
    starts = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=hours)}


def emails(template: str, to=None):
    found = OutgoingEmail.objects.filter(template=f"volunteers/emails/{template}")
    return found.filter(to=to) if to else found


def refusal(volunteer, shift) -> str:
    with pytest.raises(shifts.SignUpRefused) as refused:
        shifts.sign_up(volunteer, shift)
    return refused.value.message


@pytest.fixture
def shift(db):
    return ShiftFactory(capacity=2, **days_ahead(3))


@pytest.fixture
def interpreting():
    return Qualification.objects.create(
        name_az="Tərcümə", name_en="Interpreting", name_ru="Перевод"
    )


# Signing up -----------------------------------------------------------------


def test_an_active_volunteer_gets_a_place_while_places_last(shift):
    sign_up = shifts.sign_up(VolunteerFactory(), shift)
    assert sign_up.status == SignUp.Status.CONFIRMED
    shift.refresh_from_db()
    assert (shift.places_taken, shift.places_left()) == (1, 1)


def test_a_full_shift_puts_volunteers_on_its_waitlist_in_order(shift):
    for _ in range(2):
        shifts.sign_up(VolunteerFactory(), shift)
    second = shifts.sign_up(VolunteerFactory(), shift)
    third = shifts.sign_up(VolunteerFactory(), shift)
    assert [second.status, third.status] == [SignUp.Status.WAITLISTED] * 2
    assert [shifts.waitlist_position(s) for s in (second, third)] == [1, 2]
    shift.refresh_from_db()
    assert shift.places_taken == shift.capacity == 2


def assert_nothing_changed(shift, sign_ups_before: int):
    places = shift.places_taken
    shift.refresh_from_db()
    assert shift.places_taken == places
    assert SignUp.objects.count() == sign_ups_before


def test_a_cancelled_shift_refuses_sign_ups(shift):
    shift.status = Shift.Status.CANCELLED
    shift.save()
    assert refusal(VolunteerFactory(), shift) == "This shift has been cancelled."
    assert_nothing_changed(shift, 0)


def test_a_past_shift_refuses_sign_ups():
    past = ShiftFactory(**days_ahead(-2))
    assert refusal(VolunteerFactory(), past) == "This shift is over."
    assert_nothing_changed(past, 0)


def test_a_shift_that_has_started_refuses_sign_ups():
    started = ShiftFactory(**days_ahead(-1 / 24, hours=3))
    assert refusal(VolunteerFactory(), started) == "This shift has already started."
    assert_nothing_changed(started, 0)


@pytest.mark.parametrize("status", ["applicant", "in_training", "paused", "left"])
def test_only_active_volunteers_may_sign_up(shift, status):
    message = refusal(VolunteerFactory(status=status), shift)
    assert message.startswith("Only active volunteers may sign up for shifts")
    assert_nothing_changed(shift, 0)


def test_a_volunteer_must_first_accept_the_pledges_in_force(shift, pledges):
    volunteer = VolunteerFactory()
    accept_pledges(volunteer, pledges[:1])
    assert "latest pledges" in refusal(volunteer, shift)
    assert_nothing_changed(shift, 0)
    accept_pledges(volunteer, pledges)
    assert shifts.sign_up(volunteer, shift).status == SignUp.Status.CONFIRMED


def test_a_shift_needing_a_qualification_refuses_those_without_it(shift, interpreting):
    shift.required_qualifications.set([interpreting])
    message = refusal(VolunteerFactory(), shift)
    assert message == (
        "This shift needs a valid qualification you do not hold: Interpreting."
    )
    assert_nothing_changed(shift, 0)


def test_an_expired_qualification_does_not_count(shift, interpreting):
    shift.required_qualifications.set([interpreting])
    volunteer = VolunteerFactory()
    grant = QualificationGrant.objects.create(
        volunteer=volunteer,
        qualification=interpreting,
        source="hand",
        reason="Sworn interpreter",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert "Interpreting" in refusal(volunteer, shift)
    grant.expires_at = timezone.now() + datetime.timedelta(days=30)
    grant.save()
    assert shifts.sign_up(volunteer, shift).status == SignUp.Status.CONFIRMED


def test_a_shift_needing_languages_refuses_those_who_do_not_speak_them(shift):
    shift.required_languages = "Russian, Persian"
    shift.save()
    message = refusal(VolunteerFactory(languages="Azerbaijani, Russian"), shift)
    assert message == "This shift needs volunteers who speak Persian."
    assert_nothing_changed(shift, 0)


def test_languages_match_whatever_the_case_and_separators(shift):
    shift.required_languages = "russian, PERSIAN"
    shift.save()
    volunteer = VolunteerFactory(languages="Azerbaijani Persian;Russian")
    assert shifts.eligibility_problems(volunteer, shift) == []


def test_a_volunteer_cannot_sign_up_twice_for_one_shift(shift):
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    assert refusal(volunteer, shift) == "You are already signed up for this shift."
    assert_nothing_changed(shift, 1)


def test_a_volunteer_cannot_join_a_waitlist_twice(shift):
    SignUpFactory.create_batch(2, shift=shift)
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    assert refusal(volunteer, shift) == "You are already on this shift's waitlist."
    assert_nothing_changed(shift, 3)


def test_overlapping_a_held_place_is_refused(shift):
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    overlapping = ShiftFactory(
        starts_at=shift.starts_at + datetime.timedelta(hours=1),
        ends_at=shift.ends_at + datetime.timedelta(hours=1),
    )
    message = refusal(volunteer, overlapping)
    assert message.startswith(f"It overlaps your shift “{shift.title}” on ")
    assert_nothing_changed(overlapping, 1)


def test_overlapping_a_waitlist_place_is_refused_too(shift):
    SignUpFactory.create_batch(2, shift=shift)
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)  # waitlisted
    overlapping = ShiftFactory(
        starts_at=shift.starts_at - datetime.timedelta(minutes=30),
        ends_at=shift.starts_at + datetime.timedelta(minutes=30),
    )
    assert "overlaps" in refusal(volunteer, overlapping)


def test_back_to_back_shifts_do_not_overlap(shift):
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    next_one = ShiftFactory(
        starts_at=shift.ends_at, ends_at=shift.ends_at + datetime.timedelta(hours=2)
    )
    assert shifts.sign_up(volunteer, next_one).status == SignUp.Status.CONFIRMED


def test_a_cancelled_sign_up_does_not_block_signing_up_again(shift):
    volunteer = VolunteerFactory()
    shifts.cancel(shifts.sign_up(volunteer, shift))
    assert shifts.sign_up(volunteer, shift).status == SignUp.Status.CONFIRMED
    assert SignUp.objects.filter(volunteer=volunteer).count() == 2


def test_the_database_never_lets_a_shift_be_overfilled(shift):
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(places_taken=F("capacity") + 1)


def test_the_database_keeps_one_live_sign_up_per_volunteer_and_shift(shift):
    first = SignUpFactory(shift=shift)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(
            shift=shift, volunteer=first.volunteer, status=SignUp.Status.WAITLISTED
        )


def test_a_constraint_violation_becomes_a_refusal_not_an_error(shift, monkeypatch):
    volunteer = VolunteerFactory()
    shifts.sign_up(volunteer, shift)
    monkeypatch.setattr(shifts, "eligibility_problems", lambda *args: [])
    assert "Please try again" in refusal(volunteer, shift)
    assert_nothing_changed(shift, 1)


# Cancelling and the waitlist ---------------------------------------------------


def test_cancelling_a_place_promotes_the_first_one_waiting_and_emails_them(shift):
    holder, _other = SignUpFactory.create_batch(2, shift=shift)
    first = shifts.sign_up(VolunteerFactory(), shift)
    second = shifts.sign_up(VolunteerFactory(), shift)
    promoted = shifts.cancel(holder)
    assert promoted == first
    first.refresh_from_db()
    second.refresh_from_db()
    holder.refresh_from_db()
    assert holder.status == SignUp.Status.CANCELLED and holder.cancelled_at
    assert first.status == SignUp.Status.CONFIRMED
    assert shifts.waitlist_position(second) == 1
    shift.refresh_from_db()
    assert shift.places_taken == 2
    assert emails("shift_promoted", to=first.volunteer.user.email).count() == 1
    assert emails("shift_promoted", to=second.volunteer.user.email).count() == 0


def test_promotion_skips_those_who_may_no_longer_take_the_place(shift):
    holder, _other = SignUpFactory.create_batch(2, shift=shift)
    paused = shifts.sign_up(VolunteerFactory(), shift)
    ready = shifts.sign_up(VolunteerFactory(), shift)
    Volunteer.objects.filter(pk=paused.volunteer_id).update(status="paused")
    assert shifts.cancel(holder) == ready
    paused.refresh_from_db()
    assert paused.status == SignUp.Status.WAITLISTED
    assert emails("shift_promoted").count() == 1


def test_cancelling_with_nobody_waiting_frees_the_place(shift):
    holder = SignUpFactory(shift=shift)
    assert shifts.cancel(holder) is None
    shift.refresh_from_db()
    assert shift.places_taken == 0


def test_leaving_the_waitlist_frees_no_place(shift):
    SignUpFactory.create_batch(2, shift=shift)
    waiting = shifts.sign_up(VolunteerFactory(), shift)
    assert shifts.cancel(waiting) is None
    shift.refresh_from_db()
    assert shift.places_taken == 2


def test_a_place_cannot_be_cancelled_after_the_deadline(shift):
    shift.cancel_deadline_hours = 96  # the deadline was a day ago
    shift.save()
    holder = SignUpFactory(shift=shift)
    with pytest.raises(shifts.SignUpRefused) as refused:
        shifts.cancel(holder)
    assert "Please contact the shift's lead." in refused.value.message
    holder.refresh_from_db()
    shift.refresh_from_db()
    assert holder.status == SignUp.Status.CONFIRMED and shift.places_taken == 1


def test_a_place_can_be_cancelled_until_the_deadline(shift):
    holder = SignUpFactory(shift=shift)
    just_before = shift.cancel_deadline() - datetime.timedelta(minutes=1)
    shifts.cancel(holder, now=just_before)
    holder.refresh_from_db()
    assert holder.status == SignUp.Status.CANCELLED


def test_the_waitlist_may_be_left_after_the_deadline_until_the_start(shift):
    SignUpFactory.create_batch(2, shift=shift)
    waiting = shifts.sign_up(VolunteerFactory(), shift)
    shifts.cancel(waiting, now=shift.starts_at - datetime.timedelta(minutes=5))
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CANCELLED


def test_cancelling_twice_is_refused(shift):
    holder = SignUpFactory(shift=shift)
    shifts.cancel(holder)
    with pytest.raises(shifts.SignUpRefused):
        shifts.cancel(holder)
    shift.refresh_from_db()
    assert shift.places_taken == 0


# Staff cancel or change a shift -------------------------------------------------


def test_cancelling_a_shift_ends_every_place_and_tells_each_holder_why(shift, staff):
    held = SignUpFactory.create_batch(2, shift=shift)
    waiting = shifts.sign_up(VolunteerFactory(), shift)
    told = shifts.cancel_shift(shift, by=staff, reason="The centre is closed.")
    assert told == 3
    shift.refresh_from_db()
    assert shift.status == Shift.Status.CANCELLED
    assert (shift.cancel_reason, shift.places_taken) == ("The centre is closed.", 0)
    assert not SignUp.objects.holding().exists()
    for sign_up in [*held, waiting]:
        email = emails("shift_cancelled", to=sign_up.volunteer.user.email).get()
        assert "Why: The centre is closed." in email.body
        assert shift.title in email.subject


def test_cancelling_a_shift_needs_a_reason(shift, staff):
    SignUpFactory(shift=shift)
    with pytest.raises(shifts.SignUpRefused):
        shifts.cancel_shift(shift, by=staff, reason="  ")
    shift.refresh_from_db()
    assert shift.status == Shift.Status.OPEN and emails("shift_cancelled").count() == 0


def test_a_changed_time_is_told_to_those_holding_a_place_or_waiting(shift):
    SignUpFactory.create_batch(2, shift=shift)
    waiting = shifts.sign_up(VolunteerFactory(user__preferred_language="en"), shift)
    gone = shifts.sign_up(VolunteerFactory(), shift)
    shifts.cancel(gone)
    before = {"starts_at": shift.starts_at, "ends_at": shift.ends_at}
    before["place"] = shift.place
    shift.starts_at = datetime.datetime(2030, 5, 4, 6, 0, tzinfo=datetime.UTC)
    shift.ends_at = datetime.datetime(2030, 5, 4, 9, 0, tzinfo=datetime.UTC)
    shift.save()
    assert shifts.shift_changed(shift, before) == 3
    email = emails("shift_changed", to=waiting.volunteer.user.email).get()
    assert "4 May 2030, 10:00" in email.body  # in Baku, the volunteer's zone
    assert "on whose waitlist you are" in email.body
    assert "Where:" not in email.body
    assert emails("shift_changed", to=gone.volunteer.user.email).count() == 0


def test_a_changed_place_is_told(shift):
    holder = SignUpFactory(shift=shift)
    before = {"starts_at": shift.starts_at, "ends_at": shift.ends_at}
    before["place"] = shift.place
    shift.place = "Room 4, 1 Fuzuli street"
    shift.save()
    assert shifts.shift_changed(shift, before) == 1
    body = emails("shift_changed", to=holder.volunteer.user.email).get().body
    assert "Where: now Room 4, 1 Fuzuli street; it was Service centre" in body
    assert "When:" not in body


def test_an_edit_that_changes_neither_time_nor_place_tells_nobody(shift):
    SignUpFactory(shift=shift)
    before = {"starts_at": shift.starts_at, "ends_at": shift.ends_at}
    before["place"] = shift.place
    shift.title = "A better title"
    shift.save()
    assert shifts.shift_changed(shift, before) == 0
    assert emails("shift_changed").count() == 0


# Reminders --------------------------------------------------------------------


def baku_day(days_from_today: int, hour: int, minute: int = 0) -> dict:
    day = timezone.localdate(timezone=BAKU) + datetime.timedelta(days=days_from_today)
    starts = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BAKU)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(minutes=90)}


def in_hours(hours: float) -> dict:
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(minutes=90)}


def test_places_on_shifts_within_a_day_are_reminded_once_each():
    soon = SignUpFactory(shift=ShiftFactory(**in_hours(2)))
    tomorrow = SignUpFactory(shift=ShiftFactory(**in_hours(23.5)))
    assert remind_upcoming_shifts.call() == 2
    assert remind_upcoming_shifts.call() == 0
    for sign_up in (soon, tomorrow):
        sign_up.refresh_from_db()
        assert sign_up.reminded_at is not None
        email = emails("shift_reminder", to=sign_up.volunteer.user.email).get()
        assert "A reminder: your shift" in email.body
        assert sign_up.shift.place in email.body


def test_only_confirmed_places_on_open_shifts_within_a_day_are_reminded():
    tomorrow = ShiftFactory(capacity=1, **in_hours(20))
    SignUpFactory(shift=tomorrow)
    waiting = SignUpFactory(shift=tomorrow, status=SignUp.Status.WAITLISTED)
    SignUpFactory(shift=ShiftFactory(**in_hours(25)))  # the day after: later
    SignUpFactory(shift=ShiftFactory(**in_hours(-0.5)))  # already started
    cancelled = ShiftFactory(status=Shift.Status.CANCELLED, **in_hours(12))
    SignUpFactory(shift=cancelled, status=SignUp.Status.CANCELLED)
    assert remind_upcoming_shifts.call() == 1
    assert emails("shift_reminder", to=waiting.volunteer.user.email).count() == 0


def test_a_moved_shift_is_reminded_again_for_its_new_day():
    sign_up = SignUpFactory(shift=ShiftFactory(**baku_day(1, 10)))
    remind_upcoming_shifts.call()
    shift = sign_up.shift
    before = {"starts_at": shift.starts_at, "ends_at": shift.ends_at}
    shift.starts_at += datetime.timedelta(days=7)
    shift.ends_at += datetime.timedelta(days=7)
    shift.save()
    shifts.shift_changed(shift, before)
    sign_up.refresh_from_db()
    assert sign_up.reminded_at is None


# Who sees whom, and the project page's list --------------------------------------


def test_only_the_lead_and_the_confirmed_see_each_others_contacts(shift):
    lead = VolunteerFactory()
    shift.lead = lead.user
    shift.save()
    holder = SignUpFactory(shift=shift).volunteer
    SignUpFactory(shift=shift)
    waiting = shifts.sign_up(VolunteerFactory(), shift).volunteer
    outsider = VolunteerFactory()
    assert shifts.may_see_contact(lead.user, holder, shift)
    assert shifts.may_see_contact(lead.user, waiting, shift)
    assert not shifts.may_see_contact(lead.user, outsider, shift)
    assert shifts.may_see_contact(holder.user, lead, shift)
    assert not shifts.may_see_contact(waiting.user, lead, shift)
    assert not shifts.may_see_contact(outsider.user, lead, shift)
    assert not shifts.may_see_contact(holder.user, waiting, shift)
    assert shifts.lead_contact(holder.user, shift).email == lead.user.email
    assert shifts.lead_contact(outsider.user, shift) is None


def test_open_shifts_say_who_may_sign_up_in_a_constant_number_of_queries(
    interpreting,
):
    project = ShiftFactory(**days_ahead(2)).project
    volunteer = VolunteerFactory()

    def counted():
        with CaptureQueriesContext(connection) as queries:
            listed = shifts.open_shifts(project, volunteer)
        return listed, len(queries)

    few, few_queries = counted()
    for days in range(3, 9):
        needing = ShiftFactory(project=project, **days_ahead(days))
        needing.required_qualifications.set([interpreting])
    SignUpFactory(volunteer=volunteer, shift=few[0])
    ShiftFactory(project=project, **days_ahead(-1))  # over: not listed
    many, many_queries = counted()
    assert few_queries == many_queries
    assert len(many) == 7
    assert many[0].my_sign_up is not None and not many[0].may_sign_up
    assert all(not s.may_sign_up and "Interpreting" in s.problems[0] for s in many[1:])
    assert not any(s.may_sign_up for s in shifts.open_shifts(project))

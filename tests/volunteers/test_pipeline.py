"""Applying to the union and moving through its pipeline, every move recorded."""

import pytest

from lms_volunteers.models import Pledge, StatusChange, Volunteer
from lms_volunteers.pipeline import (
    PipelineError,
    accept_pledges,
    apply,
    move,
    pledges_to_accept,
)
from tests.volunteers.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def test_a_newcomer_starts_as_an_applicant_awaiting_screening(newcomer):
    volunteer = apply(newcomer, **ANSWERS)
    assert volunteer.status == Volunteer.Status.APPLICANT
    assert not volunteer.fast_tracked


def test_a_graduate_skips_screening_and_the_reason_names_her_certificate(graduate):
    volunteer = apply(graduate, **ANSWERS)
    assert volunteer.status == Volunteer.Status.IN_TRAINING
    assert volunteer.fast_tracked
    change = StatusChange.objects.get(volunteer=volunteer)
    assert "Migration School graduate" in change.reason


def test_applying_twice_is_refused_and_changes_nothing(newcomer):
    apply(newcomer, **ANSWERS)
    with pytest.raises(PipelineError):
        apply(newcomer, **{**ANSWERS, "skills": "Something else"})
    volunteer = Volunteer.objects.get(user=newcomer)
    assert volunteer.skills == ANSWERS["skills"]
    assert volunteer.status_changes.count() == 1


def test_someone_who_left_may_apply_again(newcomer, staff):
    volunteer = apply(newcomer, **ANSWERS)
    move(volunteer, "declined", by=staff, reason="Not now")
    again = apply(newcomer, **ANSWERS)
    assert again.pk == volunteer.pk
    assert again.status == "applicant"


def test_staff_moves_are_recorded_with_who_and_why(newcomer, staff):
    volunteer = apply(newcomer, **ANSWERS)
    move(volunteer, "screened", by=staff, reason="Interviewed on Monday")
    change = volunteer.status_changes.last()
    assert (change.from_status, change.to_status) == ("applicant", "screened")
    assert change.changed_by == staff
    assert change.reason == "Interviewed on Monday"


def test_a_move_the_pipeline_does_not_allow_is_refused(newcomer, staff):
    volunteer = apply(newcomer, **ANSWERS)
    with pytest.raises(PipelineError):
        move(volunteer, "active", by=staff)
    volunteer.refresh_from_db()
    assert volunteer.status == "applicant"


def test_a_new_version_of_a_pledge_must_be_accepted_again(newcomer, pledges):
    volunteer = apply(newcomer, **ANSWERS)
    accept_pledges(volunteer, pledges_to_accept(volunteer))
    assert pledges_to_accept(volunteer) == []
    newer = Pledge.objects.create(kind="conduct", version=2, text="<p>Be kinder.</p>")
    assert pledges_to_accept(volunteer) == [newer]


def test_accepting_a_pledge_twice_keeps_one_record(newcomer, pledges):
    volunteer = apply(newcomer, **ANSWERS)
    accept_pledges(volunteer, pledges)
    accept_pledges(volunteer, pledges)
    assert volunteer.pledges_accepted.count() == 2


def test_deleting_the_account_keeps_an_anonymous_record_in_the_union(
    newcomer, staff, desk_basics, coordinator
):
    from accounts.personal_data import delete_account, export
    from lms_volunteers.qualifications import grant_by_hand

    volunteer = apply(newcomer, **ANSWERS)
    move(volunteer, "screened", by=staff, reason="Kamran was great at the interview")
    grant_by_hand(volunteer, desk_basics, by=staff, reason="Kamran worked at a desk")
    assert export(newcomer)["volunteer"]["skills"] == ANSWERS["skills"]
    delete_account(newcomer, by=coordinator, reason="Asked by email")
    kept = Volunteer.objects.get()
    assert kept.user.email.endswith("@deleted.invalid")
    assert kept.skills == kept.motivation == ""
    assert not StatusChange.objects.filter(reason__contains="Kamran").exists()
    assert kept.qualifications.get().reason == "—"


def test_deleting_the_account_keeps_the_hours_and_removes_what_names_the_person(
    coordinator, staff
):
    from accounts.personal_data import delete_account, export
    from lms_volunteers.hours import approve, union_totals
    from lms_volunteers.letters import issue_letter
    from lms_volunteers.models import HoursEntry, ServiceLetter
    from tests.volunteers.factories import HoursEntryFactory, VolunteerFactory

    volunteer = VolunteerFactory(phone="+994 50 111 22 33")
    volunteer.user.first_name = "Kamran"
    volunteer.user.save()
    entry = HoursEntryFactory(volunteer=volunteer, description="Helped Kamran's aunt")
    approve(entry, by=staff)
    letter = issue_letter(volunteer)
    mine = export(volunteer.user)["volunteer"]
    assert mine["phone"] == "+994 50 111 22 33"
    assert mine["hours"][0]["description"] == "Helped Kamran's aunt"
    assert mine["letters_of_service"][0]["code"] == letter.display_code
    before = union_totals().total

    delete_account(volunteer.user, by=coordinator, reason="Asked by email")
    assert union_totals().total == before
    kept = HoursEntry.objects.get()
    assert kept.hours == entry.hours and kept.description == ""
    assert Volunteer.objects.get().phone == ""
    assert not ServiceLetter.objects.exists()

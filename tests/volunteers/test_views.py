"""Joining the union at /volunteers/apply/, and the volunteer's own page."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from lms_courses.dashboard import dashboard_panels
from lms_volunteers.models import (
    DepartmentPage,
    Pledge,
    PledgeAcceptance,
    QualificationGrant,
    Volunteer,
    VolunteersIndexPage,
)
from lms_volunteers.pipeline import accept_pledges, apply, move
from tests.volunteers.conftest import ANSWERS

pytestmark = pytest.mark.django_db

APPLY = "/en/volunteers/apply/"
ME = "/en/volunteers/me/"
DASHBOARD = "/en/dashboard/"


@pytest.fixture
def department(school):
    """The "Legal aid" department, written in Azerbaijani and translated to English."""
    index = school["home"].add_child(
        instance=VolunteersIndexPage(title="Könüllülər", slug="volunteers")
    )
    page = index.add_child(
        instance=DepartmentPage(title="Hüquqi yardım", slug="huquqi-yardim")
    )
    english = Locale.objects.get(language_code="en")
    for original, title in [
        (school["home"], school["home"].title),
        (index, "Volunteers"),
        (page, "Legal aid"),
    ]:
        translation = original.copy_for_translation(english)
        translation.title = title
        translation.save_revision().publish()
    return page


def posted(pledges, **answers):
    """A complete application with every pledge ticked."""
    return {
        **ANSWERS,
        **{f"pledge_{pledge.pk}": "on" for pledge in pledges},
        **answers,
    }


def volunteer_of(user, pledges=(), **answers):
    volunteer = apply(user, **{**ANSWERS, **answers})
    accept_pledges(volunteer, list(pledges))
    return volunteer


# Applying ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_first(client):
    for url in (APPLY, ME):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"


def test_the_form_asks_for_each_pledge_with_its_text(client, newcomer, pledges):
    client.force_login(newcomer)
    page = client.get(APPLY).content.decode()
    assert "I accept the Code of conduct (version 1)" in page
    assert "I accept the Confidentiality pledge (version 1)" in page
    assert "<details>" in page and "Be kind." in page
    assert "no screening" not in page


def test_departments_are_offered_in_the_readers_language(client, newcomer, department):
    client.force_login(newcomer)
    page = client.get(APPLY).content.decode()
    assert f'<option value="{department.pk}">Legal aid</option>' in page


def test_a_newcomer_applies_and_awaits_screening(client, newcomer, pledges):
    client.force_login(newcomer)
    response = client.post(APPLY, posted(pledges), follow=True)
    assert response.redirect_chain[-1][0] == ME
    volunteer = Volunteer.objects.get(user=newcomer)
    assert volunteer.status == Volunteer.Status.APPLICANT
    assert set(
        PledgeAcceptance.objects.filter(volunteer=volunteer).values_list(
            "pledge", flat=True
        )
    ) == {pledge.pk for pledge in pledges}
    page = response.content.decode()
    assert "Your application is sent" in page
    assert "Applicant" in page


def test_the_chosen_department_is_kept(client, newcomer, pledges, department):
    client.force_login(newcomer)
    client.post(APPLY, posted(pledges, department=department.pk))
    assert Volunteer.objects.get(user=newcomer).department == department


def test_a_graduate_is_told_of_the_fast_track_and_finds_her_languages(
    client, graduate, pledges
):
    client.force_login(graduate)
    page = client.get(APPLY).content.decode()
    assert "You are a Migration School graduate: no screening" in page
    assert 'value="Azerbaijani, English, Russian"' in page
    assert "I want to work on migration policy." not in page


def test_a_graduate_who_applies_lands_in_training(client, graduate, pledges):
    client.force_login(graduate)
    response = client.post(APPLY, posted(pledges), follow=True)
    assert Volunteer.objects.get(user=graduate).status == "in_training"
    page = response.content.decode()
    assert "In training" in page
    assert "fast-tracked" in page


def test_an_unticked_pledge_is_refused_and_nothing_is_saved(client, newcomer, pledges):
    client.force_login(newcomer)
    answers = posted(pledges)
    del answers[f"pledge_{pledges[1].pk}"]
    response = client.post(APPLY, answers)
    assert response.status_code == 400
    assert "Accept the Confidentiality pledge to go on." in response.content.decode()
    assert not Volunteer.objects.exists()
    assert not PledgeAcceptance.objects.exists()


def test_answers_over_the_limit_are_refused(client, newcomer, pledges):
    client.force_login(newcomer)
    response = client.post(APPLY, posted(pledges, motivation="x" * 2001))
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_a_department_that_does_not_exist_is_refused(client, newcomer, pledges):
    client.force_login(newcomer)
    response = client.post(APPLY, posted(pledges, department="999999"))
    assert response.status_code == 400
    assert not Volunteer.objects.exists()


def test_someone_who_applied_is_sent_to_their_page_instead(client, newcomer, pledges):
    volunteer_of(newcomer, pledges)
    client.force_login(newcomer)
    response = client.get(APPLY, follow=True)
    assert response.redirect_chain[-1][0] == ME
    assert "You have already applied" in response.content.decode()


def test_applying_twice_changes_nothing(client, newcomer, pledges):
    volunteer_of(newcomer, pledges)
    client.force_login(newcomer)
    response = client.post(APPLY, posted(pledges, skills="Something else"))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(user=newcomer)
    assert volunteer.skills == ANSWERS["skills"]
    assert volunteer.status_changes.count() == 1


def test_someone_declined_may_apply_again(client, newcomer, pledges, staff):
    move(volunteer_of(newcomer, pledges), "declined", by=staff, reason="Not now")
    client.force_login(newcomer)
    assert "You may apply again" in client.get(ME).content.decode()
    client.post(APPLY, posted(pledges))
    assert Volunteer.objects.get(user=newcomer).status == "applicant"


def test_the_motivation_is_shown_as_plain_text(client, newcomer, pledges):
    client.force_login(newcomer)
    response = client.post(
        APPLY, posted(pledges, motivation="<script>alert(1)</script>", languages="")
    )
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# My volunteering -------------------------------------------------------------


def test_someone_who_has_not_applied_is_sent_to_apply(client, newcomer):
    client.force_login(newcomer)
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"] == APPLY


def test_my_page_shows_the_history_without_naming_staff(client, newcomer, staff):
    staff.first_name = "Leyla"
    staff.save()
    move(volunteer_of(newcomer), "screened", by=staff, reason="Interviewed on Monday")
    client.force_login(newcomer)
    page = client.get(ME).content.decode()
    assert "You applied (status: “Applicant”)" in page
    assert "Moved to “Screened”" in page
    assert "by the union staff" in page
    assert "Interviewed on Monday" in page
    assert "Leyla" not in page and staff.email not in page
    assert "You have passed the screening" in page


def test_my_page_links_each_missing_training(client, graduate, desk_basics):
    volunteer_of(graduate)
    client.force_login(graduate)
    page = client.get(ME).content.decode()
    assert "Trainings to become active" in page
    assert "Assistance desk basics" in page
    assert f'href="{desk_basics.quiz.url}"' in page
    assert "Pass the quiz “Desk basics check”" in page


def test_my_page_shows_qualifications_held_and_those_expired(
    client, newcomer, desk_basics, first_aid
):
    volunteer = volunteer_of(newcomer)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    QualificationGrant.objects.create(
        volunteer=volunteer,
        qualification=desk_basics,
        source="quiz",
        granted_at=long_ago,
        expires_at=desk_basics.expiry_from(long_ago),
    )
    QualificationGrant.objects.create(
        volunteer=volunteer, qualification=first_aid, source="course"
    )
    client.force_login(newcomer)
    page = client.get(ME).content.decode()
    assert "Psychological first aid" in page
    assert "does not expire" in page
    assert "expired on" in page


def test_a_new_pledge_version_is_accepted_on_my_page(client, newcomer, pledges):
    volunteer = volunteer_of(newcomer, pledges)
    new_conduct = Pledge.objects.create(
        kind="conduct", version=2, text="<p>Be kind, and on time.</p>"
    )
    client.force_login(newcomer)
    page = client.get(ME).content.decode()
    assert "I accept the Code of conduct (version 2)" in page
    assert "Be kind, and on time." in page
    response = client.post(ME, {f"pledge_{new_conduct.pk}": "on"}, follow=True)
    assert "you have accepted the pledges" in response.content.decode()
    assert volunteer.pledges_accepted.filter(pledge=new_conduct).exists()
    assert "version 2" not in response.content.decode()


def test_an_unticked_new_pledge_is_not_recorded(client, newcomer, pledges):
    volunteer = volunteer_of(newcomer, pledges)
    new_conduct = Pledge.objects.create(kind="conduct", version=2, text="<p>New</p>")
    client.force_login(newcomer)
    response = client.post(ME, {})
    assert response.status_code == 400
    assert "Accept the Code of conduct to go on." in response.content.decode()
    assert not volunteer.pledges_accepted.filter(pledge=new_conduct).exists()


def test_a_volunteer_never_sees_another_volunteers_record(
    client, newcomer, graduate, staff
):
    other = volunteer_of(
        graduate, motivation="My brother waited two years for his permit."
    )
    move(other, "paused", by=staff, reason="Abroad until May")
    volunteer_of(newcomer)
    client.force_login(newcomer)
    for url in (ME, DASHBOARD):
        page = client.get(url).content.decode()
        assert "two years for his permit" not in page
        assert "Abroad until May" not in page
        assert "Paused" not in page


# The dashboard ---------------------------------------------------------------


def test_a_graduate_is_invited_to_join_from_the_dashboard(client, graduate):
    client.force_login(graduate)
    page = client.get(DASHBOARD).content.decode()
    assert "Join the Migration Volunteers" in page
    assert f'href="{APPLY}"' in page


def test_a_volunteer_sees_the_status_and_pending_pledges_on_the_dashboard(
    client, newcomer, pledges
):
    volunteer_of(newcomer, pledges)
    Pledge.objects.create(kind="confidentiality", version=2, text="<p>New</p>")
    client.force_login(newcomer)
    page = client.get(DASHBOARD).content.decode()
    assert "Applicant" in page
    assert f'href="{ME}"' in page
    assert "Accept the new pledges" in page


def test_the_dashboard_says_nothing_to_others(rf, newcomer):
    request = rf.get(DASHBOARD)
    request.user = newcomer
    assert not any(
        type(panel).__name__ == "VolunteeringPanel"
        for panel in dashboard_panels(request)
    )

"""The union's staff in the Wagtail admin: the volunteers' list and files, moves
through the pipeline and qualifications granted by hand, each with a reason, and
pledges that never change once accepted."""

import csv
import io

import pytest
from wagtail.models import ModelLogEntry

from lms_volunteers.models import Pledge, QualificationGrant, StatusChange, Volunteer
from lms_volunteers.pipeline import accept_pledges, apply, move
from lms_volunteers.qualifications import grant_by_hand
from tests.conftest import count_queries
from tests.factories import (
    DepartmentPageFactory,
    UserFactory,
    VolunteersIndexPageFactory,
    admin_in_english,
)
from tests.volunteers.conftest import ANSWERS

pytestmark = pytest.mark.django_db

LIST = "/admin/volunteers/"
QUALIFICATIONS = "/admin/volunteer_qualifications/"
PLEDGES = "/admin/volunteer_pledges/"
Status = Volunteer.Status


@pytest.fixture(autouse=True)
def english_admin(staff, coordinator, trainer, student):
    admin_in_english(staff, coordinator, trainer, student)


@pytest.fixture
def department(school):
    union = VolunteersIndexPageFactory(parent=school["home"])
    return DepartmentPageFactory(parent=union, title="Legal aid")


@pytest.fixture
def aynur(graduate, department):
    """Fast-tracked, speaks Persian, interested in legal aid."""
    return apply(graduate, department=department, **ANSWERS)


@pytest.fixture
def kamran(newcomer):
    """An applicant who speaks Georgian."""
    return apply(newcomer, **{**ANSWERS, "languages": "Georgian", "skills": "Driving"})


def file_url(volunteer):
    return f"{LIST}{volunteer.pk}/"


def page_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The list ----------------------------------------------------------------------


def test_staff_list_volunteers_with_status_department_and_languages(
    client, staff, aynur, kamran
):
    client.force_login(staff)
    page = page_of(client.get(LIST))
    assert "aynur@school.example" in page and "kamran@school.example" in page
    assert "In training" in page and "Applicant" in page
    assert "Legal aid" in page
    assert "Azerbaijani, Russian, Persian" in page


def test_staff_filter_volunteers_by_status_department_and_fast_track(
    client, staff, aynur, kamran, department
):
    client.force_login(staff)
    page = page_of(client.get(LIST, {"status": "applicant"}))
    assert "kamran@" in page and "aynur@" not in page
    page = page_of(client.get(LIST, {"department": department.pk}))
    assert "aynur@" in page and "kamran@" not in page
    page = page_of(client.get(LIST, {"fast_tracked": "true"}))
    assert "aynur@" in page and "kamran@" not in page


def test_staff_filter_volunteers_by_a_language_they_speak(client, staff, aynur, kamran):
    client.force_login(staff)
    page = page_of(client.get(LIST, {"language": "georg"}))
    assert "kamran@" in page and "aynur@" not in page


def test_the_qualification_filter_keeps_holders_of_a_valid_one_only(
    client, staff, aynur, kamran, desk_basics
):
    grant_by_hand(aynur, desk_basics, by=staff, reason="Trained in person")
    expired = grant_by_hand(kamran, desk_basics, by=staff, reason="Trained in 2020")
    QualificationGrant.objects.filter(pk=expired.pk).update(
        expires_at="2021-01-01T00:00:00Z"
    )
    client.force_login(staff)
    page = page_of(client.get(LIST, {"qualification": desk_basics.pk}))
    assert "aynur@" in page and "kamran@" not in page


def test_staff_search_volunteers_by_name_email_language_or_skill(
    client, staff, aynur, kamran
):
    client.force_login(staff)
    for query in ("Kamran", "kamran@school", "Georgian", "driving"):
        page = page_of(client.get(LIST, {"q": query}))
        assert "kamran@" in page and "aynur@" not in page, query


def test_the_export_has_headings_and_a_row_per_volunteer(
    client, staff, aynur, kamran, desk_basics
):
    grant_by_hand(aynur, desk_basics, by=staff, reason="Trained in person")
    client.force_login(staff)
    response = client.get(LIST, {"export": "csv", "status": "in_training"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 1
    assert rows[0]["Email"] == "aynur@school.example"
    assert rows[0]["Status"] == "In training"
    assert rows[0]["Department"] == "Legal aid"
    assert rows[0]["Languages spoken"] == "Azerbaijani, Russian, Persian"
    assert rows[0]["Fast-tracked"] == "yes"
    assert rows[0]["Qualifications held"] == "Assistance desk basics"


def test_the_export_also_comes_as_a_spreadsheet(client, staff, aynur):
    client.force_login(staff)
    response = client.get(LIST, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('volunteers.xlsx"')


def test_nobody_adds_or_deletes_a_volunteer_here(client, aynur):
    superuser = UserFactory(is_superuser=True)
    admin_in_english(superuser)
    client.force_login(superuser)
    page = page_of(client.get(LIST))
    assert "Add volunteer" not in page
    assert client.get(f"{LIST}new/").status_code == 404
    assert client.get(f"{LIST}delete/{aynur.pk}/").status_code == 404


def test_the_list_runs_the_same_queries_for_3_and_60_volunteers(
    client, staff, department, desk_basics
):
    def add_volunteers(count):
        for _ in range(count):
            volunteer = apply(UserFactory(), department=department, **ANSWERS)
            grant_by_hand(volunteer, desk_basics, by=staff, reason="In person")

    client.force_login(staff)
    add_volunteers(3)
    few = count_queries(client, LIST)
    add_volunteers(57)
    many = count_queries(client, LIST)
    assert few == many


# A volunteer's file ------------------------------------------------------------


def test_the_file_shows_answers_history_pledges_and_qualifications(
    client, staff, aynur, pledges, desk_basics
):
    accept_pledges(aynur, pledges)
    grant_by_hand(aynur, desk_basics, by=staff, reason="Trained at the Red Crescent")
    client.force_login(staff)
    page = page_of(client.get(file_url(aynur)))
    assert ANSWERS["motivation"] in page
    assert "Migration School graduate" in page  # why she skipped screening
    assert "Code of conduct" in page and "Confidentiality pledge" in page
    assert "Assistance desk basics" in page
    assert "Granted by staff" in page and "staff@volunteers.example" in page
    assert "Trained at the Red Crescent" in page


def test_a_file_that_does_not_exist_is_not_found(client, staff):
    client.force_login(staff)
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}999999/move/").status_code == 404


# Moving through the pipeline ----------------------------------------------------


def test_staff_move_a_volunteer_with_a_reason_that_history_keeps(client, staff, kamran):
    client.force_login(staff)
    form = {"from_status": "applicant", "to_status": "screened", "reason": "Met"}
    response = client.post(f"{LIST}{kamran.pk}/move/", form, follow=True)
    assert "is now “Screened”" in " ".join(messages_of(response))
    kamran.refresh_from_db()
    assert kamran.status == Status.SCREENED
    change = StatusChange.objects.filter(volunteer=kamran).last()
    assert (change.changed_by, change.reason) == (staff, "Met")
    entry = ModelLogEntry.objects.get(action="volunteers.move")
    assert (entry.user, entry.data["reason"]) == (staff, "Met")
    history = page_of(client.get(f"{LIST}{kamran.pk}/history/"))
    assert "Moved from “Applicant” to “Screened”: Met" in history


def test_the_move_form_offers_only_the_allowed_next_statuses(client, staff, kamran):
    client.force_login(staff)
    page = page_of(client.get(f"{LIST}{kamran.pk}/move/"))
    assert 'value="screened"' in page and 'value="declined"' in page
    assert 'value="active"' not in page


def test_a_move_without_a_reason_is_refused(client, staff, kamran):
    client.force_login(staff)
    form = {"from_status": "applicant", "to_status": "screened", "reason": " "}
    response = client.post(f"{LIST}{kamran.pk}/move/", form)
    assert response.status_code == 400
    assert "This field is required" in page_of(response)
    kamran.refresh_from_db()
    assert kamran.status == Status.APPLICANT


def test_a_move_the_pipeline_forbids_is_refused(client, staff, kamran):
    client.force_login(staff)
    form = {"from_status": "applicant", "to_status": "active", "reason": "Keen"}
    response = client.post(f"{LIST}{kamran.pk}/move/", form)
    assert response.status_code == 400
    assert "Select a valid choice" in page_of(response)
    kamran.refresh_from_db()
    assert kamran.status == Status.APPLICANT


def test_a_stale_move_form_says_someone_moved_the_volunteer_meanwhile(
    client, staff, kamran
):
    move(kamran, Status.SCREENED, by=staff, reason="Other tab")
    client.force_login(staff)
    form = {"from_status": "applicant", "to_status": "declined", "reason": "No"}
    response = client.post(f"{LIST}{kamran.pk}/move/", form)
    assert response.status_code == 400
    page = page_of(response)
    assert "Someone moved this volunteer to “Screened”" in page
    assert 'name="from_status" value="screened"' in page  # offered again, fresh
    assert 'value="in_training"' in page
    kamran.refresh_from_db()
    assert kamran.status == Status.SCREENED


def test_a_move_that_loses_a_race_to_another_tab_changes_nothing(
    client, staff, kamran, monkeypatch
):
    from lms_volunteers.admin.volunteer_actions import MoveForm

    checked = MoveForm.clean

    def other_tab_moves_once_checked(form):
        cleaned = checked(form)
        move(Volunteer.objects.get(pk=kamran.pk), Status.DECLINED, reason="Tab")
        return cleaned

    monkeypatch.setattr(MoveForm, "clean", other_tab_moves_once_checked)
    client.force_login(staff)
    form = {"from_status": "applicant", "to_status": "screened", "reason": "Met"}
    response = client.post(f"{LIST}{kamran.pk}/move/", form)
    assert response.status_code == 400
    assert "Someone moved this volunteer to “Declined”" in page_of(response)
    kamran.refresh_from_db()
    assert kamran.status == Status.DECLINED
    assert not ModelLogEntry.objects.filter(action="volunteers.move").exists()


# Granting by hand ---------------------------------------------------------------


def test_staff_grant_a_qualification_by_hand_with_a_reason(
    client, staff, kamran, desk_basics
):
    client.force_login(staff)
    form = {"qualification": desk_basics.pk, "reason": "Red Crescent course"}
    response = client.post(f"{LIST}{kamran.pk}/grant/", form, follow=True)
    assert "holds “Assistance desk basics” until" in " ".join(messages_of(response))
    grant = QualificationGrant.objects.get(volunteer=kamran)
    assert (grant.source, grant.granted_by, grant.reason) == (
        "hand",
        staff,
        "Red Crescent course",
    )
    assert ModelLogEntry.objects.get(action="volunteers.grant_by_hand").user == staff


def test_a_grant_without_a_reason_is_refused(client, staff, kamran, desk_basics):
    client.force_login(staff)
    form = {"qualification": desk_basics.pk, "reason": ""}
    response = client.post(f"{LIST}{kamran.pk}/grant/", form)
    assert response.status_code == 400
    assert "This field is required" in page_of(response)
    assert not QualificationGrant.objects.exists()


def test_granting_the_last_required_qualification_makes_a_trainee_active(
    client, staff, aynur, desk_basics
):
    client.force_login(staff)
    form = {"qualification": desk_basics.pk, "reason": "Trained in person"}
    client.post(f"{LIST}{aynur.pk}/grant/", form)
    aynur.refresh_from_db()
    assert aynur.status == Status.ACTIVE


# Who may do what ----------------------------------------------------------------


def test_coordinators_read_the_list_and_files_but_cannot_act(
    client, coordinator, kamran, desk_basics
):
    client.force_login(coordinator)
    assert "kamran@" in page_of(client.get(LIST))
    page = page_of(client.get(file_url(kamran)))
    assert ANSWERS["motivation"] in page
    assert "Move in the pipeline" not in page
    form = {"from_status": "applicant", "to_status": "screened", "reason": "x"}
    assert client.post(f"{LIST}{kamran.pk}/move/", form).status_code == 302
    grant = {"qualification": desk_basics.pk, "reason": "x"}
    assert client.post(f"{LIST}{kamran.pk}/grant/", grant).status_code == 302
    kamran.refresh_from_db()
    assert kamran.status == Status.APPLICANT
    assert not QualificationGrant.objects.exists()


@pytest.mark.parametrize("who", ["trainer", "student"])
def test_trainers_and_students_see_no_volunteers(client, request, who, kamran):
    client.force_login(request.getfixturevalue(who))
    for url in (LIST, file_url(kamran), f"{LIST}{kamran.pk}/move/", PLEDGES):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].split("?")[0] in ("/admin/", "/admin/login/")


def test_the_trainers_menu_has_no_migration_volunteers(client, trainer, staff):
    client.force_login(trainer)
    assert "Migration Volunteers" not in page_of(client.get("/admin/"))
    client.force_login(staff)
    assert "Migration Volunteers" in page_of(client.get("/admin/"))


# Qualifications and pledges ------------------------------------------------------


def test_the_qualifications_list_shows_what_grants_each_and_for_how_long(
    client, staff, desk_basics, first_aid
):
    client.force_login(staff)
    page = page_of(client.get(QUALIFICATIONS))
    assert "Desk basics check" in page and "365 days" in page
    assert "Border management" in page and "Never expires" in page


def test_staff_add_a_qualification_without_a_course_or_quiz(client, staff):
    client.force_login(staff)
    form = {
        "name_az": "Sürücülük",
        "name_en": "Driving",
        "name_ru": "Вождение",
        "valid_for_days": "",
    }
    response = client.post(f"{QUALIFICATIONS}new/", form)
    assert response.status_code == 302
    page = page_of(client.get(QUALIFICATIONS))
    assert "Driving" in page and "Staff only, by hand" in page


def test_staff_add_the_next_version_of_a_pledge_prefilled(client, staff, pledges):
    client.force_login(staff)
    page = page_of(client.get(f"{PLEDGES}new/", {"kind": "conduct"}))
    assert 'value="2"' in page and "Be kind." in page


def test_a_pledge_volunteers_accepted_cannot_be_edited(client, staff, kamran, pledges):
    conduct = pledges[0]
    accept_pledges(kamran, [conduct])
    client.force_login(staff)
    response = client.get(f"{PLEDGES}edit/{conduct.pk}/", follow=True)
    assert "add a new version instead" in " ".join(messages_of(response))
    form = {
        "kind": "conduct",
        "version": "1",
        "published_at": "2024-01-01 10:00",
        "text": '{"blocks": [{"key": "a", "text": "Changed", "type": "unstyled", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
        '"entityMap": {}}',
    }
    response = client.post(f"{PLEDGES}edit/{conduct.pk}/", form)
    assert response.status_code == 302
    conduct.refresh_from_db()
    assert conduct.text == "<p>Be kind.</p>"


def test_a_pledge_nobody_accepted_yet_can_be_corrected(client, staff, pledges):
    client.force_login(staff)
    assert client.get(f"{PLEDGES}edit/{pledges[0].pk}/").status_code == 200


def test_the_pledges_list_shows_each_version_and_who_accepted_it(
    client, staff, kamran, pledges
):
    accept_pledges(kamran, pledges)
    Pledge.objects.create(kind="conduct", version=2, text="<p>Be kinder.</p>")
    client.force_login(staff)
    page = page_of(client.get(PLEDGES, {"kind": "conduct"}))
    assert "Code of conduct v2" in page and "Code of conduct v1" in page
    assert "Confidentiality pledge v1" not in page

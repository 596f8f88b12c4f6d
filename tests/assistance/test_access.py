"""Need-to-know: a volunteer sees only their open task and only the fields it needs;
access ends with the task; other desks and the data-protection officer see nothing
without a grant; every read is logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms_assistance import access, audit
from lms_assistance.models import AccessGrant, AuditEntry, HelpKind, Status
from tests.factories import UserFactory

from .factories import DEMO_DOCUMENT, AssistanceRequestFactory, DeskFactory

pytestmark = pytest.mark.django_db


def detail(client, request):
    return client.get(reverse("desk:request", args=[request.reference]))


def test_access_ends_when_the_task_is_done(client, desk_world):
    volunteer = desk_world.users["assigned_volunteer"]
    client.force_login(volunteer)
    assert detail(client, desk_world.request).status_code == 200
    client.post(
        reverse("desk:status", args=[desk_world.request.reference]),
        {"action": "finish"},
    )
    assert detail(client, desk_world.request).status_code == 404
    note = client.post(
        reverse("desk:note", args=[desk_world.request.reference]), {"text": "Late"}
    )
    assert note.status_code == 404
    assert (
        desk_world.request.reference
        not in client.get(reverse("desk:index")).content.decode()
    )


def test_access_ends_when_the_task_is_reassigned(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    client.post(
        reverse("desk:assign", args=[desk_world.request.reference]),
        {"volunteer": desk_world.users["other_volunteer"].pk},
    )
    client.force_login(desk_world.users["assigned_volunteer"])
    assert detail(client, desk_world.request).status_code == 404
    client.force_login(desk_world.users["other_volunteer"])
    assert detail(client, desk_world.request).status_code == 200


def test_access_ends_when_the_volunteer_is_paused(client, desk_world):
    volunteer = desk_world.users["assigned_volunteer"]
    volunteer.volunteer.status = "paused"
    volunteer.volunteer.save()
    client.force_login(volunteer)
    assert detail(client, desk_world.request).status_code == 404


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        (HelpKind.FORMS, [DEMO_DOCUMENT, "Iranian"], ["5 Fuzuli"]),
        (HelpKind.COUNSELLING, ["Iranian"], [DEMO_DOCUMENT, "Karimova", "5 Fuzuli"]),
        (HelpKind.DELIVERY, ["Karimova", "5 Fuzuli"], [DEMO_DOCUMENT, "Iranian"]),
    ],
)
def test_a_volunteer_sees_only_the_fields_the_task_needs(
    client, desk_world, kind, shown, hidden
):
    request = AssistanceRequestFactory(
        desk=desk_world.desk,
        kind=kind,
        address="5 Fuzuli street",
        status=Status.ASSIGNED,
        assignee=desk_world.users["other_volunteer"],
    )
    client.force_login(desk_world.users["other_volunteer"])
    page = detail(client, request).content.decode()
    for value in shown:
        assert value in page
    for value in hidden:
        assert value not in page
    # Desk staff see everything.
    client.force_login(desk_world.users["desk_staff"])
    page = detail(client, request).content.decode()
    for value in shown + hidden:
        assert value in page


def test_staff_of_another_desk_see_nothing(client, desk_world):
    elsewhere = UserFactory()
    DeskFactory(staff=[elsewhere])
    client.force_login(elsewhere)
    assert detail(client, desk_world.request).status_code == 404
    response = client.post(
        reverse("desk:status", args=[desk_world.request.reference]),
        {"action": "close", "reason": "x"},
    )
    assert response.status_code == 404
    desk_world.request.refresh_from_db()
    assert desk_world.request.status == Status.ASSIGNED


def test_the_dpo_reads_a_request_only_under_a_grant(client, desk_world):
    dpo = desk_world.users["dpo"]
    client.force_login(dpo)
    assert detail(client, desk_world.request).status_code == 404

    client.force_login(desk_world.users["desk_staff"])
    response = client.post(
        reverse("desk:grant", args=[desk_world.request.reference]),
        {"user": dpo.pk, "reason": "Complaint 12/2026", "days": 2},
    )
    assert response.status_code == 302
    client.force_login(dpo)
    page = detail(client, desk_world.request)
    assert page.status_code == 200
    assert not page.context["may_write"]
    assert (
        client.post(
            reverse("desk:note", args=[desk_world.request.reference]), {"text": "x"}
        ).status_code
        == 404
    )

    AccessGrant.objects.update(
        granted_at=timezone.now() - datetime.timedelta(days=3),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert detail(client, desk_world.request).status_code == 404


@pytest.mark.parametrize("role", ["desk_staff", "assigned_volunteer"])
def test_listing_requests_writes_one_entry_naming_the_requests_shown(
    client, desk_world, role
):
    client.force_login(desk_world.users[role])
    client.get(reverse("desk:index"))
    entry = AuditEntry.objects.get(action="list")
    assert entry.detail["listed"] == [desk_world.request.reference]
    assert entry.actor_id == desk_world.users[role].pk
    assert list(audit.who_saw(desk_world.request.reference)) == [entry]


def test_viewing_a_request_writes_an_entry_with_who_when_and_from_where(
    client, desk_world
):
    client.force_login(desk_world.users["desk_staff"])
    detail(client, desk_world.request)
    entry = AuditEntry.objects.get(action="view")
    assert entry.reference == desk_world.request.reference
    assert entry.actor_label == "Samir " + desk_world.users["desk_staff"].last_name + (
        " <desk@school.example>"
    )
    assert entry.address == "127.0.0.1"
    assert entry.path == reverse("desk:request", args=[desk_world.request.reference])


def test_exporting_the_list_writes_an_export_entry(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    response = client.get(reverse("desk:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    entry = AuditEntry.objects.get(action="export")
    assert entry.detail["listed"] == [desk_world.request.reference]
    assert b"Karimova" not in response.content


def test_visible_requests_takes_the_same_queries_for_few_and_many(
    desk_world, django_assert_max_num_queries
):
    staff = desk_world.users["desk_staff"]
    for _ in range(20):
        AssistanceRequestFactory(desk=desk_world.desk, taken_by=staff)
    with django_assert_max_num_queries(2):
        assert len(access.visible_requests(staff)) == 21


def test_who_may_open_the_desk_is_known_in_one_query(
    desk_world, django_assert_num_queries
):
    """The admin menu asks on every page, for everyone signed in."""
    expected = {
        "student": False,
        "trainer": False,
        "unqualified_volunteer": False,
        "assigned_volunteer": True,
        "other_volunteer": True,
        "desk_staff": True,
        "dpo": True,
    }
    for role, allowed in expected.items():
        with django_assert_num_queries(1):
            assert access.may_use_desk(desk_world.users[role]) is allowed, role
    with django_assert_num_queries(0):
        assert access.may_use_desk(desk_world.users["superuser"])


def test_an_open_task_opens_the_desk_to_an_active_volunteer_only(desk_world):
    from lms_volunteers.models import Volunteer, VolunteerStatus

    helper = desk_world.users["unqualified_volunteer"]
    AssistanceRequestFactory(
        desk=desk_world.desk,
        taken_by=desk_world.users["desk_staff"],
        status=Status.ASSIGNED,
        assignee=helper,
    )
    assert access.may_use_desk(helper)
    Volunteer.objects.filter(user=helper).update(status=VolunteerStatus.PAUSED)
    assert not access.may_use_desk(helper)

"""Deliveries: the chain of custody from the service to the migrant, and who may
record it."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms_assistance.deliveries import (
    DeliveryRefused,
    chain_of,
    record_collection,
    record_handover,
    record_return,
)
from lms_assistance.models import AuditEntry, Delivery, HelpKind, Status

from .factories import DEMO_DOCUMENT, AssistanceRequestFactory

pytestmark = pytest.mark.django_db

HANDOVER = {
    "action": "handover",
    "id_check_kind": "passport",
    "last_digits": "5432",
    "confirmed": "on",
}


@pytest.fixture
def world(desk_world):
    """The desk world, with a document delivery assigned to the volunteer."""
    desk_world.delivery_request = AssistanceRequestFactory(
        desk=desk_world.desk,
        kind=HelpKind.DELIVERY,
        service="Residence card",
        address="5 Fizuli street, flat 3",
        taken_by=desk_world.users["desk_staff"],
        status=Status.ASSIGNED,
        assignee=desk_world.users["assigned_volunteer"],
    )
    return desk_world


@pytest.fixture
def collected(world):
    return record_collection(
        world.delivery_request, "Residence card", world.users["assigned_volunteer"]
    )


def new_url(request) -> str:
    return reverse("desk:delivery_new", args=[request.reference])


def delivery_url(delivery) -> str:
    return reverse("desk:delivery", args=[delivery.request.reference, delivery.pk])


def test_assigned_volunteer_records_collection_and_handover(client, world):
    volunteer = world.users["assigned_volunteer"]
    client.force_login(volunteer)

    response = client.post(new_url(world.delivery_request), {"item": "Residence card"})
    delivery = Delivery.objects.get(request=world.delivery_request)
    assert response.status_code == 302
    assert client.get(delivery_url(delivery)).status_code == 200
    response = client.post(delivery_url(delivery), HANDOVER)

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.stage == Delivery.Stage.DELIVERED
    assert delivery.collected_by == volunteer
    assert delivery.delivered_by == volunteer
    assert delivery.delivered_at is not None
    assert delivery.id_check_kind == "passport"
    assert delivery.id_check_last_digits == "5432"
    assert delivery.recipient_confirmed


def test_delivery_page_shows_the_chain(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.get(delivery_url(collected))

    assert "Collected from the service by Aysel" in response.content.decode()
    assert "Hand it to the recipient" in response.content.decode()


def test_assigned_volunteer_records_a_return_with_its_reason(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        delivery_url(collected), {"action": "return", "reason": "Nobody at home."}
    )

    assert response.status_code == 302
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.RETURNED
    assert collected.returned_reason == "Nobody at home."
    assert collected.returned_by == world.users["assigned_volunteer"]
    assert collected.returned_at is not None


def test_desk_staff_may_record_a_handover(client, world, collected):
    client.force_login(world.users["desk_staff"])

    response = client.post(delivery_url(collected), HANDOVER)

    assert response.status_code == 302
    collected.refresh_from_db()
    assert collected.delivered_by == world.users["desk_staff"]


def test_full_document_number_is_refused_and_never_shown_back(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        delivery_url(collected), {**HANDOVER, "last_digits": DEMO_DOCUMENT}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter only the last four characters" in page
    assert DEMO_DOCUMENT not in page
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.COLLECTED
    assert collected.id_check_last_digits == ""
    assert not AuditEntry.objects.filter(path__contains=DEMO_DOCUMENT).exists()


def test_handover_function_refuses_more_than_four_characters(world, collected):
    with pytest.raises(DeliveryRefused, match="last four characters"):
        record_handover(
            collected,
            world.users["assigned_volunteer"],
            None,
            "passport",
            "98765",
            True,
        )


def test_last_characters_are_kept_without_spaces(world, collected):
    record_handover(
        collected, world.users["assigned_volunteer"], None, "passport", " 54 32 ", True
    )

    collected.refresh_from_db()
    assert collected.id_check_last_digits == "5432"


def test_handover_needs_the_recipients_confirmation(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(delivery_url(collected), {**HANDOVER, "confirmed": ""})

    assert response.status_code == 400
    assert "must confirm receiving the item" in response.content.decode()
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.COLLECTED


def test_two_people_are_required_when_the_desk_requires_it_for_the_kind(
    client, world, collected
):
    world.desk.two_volunteers_for = [HelpKind.DELIVERY]
    world.desk.save()
    world.delivery_request.home_visit = True
    world.delivery_request.save()
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(delivery_url(collected), HANDOVER)

    assert response.status_code == 400
    assert "two people to a home visit" in response.content.decode()
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.COLLECTED


def test_handover_function_refuses_one_person_when_two_are_required(world, collected):
    world.desk.two_volunteers_for = [HelpKind.DELIVERY]
    world.desk.save()
    world.delivery_request.home_visit = True
    world.delivery_request.save()
    collected.refresh_from_db()

    with pytest.raises(DeliveryRefused, match="two people to a home visit"):
        record_handover(
            collected, world.users["assigned_volunteer"], None, "passport", "", True
        )


def test_handover_with_a_member_of_staff_counts_as_two(client, world, collected):
    world.desk.two_volunteers_for = [HelpKind.DELIVERY]
    world.desk.save()
    world.delivery_request.home_visit = True
    world.delivery_request.save()
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        delivery_url(collected),
        {**HANDOVER, "delivered_with": world.users["desk_staff"].pk},
    )

    assert response.status_code == 302
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.DELIVERED
    assert collected.delivered_with == world.users["desk_staff"]


def test_one_person_is_enough_when_the_desk_does_not_require_two(world, collected):
    world.desk.two_volunteers_for = [HelpKind.AID]
    world.desk.save()
    world.delivery_request.home_visit = True
    world.delivery_request.save()
    collected.refresh_from_db()

    record_handover(
        collected, world.users["assigned_volunteer"], None, "passport", "", True
    )

    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.DELIVERED


def test_second_person_must_belong_to_the_request_or_its_desk(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        delivery_url(collected),
        {**HANDOVER, "delivered_with": world.users["other_volunteer"].pk},
    )

    assert response.status_code == 400
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.COLLECTED


def test_handover_function_refuses_a_stranger_as_second_person(world, collected):
    with pytest.raises(DeliveryRefused, match="other volunteer or a member"):
        record_handover(
            collected,
            world.users["assigned_volunteer"],
            world.users["other_volunteer"],
            "passport",
            "",
            True,
        )


def test_an_item_already_returned_cannot_be_handed_over(world, collected):
    record_return(collected, world.users["assigned_volunteer"], "Nobody at home.")

    with pytest.raises(DeliveryRefused, match="no longer waiting"):
        record_handover(
            collected, world.users["assigned_volunteer"], None, "passport", "", True
        )


def test_delivered_item_page_offers_no_further_step(client, world, collected):
    record_handover(
        collected, world.users["assigned_volunteer"], None, "passport", "5432", True
    )
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        delivery_url(collected), {"action": "return", "reason": "Changed my mind."}
    )

    assert response.status_code == 400
    assert "no longer waiting" in response.content.decode()
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.DELIVERED


def test_collection_needs_an_item(client, world):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(new_url(world.delivery_request), {"item": "  "})

    assert response.status_code == 400
    assert not Delivery.objects.exists()


def test_unknown_step_is_a_bad_request(client, world, collected):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(delivery_url(collected), {"action": "burn"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "role", ["other_volunteer", "unqualified_volunteer", "student", "trainer", "dpo"]
)
def test_others_get_404_even_with_raw_posts(client, world, collected, role):
    client.force_login(world.users[role])

    assert client.get(delivery_url(collected)).status_code == 404
    assert client.post(delivery_url(collected), HANDOVER).status_code == 404
    assert (
        client.post(new_url(world.delivery_request), {"item": "Kit"}).status_code == 404
    )
    collected.refresh_from_db()
    assert collected.stage == Delivery.Stage.COLLECTED
    assert Delivery.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in(client, world, collected):
    response = client.get(delivery_url(collected))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_assigned_volunteer_gets_404_once_the_request_is_done(client, world, collected):
    world.delivery_request.status = Status.DONE
    world.delivery_request.closed_at = timezone.now()
    world.delivery_request.save()
    client.force_login(world.users["assigned_volunteer"])

    assert client.get(delivery_url(collected)).status_code == 404
    assert client.post(delivery_url(collected), HANDOVER).status_code == 404
    assert (
        client.post(new_url(world.delivery_request), {"item": "Kit"}).status_code == 404
    )


def test_requests_of_other_kinds_take_no_deliveries(client, world):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(new_url(world.request), {"item": "Residence card"})

    assert response.status_code == 404
    assert not Delivery.objects.exists()


def test_each_step_and_each_view_is_audited_without_personal_details(client, world):
    client.force_login(world.users["assigned_volunteer"])
    client.post(new_url(world.delivery_request), {"item": "Residence card"})
    delivery = Delivery.objects.get()
    client.get(delivery_url(delivery))
    client.post(delivery_url(delivery), HANDOVER)

    entries = AuditEntry.objects.filter(
        reference=world.delivery_request.reference, target=f"delivery {delivery.pk}"
    ).order_by("pk")
    assert [(e.action, e.detail) for e in entries] == [
        ("change", {"stage": "collected"}),
        ("view", {}),
        ("change", {"stage": "delivered"}),
    ]
    assert {e.actor_id for e in entries} == {world.users["assigned_volunteer"].pk}
    logged = " ".join(str(e.detail) + e.target + e.path for e in entries)
    assert "Residence card" not in logged
    assert "5432" not in logged


def test_request_page_include_lists_the_chain_and_a_collection_form(world, collected):
    html = render_to_string(
        "assistance/includes/deliveries.html",
        {
            "request_obj": world.delivery_request,
            "deliveries": chain_of(world.delivery_request),
            "may_write": True,
        },
    )

    assert "Residence card" in html
    assert "Collected from the service by Aysel" in html
    assert new_url(world.delivery_request) in html
    assert delivery_url(collected) in html


def test_request_page_include_offers_no_form_to_readers(world, collected):
    html = render_to_string(
        "assistance/includes/deliveries.html",
        {
            "request_obj": world.delivery_request,
            "deliveries": chain_of(world.delivery_request),
            "may_write": False,
        },
    )

    assert "Residence card" in html
    assert new_url(world.delivery_request) not in html

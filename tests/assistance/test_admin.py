"""Superusers set up desks in the Wagtail admin; desk staff cannot."""

import pytest
from django.urls import reverse

from lms_assistance.models import Desk
from tests.factories import admin_in_english

pytestmark = pytest.mark.django_db


def test_a_superuser_sets_up_a_desk_with_two_volunteer_kinds(client, desk_world):
    superuser = desk_world.users["superuser"]
    admin_in_english(superuser)
    client.force_login(superuser)
    url = reverse("wagtailsnippets_lms_assistance_desk:add")
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "name": "Sumgait desk",
            "place": "Town hall",
            "staff": [desk_world.users["desk_staff"].pk],
            "two_volunteers_for": ["aid", "delivery"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    desk = Desk.objects.get(name="Sumgait desk")
    assert desk.two_volunteers_for == ["aid", "delivery"]
    assert list(desk.staff.all()) == [desk_world.users["desk_staff"]]
    edit = client.get(
        reverse("wagtailsnippets_lms_assistance_desk:edit", args=[desk.pk])
    )
    assert edit.context["form"]["two_volunteers_for"].value() == ["aid", "delivery"]


def test_desk_staff_cannot_edit_desks(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    assert (
        client.get(reverse("wagtailsnippets_lms_assistance_desk:list")).status_code
        == 302
    )

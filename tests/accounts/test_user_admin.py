"""The admin's Users screens: coordinators manage learners, never promote anyone."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@school.example", is_superuser=True, is_staff=True)


def new_user_form(**extra):
    return {
        "email": "new.trainer@school.example",
        "first_name": "Nigar",
        "last_name": "Əliyeva",
        "password1": "a long enough password 42",
        "password2": "a long enough password 42",
        "is_active": "on",
        **extra,
    }


def test_coordinator_sees_no_administrator_box_and_only_learner_roles(
    client, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("wagtailusers_users:add"))
    form = response.context["form"]
    assert "is_superuser" not in form.fields
    assert {g.name for g in form.fields["groups"].queryset} == {"Students", "Trainers"}


def test_coordinator_cannot_create_an_administrator_or_a_coordinator(
    client, coordinator
):
    client.force_login(coordinator)
    coordinators = Group.objects.get(name="Coordinators")
    response = client.post(
        reverse("wagtailusers_users:add"),
        new_user_form(is_superuser="on", groups=[coordinators.pk]),
    )
    assert response.status_code == 200  # the form again, with an error
    assert "groups" in response.context["form"].errors
    assert not coordinators.user_set.exclude(pk=coordinator.pk).exists()

    trainers = Group.objects.get(name="Trainers")
    client.post(
        reverse("wagtailusers_users:add"),
        new_user_form(is_superuser="on", groups=[trainers.pk]),
    )
    created = trainers.user_set.get(email="new.trainer@school.example")
    assert not created.is_superuser


def test_coordinator_cannot_edit_a_superuser_or_another_coordinator(
    client, coordinator, superuser
):
    other = UserFactory(groups=["Coordinators"])
    client.force_login(coordinator)
    for target in (superuser, other):
        url = reverse("wagtailusers_users:edit", args=[target.pk])
        assert client.get(url).status_code in (302, 403)
        client.post(url, {"email": "taken@evil.example", "password1": "x" * 20})
        target.refresh_from_db()
        assert target.email != "taken@evil.example"


def test_coordinator_cannot_change_their_own_groups(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("wagtailusers_users:edit", args=[coordinator.pk]))
    assert "groups" not in response.context["form"].fields
    assert "is_superuser" not in response.context["form"].fields


def test_coordinator_editing_a_trainer_keeps_groups_they_cannot_grant(
    client, coordinator
):
    trainer = UserFactory(groups=["Trainers", "Coordinators"])
    # A superuser made this person both; the coordinator cannot edit them at all.
    client.force_login(coordinator)
    url = reverse("wagtailusers_users:edit", args=[trainer.pk])
    assert client.get(url).status_code in (302, 403)

    learner = UserFactory(groups=["Students"])
    response = client.post(
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        {
            "email": learner.email,
            "first_name": "Renamed",
            "last_name": learner.last_name,
            "is_active": "on",
            "groups": [Group.objects.get(name="Trainers").pk],
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.first_name == "Renamed"
    assert set(learner.groups.values_list("name", flat=True)) == {"Trainers"}


def test_superuser_still_grants_any_role(client, superuser):
    client.force_login(superuser)
    form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert "is_superuser" in form.fields
    assert form.fields["groups"].queryset.filter(name="Coordinators").exists()


def test_copying_an_administrator_gives_a_coordinator_no_administrator(
    client, coordinator, superuser
):
    client.force_login(coordinator)
    response = client.get(reverse("wagtailusers_users:copy", args=[superuser.pk]))
    assert response.status_code == 200
    assert "is_superuser" not in response.context["form"].fields

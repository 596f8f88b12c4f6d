"""Roles are Wagtail groups: Trainers author, Coordinators also manage people."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db


def test_the_three_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Trainers", "Coordinators", "Students"} <= names


def test_a_new_catalogue_grants_authoring_on_its_subtree(school):
    granted = set(
        GroupPagePermission.objects.filter(page=school["catalogue"]).values_list(
            "group__name", "permission__codename"
        )
    )
    assert ("Trainers", "add_page") in granted
    assert ("Trainers", "publish_page") in granted
    assert ("Coordinators", "publish_page") in granted
    assert not any(group == "Students" for group, _ in granted)


def test_trainer_can_add_a_lesson_in_a_module_but_not_administer_users(
    client, school, trainer
):
    client.force_login(trainer)
    module = school["modules"][0]
    add_lesson = reverse(
        "wagtailadmin_pages:add", args=["lms_courses", "lessonpage", module.pk]
    )
    assert client.get(add_lesson).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302


def test_trainer_cannot_author_outside_the_catalogue(client, school, trainer):
    client.force_login(trainer)
    add_catalogue = reverse(
        "wagtailadmin_pages:add",
        args=["lms_courses", "courseindexpage", school["home"].pk],
    )
    assert client.get(add_catalogue).status_code == 302


def test_coordinator_can_administer_users(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200


def test_student_has_no_admin_access(client, school, student):
    client.force_login(student)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert client.get(school["course"].url).status_code == 200

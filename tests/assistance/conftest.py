"""The desk's test world: one person for each of the nine roles the desk knows."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from lms_assistance import conf
from lms_assistance.models import Status
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory

from .factories import AssistanceRequestFactory, DeskFactory, qualified_volunteer

ROLE_NAMES = [
    "anonymous",
    "student",
    "trainer",
    "unqualified_volunteer",
    "assigned_volunteer",
    "other_volunteer",
    "desk_staff",
    "dpo",
    "superuser",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def desk_world(db, school, student, trainer):
    """A desk with a member of staff, an assigned request, and everyone else.

    The School's pages exist, so the union's project pages have a home."""
    staff = UserFactory(email="desk@school.example", first_name="Samir")
    desk = DeskFactory(staff=[staff])
    assigned = qualified_volunteer(
        user=UserFactory(email="assigned@school.example", first_name="Aysel"),
        languages="Azerbaijani, Russian",
    )
    other = qualified_volunteer(
        user=UserFactory(email="other@school.example", first_name="Kamran")
    )
    unqualified = VolunteerFactory(
        user=UserFactory(email="unqualified@school.example", first_name="Nigar")
    )
    dpo = UserFactory(email="dpo@school.example", first_name="Farid")
    dpo.groups.add(Group.objects.get_or_create(name=conf.dpo_group_name())[0])
    superuser = UserFactory(
        email="root@school.example", is_superuser=True, is_staff=True
    )
    request = AssistanceRequestFactory(
        desk=desk,
        taken_by=staff,
        status=Status.ASSIGNED,
        assignee=assigned.user,
    )
    return SimpleNamespace(
        desk=desk,
        request=request,
        users={
            "anonymous": None,
            "student": student,
            "trainer": trainer,
            "unqualified_volunteer": unqualified.user,
            "assigned_volunteer": assigned.user,
            "other_volunteer": other.user,
            "desk_staff": staff,
            "dpo": dpo,
            "superuser": superuser,
        },
    )

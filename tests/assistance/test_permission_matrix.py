"""Every desk URL as each of the desk's nine roles: who may see or do what.

Roles, in order: anonymous, student, trainer, a volunteer without the desk's
qualification, the volunteer assigned to the request, another (qualified) volunteer,
the desk's staff, the data-protection officer, the superuser. Request URLs use the
request assigned to the assigned volunteer, so "another volunteer" is a raw request
with someone else's ids. A desk URL without a row fails the suite.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from lms_assistance.models import Delivery, HelpKind, RequestDocument, Status

from .conftest import ROLE_NAMES
from .factories import AssistanceRequestFactory, BookingFactory, DriveSlotFactory

pytestmark = pytest.mark.django_db

DESK_ONLY = "login 404 404 404 404 404 ok 404 ok"  # the desk's staff (and superuser)
REQUEST_READERS = "login 404 404 404 ok 404 ok 404 ok"
REQUEST_WRITERS_POST = "login 404 404 404 400 404 400 404 400"
STAFF_POST = "login 404 404 404 404 404 400 404 400"
REPORT_READERS = "login 404 404 404 404 404 ok ok ok"
DPO_ONLY = "login 404 404 404 404 404 404 ok ok"
PUBLIC = "ok ok ok ok ok ok ok ok ok"

# url name → [(method, kwargs from the world, data, expected outcomes)]
MATRIX = {
    "desk:index": [("get", {}, None, "login 404 404 404 ok ok ok ok ok")],
    "desk:intake": [
        ("get", {}, None, "login 404 404 404 ok ok ok 404 ok"),
        ("post", {}, {}, "login 404 404 404 400 400 400 404 400"),
    ],
    "desk:export": [("get", {}, None, DESK_ONLY)],
    "desk:request": [("get", {"reference": "request"}, None, REQUEST_READERS)],
    "desk:assign": [
        (
            "get",
            {"reference": "request"},
            None,
            "login 404 404 404 405 405 405 405 405",
        ),
        ("post", {"reference": "request"}, {}, STAFF_POST),
    ],
    "desk:status": [("post", {"reference": "request"}, {}, REQUEST_WRITERS_POST)],
    "desk:note": [("post", {"reference": "request"}, {}, REQUEST_WRITERS_POST)],
    "desk:upload": [("post", {"reference": "request"}, {}, REQUEST_WRITERS_POST)],
    "desk:document": [
        ("get", {"reference": "request", "pk": "document"}, None, REQUEST_READERS)
    ],
    "desk:grant": [("post", {"reference": "request"}, {}, STAFF_POST)],
    "desk:delivery_new": [
        ("post", {"reference": "delivery_request"}, {}, REQUEST_WRITERS_POST)
    ],
    "desk:delivery": [
        (
            "get",
            {"reference": "delivery_request", "pk": "delivery"},
            None,
            REQUEST_READERS,
        ),
        (
            "post",
            {"reference": "delivery_request", "pk": "delivery"},
            {},
            REQUEST_WRITERS_POST,
        ),
    ],
    "desk:audit": [("get", {}, None, DPO_ONLY)],
    "desk:audit_export": [("get", {}, None, DPO_ONLY)],
    "desk:impact": [("get", {}, None, REPORT_READERS)],
    "desk:impact_export": [("get", {}, None, REPORT_READERS)],
    "desk:drives": [("get", {}, None, DESK_ONLY)],
    "desk:drive_new": [
        ("get", {}, None, DESK_ONLY),
        ("post", {}, {}, STAFF_POST),
    ],
    "desk:drive": [("get", {"pk": "drive"}, None, DESK_ONLY)],
    "desk:drive_slots": [("post", {"pk": "drive"}, {}, STAFF_POST)],
    "desk:drive_booking": [
        ("post", {"pk": "drive", "booking": "booking"}, {}, STAFF_POST)
    ],
    "desk:book": [
        ("get", {"token": "token"}, None, PUBLIC),
        ("post", {"token": "token"}, {}, "400 " * 9),
    ],
    "desk:booking_manage": [("get", {"token": "token"}, None, PUBLIC)],
}


@pytest.fixture
def world(desk_world, settings, tmp_path):
    settings.LMS_ASSISTANCE_DOCUMENT_ROOT = str(tmp_path)
    settings.LMS_ASSISTANCE_BOOKING_RATE = (1000, 600)
    request = desk_world.request
    document = RequestDocument(request=request, title="Scan", size=6)
    document.file.save("scan.pdf", ContentFile(b"%PDF-1"), save=False)
    document.save()
    delivery_request = AssistanceRequestFactory(
        desk=desk_world.desk,
        kind=HelpKind.DELIVERY,
        taken_by=desk_world.users["desk_staff"],
        status=Status.ASSIGNED,
        assignee=desk_world.users["assigned_volunteer"],
    )
    delivery = Delivery.objects.create(
        request=delivery_request,
        item="Residence card",
        collected_by=desk_world.users["assigned_volunteer"],
    )
    slot = DriveSlotFactory(drive__desk=desk_world.desk)
    booking = BookingFactory(slot=slot)
    desk_world.ids = {
        "request": request.reference,
        "document": document.pk,
        "delivery_request": delivery_request.reference,
        "delivery": delivery.pk,
        "drive": slot.drive.pk,
        "token": slot.drive.token,
        "booking": booking.pk,
    }
    return desk_world


def test_every_desk_url_has_a_row():
    resolver = get_resolver()
    names = {
        f"desk:{name}"
        for name in resolver.namespace_dict["desk"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


def cases():
    return [
        pytest.param(name, method, kwargs, data, expect, id=f"{method} {name}")
        for name, rows in MATRIX.items()
        for method, kwargs, data, expect in rows
    ]


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "expect"), cases())
def test_each_role_gets_the_expected_outcome(
    client, world, name, method, kwargs, data, expect
):
    url = reverse(name, kwargs={key: world.ids[value] for key, value in kwargs.items()})
    wrong = []
    for role, wanted in zip(ROLE_NAMES, expect.split(), strict=True):
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.get(url) if method == "get" else client.post(url, data)
        got = _outcome(response)
        if got != wanted:
            wrong.append(f"{role}: expected {wanted}, got {got}")
    assert not wrong, f"{method.upper()} {url}\n" + "\n".join(wrong)


def _outcome(response) -> str:
    status = response.status_code
    if status == 200:
        return "ok"
    if status == 302 and "/login/" in response["Location"]:
        return "login"
    return str(status)

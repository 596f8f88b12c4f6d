"""Every path of the desk leaves exactly its trace in the audit log.

The walk below takes each desk URL on its ways to succeed and to fail, and counts
the entries one response writes (redirects not followed):

- a page that shows a request writes one entry naming it, the request page shown
  again beside a refused form (an empty note, a bad upload, a refused grant...) too;
- an action that succeeds writes its own entry and redirects: the page after the
  redirect is a second, separate read, and writes its own (see the last tests);
- a list or an export writes one entry for the whole page, naming what it showed;
- pages that show no stored request write nothing: the intake form, refused or not
  (it shows back only what was just typed), the drives list and the forms to open a
  drive, the impact report refused for a bad year, the public booking pages, and
  404s.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from lms_assistance import audit
from lms_assistance.models import (
    AuditEntry,
    Delivery,
    HelpKind,
    LegalBasis,
    RequestDocument,
    Status,
)

from .factories import (
    AssistanceRequestFactory,
    BookingFactory,
    DriveFactory,
    DriveSlotFactory,
    image_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

HTML = b"<html><script>alert(1)</script></html>"


@dataclass(frozen=True)
class Entry:
    """An entry a path must write: ``reference`` names one of the world's requests
    (``"*"``: any, e.g. one just recorded); ``target`` may end in ``*`` (a prefix);
    ``detail`` holds keys the entry's detail must have with these values."""

    action: str
    reference: str = ""
    target: str = ""
    detail: dict = field(default_factory=dict)


def view(reference="request", target="request", refused=None):
    return Entry("view", reference, target, {"refused": refused} if refused else {})


@dataclass(frozen=True)
class Path:
    name: str
    role: str
    method: str = "get"
    args: dict = field(default_factory=dict)
    data: object = None  # a dict, or a function of the world giving one
    status: int = 200
    entries: list = field(default_factory=list)


def intake(world):
    return {
        "desk": world.desk.pk,
        "kind": "counselling",
        "service": "Work permit",
        "preferred_language": "ru",
        "needs": "Advice on the work permit.",
        "given_name": "Zahra",
        "legal_basis": "consent",
        "consent_given": "on",
        "consent_scope": "The desk, for this advice.",
    }


def uploaded(name, content):
    return lambda world: {"title": "Scan", "file": SimpleUploadedFile(name, content)}


def slots(world):
    day = timezone.localdate() + datetime.timedelta(days=3)
    return {
        "day": day.isoformat(),
        "start": "14:00",
        "count": "2",
        "minutes": "30",
        "places": "4",
    }


def new_drive(world):
    return {
        "desk": world.desk.pk,
        "title": "Students, spring",
        "place": "Hall 2",
        "kind": "forms",
        "project": world.drive.project_id,
    }


REQUEST = {"reference": "request"}
UNCONSENTED = {"reference": "unconsented"}
DELIVERY_REQUEST = {"reference": "delivery_request"}
DELIVERY = {"reference": "delivery_request", "pk": "delivery"}
DRIVE = {"pk": "drive"}
LIST_OF_REQUESTS = Entry("list", target="request list")
DRIVE_BOOKINGS = Entry("list", target="drive {drive} bookings")

WALK = {
    "desk:index": [
        Path("desk:index", "desk_staff", entries=[LIST_OF_REQUESTS]),
        Path("desk:index", "assigned_volunteer", entries=[LIST_OF_REQUESTS]),
        Path(
            "desk:index",
            "desk_staff",
            data={"status": "done"},
            entries=[Entry("list", "", "request list", {"status": "done"})],
        ),
    ],
    "desk:intake": [
        Path("desk:intake", "desk_staff"),
        Path("desk:intake", "desk_staff", "post", data={}, status=400),
        Path(
            "desk:intake",
            "desk_staff",
            "post",
            data=intake,
            status=302,
            entries=[Entry("create", "*", "request")],
        ),
    ],
    "desk:export": [
        Path(
            "desk:export",
            "desk_staff",
            entries=[Entry("export", target="request list")],
        )
    ],
    "desk:request": [
        Path("desk:request", "desk_staff", args=REQUEST, entries=[view()]),
        Path("desk:request", "assigned_volunteer", args=REQUEST, entries=[view()]),
        Path("desk:request", "other_volunteer", args=REQUEST, status=404),
    ],
    "desk:assign": [
        Path(
            "desk:assign",
            "desk_staff",
            "post",
            REQUEST,
            lambda w: {"volunteer": w.users["other_volunteer"].pk},
            302,
            [Entry("change", "request", "request")],
        ),
        Path(
            "desk:assign",
            "desk_staff",
            "post",
            REQUEST,
            {},
            400,
            [view(refused="assign")],
        ),
        Path(
            "desk:assign",
            "desk_staff",
            "post",
            REQUEST,
            lambda w: {
                "volunteer": w.users["other_volunteer"].pk,
                "second": w.users["other_volunteer"].pk,
            },
            400,
            [view(refused="assign")],
        ),
    ],
    "desk:status": [
        Path(
            "desk:status",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"action": "start"},
            302,
            [Entry("change", "request", "request")],
        ),
        Path(
            "desk:status",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"action": "fly"},
            400,
            [view(refused="move")],
        ),
        Path(
            "desk:status",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"action": "close", "reason": "Not my call"},
            400,
            [view(refused="move")],
        ),
        Path(
            "desk:status",
            "desk_staff",
            "post",
            REQUEST,
            {"action": "close"},
            400,
            [view(refused="move")],
        ),
        Path(
            "desk:status",
            "desk_staff",
            "post",
            UNCONSENTED,
            {"action": "consent", "consent_scope": "The desk, for this help."},
            302,
            [Entry("change", "unconsented", "request")],
        ),
        Path(
            "desk:status",
            "desk_staff",
            "post",
            UNCONSENTED,
            {"action": "consent", "consent_scope": ""},
            400,
            [view("unconsented", refused="consent")],
        ),
        Path(
            "desk:status",
            "desk_staff",
            "post",
            REQUEST,
            {"action": "consent", "consent_scope": "Again"},
            400,
            [view(refused="consent")],
        ),
    ],
    "desk:note": [
        Path(
            "desk:note",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"text": "Called; she brings the passport on Monday."},
            302,
            [Entry("change", "request", "note *")],
        ),
        Path(
            "desk:note",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"text": ""},
            400,
            [view(refused="note")],
        ),
        Path(
            "desk:note",
            "desk_staff",
            "post",
            REQUEST,
            {"text": "   "},
            400,
            [view(refused="note")],
        ),
    ],
    "desk:upload": [
        Path(
            "desk:upload",
            "assigned_volunteer",
            "post",
            REQUEST,
            uploaded("permit.pdf", pdf_bytes()),
            302,
            [Entry("change", "request", "document *")],
        ),
        Path(
            "desk:upload",
            "assigned_volunteer",
            "post",
            REQUEST,
            uploaded("permit.pdf", HTML),
            400,
            [view(refused="document")],
        ),
        Path(
            "desk:upload",
            "assigned_volunteer",
            "post",
            REQUEST,
            {"title": "Scan"},
            400,
            [view(refused="document")],
        ),
    ],
    "desk:document": [
        Path(
            "desk:document",
            "assigned_volunteer",
            args={"reference": "request", "pk": "document"},
            entries=[Entry("download", "request", "document {document}")],
        ),
    ],
    "desk:grant": [
        Path(
            "desk:grant",
            "desk_staff",
            "post",
            REQUEST,
            lambda w: {"user": w.users["dpo"].pk, "reason": "Complaint", "days": 2},
            302,
            [Entry("grant", "request", "user *")],
        ),
        Path(
            "desk:grant",
            "desk_staff",
            "post",
            REQUEST,
            lambda w: {"user": w.users["student"].pk, "reason": "x", "days": 2},
            400,
            [view(refused="grant")],
        ),
        Path(
            "desk:grant",
            "desk_staff",
            "post",
            REQUEST,
            lambda w: {"user": w.users["dpo"].pk, "reason": "x", "days": 99},
            400,
            [view(refused="grant")],
        ),
    ],
    "desk:delivery_new": [
        Path(
            "desk:delivery_new",
            "assigned_volunteer",
            "post",
            DELIVERY_REQUEST,
            {"item": "Residence card"},
            302,
            [Entry("change", "delivery_request", "delivery *")],
        ),
        Path(
            "desk:delivery_new",
            "assigned_volunteer",
            "post",
            DELIVERY_REQUEST,
            {"item": ""},
            400,
            [view("delivery_request", "collection form", "collection")],
        ),
    ],
    "desk:delivery": [
        Path(
            "desk:delivery",
            "assigned_volunteer",
            args=DELIVERY,
            entries=[view("delivery_request", "delivery {delivery}")],
        ),
        Path(
            "desk:delivery",
            "assigned_volunteer",
            "post",
            DELIVERY,
            {
                "action": "handover",
                "id_check_kind": "passport",
                "last_digits": "5432",
                "confirmed": "on",
            },
            302,
            [Entry("change", "delivery_request", "delivery {delivery}")],
        ),
        Path(
            "desk:delivery",
            "assigned_volunteer",
            "post",
            DELIVERY,
            {"action": "handover", "id_check_kind": "passport"},
            400,
            [view("delivery_request", "delivery {delivery}", "handover")],
        ),
        Path(
            "desk:delivery",
            "assigned_volunteer",
            "post",
            DELIVERY,
            {"action": "return", "reason": "Nobody at home"},
            302,
            [Entry("change", "delivery_request", "delivery {delivery}")],
        ),
        Path(
            "desk:delivery",
            "assigned_volunteer",
            "post",
            DELIVERY,
            {"action": "return", "reason": ""},
            400,
            [view("delivery_request", "delivery {delivery}", "return")],
        ),
        Path(
            "desk:delivery",
            "desk_staff",
            "post",
            DELIVERY,
            {"action": "dance"},
            400,
            [view("delivery_request", "delivery {delivery}", "step")],
        ),
    ],
    "desk:audit": [
        Path("desk:audit", "dpo", entries=[Entry("list", target="audit log")]),
        Path(
            "desk:audit",
            "dpo",
            data={"email": "not an address"},
            status=400,
            entries=[Entry("list", target="audit log")],
        ),
    ],
    "desk:audit_export": [
        Path("desk:audit_export", "dpo", entries=[Entry("export", target="audit log")])
    ],
    "desk:impact": [
        Path(
            "desk:impact",
            "desk_staff",
            entries=[Entry("list", target="impact report")],
        ),
        Path("desk:impact", "dpo", data={"year": "last"}, status=400),
    ],
    "desk:impact_export": [
        Path(
            "desk:impact_export",
            "desk_staff",
            entries=[Entry("export", target="impact report")],
        ),
        Path("desk:impact_export", "desk_staff", data={"year": "1"}, status=400),
    ],
    "desk:drives": [Path("desk:drives", "desk_staff")],
    "desk:drive_new": [
        Path("desk:drive_new", "desk_staff"),
        Path("desk:drive_new", "desk_staff", "post", data={}, status=400),
        Path("desk:drive_new", "desk_staff", "post", data=new_drive, status=302),
    ],
    "desk:drive": [
        Path("desk:drive", "desk_staff", args=DRIVE, entries=[DRIVE_BOOKINGS]),
        Path("desk:drive", "desk_staff", "post", DRIVE, {"is_open": "0"}, 302),
        Path(
            "desk:drive",
            "desk_staff",
            "post",
            DRIVE,
            {"is_open": "maybe"},
            400,
            [DRIVE_BOOKINGS],
        ),
    ],
    "desk:drive_slots": [
        Path("desk:drive_slots", "desk_staff", "post", DRIVE, slots, 302),
        Path(
            "desk:drive_slots",
            "desk_staff",
            "post",
            DRIVE,
            {"count": "0"},
            400,
            [DRIVE_BOOKINGS],
        ),
    ],
    "desk:drive_booking": [
        Path(
            "desk:drive_booking",
            "desk_staff",
            "post",
            {"pk": "drive", "booking": "past_booking"},
            {"outcome": "helped"},
            302,
            [Entry("change", target="booking {past_booking}")],
        ),
        Path(
            "desk:drive_booking",
            "desk_staff",
            "post",
            {"pk": "drive", "booking": "past_booking"},
            {"outcome": "booked"},
            400,
            [DRIVE_BOOKINGS],
        ),
        # Refused (the slot is still to come): a message after the redirect.
        Path(
            "desk:drive_booking",
            "desk_staff",
            "post",
            {"pk": "drive", "booking": "booking"},
            {"outcome": "helped"},
            302,
        ),
    ],
    "desk:book": [
        Path("desk:book", "anonymous", args={"token": "token"}),
        Path(
            "desk:book",
            "anonymous",
            "post",
            {"token": "token"},
            lambda w: {"slot": w.ids["slot"], "name": "Zahra", "language": "ru"},
        ),
        Path("desk:book", "anonymous", "post", {"token": "token"}, {}, 400),
    ],
    "desk:booking_manage": [
        Path("desk:booking_manage", "anonymous", args={"token": "token"}),
        Path(
            "desk:booking_manage",
            "anonymous",
            "post",
            {"token": "token"},
            {"code": "WRONG-CODE-0000"},
        ),
        Path(
            "desk:booking_manage",
            "anonymous",
            "post",
            {"token": "token"},
            {"code": ""},
            400,
        ),
    ],
}


@pytest.fixture
def world(desk_world, settings, tmp_path):
    """The desk world, with something behind every URL of the desk."""
    settings.LMS_ASSISTANCE_DOCUMENT_ROOT = str(tmp_path)
    settings.LMS_ASSISTANCE_BOOKING_RATE = (1000, 600)
    staff = desk_world.users["desk_staff"]
    request = desk_world.request
    document = RequestDocument(
        request=request, title="Scan", content_type="image/png", size=10
    )
    document.file.save("scan.png", ContentFile(image_bytes("PNG")), save=False)
    document.save()
    unconsented = AssistanceRequestFactory(
        desk=desk_world.desk,
        taken_by=staff,
        legal_basis=LegalBasis.VITAL_INTERESTS,
        consent_given=False,
        consent_scope="",
        consent_recorded_by=None,
        consent_at=None,
    )
    delivery_request = AssistanceRequestFactory(
        desk=desk_world.desk,
        kind=HelpKind.DELIVERY,
        taken_by=staff,
        status=Status.ASSIGNED,
        assignee=desk_world.users["assigned_volunteer"],
    )
    delivery = Delivery.objects.create(
        request=delivery_request,
        item="Residence card",
        collected_by=desk_world.users["assigned_volunteer"],
    )
    drive = DriveFactory(desk=desk_world.desk)
    slot = DriveSlotFactory(drive=drive)
    started = timezone.now() - datetime.timedelta(hours=2)
    past_slot = DriveSlotFactory(
        drive=drive, starts_at=started, ends_at=started + datetime.timedelta(hours=1)
    )
    desk_world.drive = drive
    desk_world.ids = {
        "request": request.reference,
        "unconsented": unconsented.reference,
        "delivery_request": delivery_request.reference,
        "document": document.pk,
        "delivery": delivery.pk,
        "drive": drive.pk,
        "token": drive.token,
        "slot": slot.pk,
        "booking": BookingFactory(slot=slot).pk,
        "past_booking": BookingFactory(slot=past_slot).pk,
    }
    return desk_world


def test_every_desk_url_is_walked():
    resolver = get_resolver()
    names = {
        f"desk:{name}"
        for name in resolver.namespace_dict["desk"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(WALK)
    assert all(path.name == name for name, paths in WALK.items() for path in paths)


@pytest.mark.parametrize("name", sorted(WALK))
def test_every_form_of_the_desk_is_walked_as_it_succeeds_and_as_it_fails(name):
    posted = [path.status for path in WALK[name] if path.method == "post"]
    if posted:
        assert 400 in posted, f"{name}: no path where its form is refused"
        assert any(status < 400 for status in posted), f"{name}: no successful path"


def walk_cases():
    return [
        pytest.param(path, id=f"{path.method} {name} {number} {path.status}")
        for name, paths in WALK.items()
        for number, path in enumerate(paths)
    ]


@pytest.mark.parametrize("path", walk_cases())
def test_each_path_writes_exactly_its_audit_entries(client, world, path):
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    response = _send(client, world, path)

    assert response.status_code == path.status, getattr(response, "content", b"")
    written = list(AuditEntry.objects.filter(pk__gt=before or 0).order_by("pk"))
    assert len(written) == len(path.entries), [
        (e.action, e.reference, e.target, e.detail) for e in written
    ]
    for entry, expected in zip(written, path.entries, strict=True):
        _assert_matches(entry, expected, world)
        assert entry.actor_id == world.users[path.role].pk
    shown = (response.context or {}).get("request_obj")
    if shown is not None:
        # Whatever rendered it, a page showing a request names it exactly once.
        assert [e.reference for e in written] == [shown.reference]


def test_a_success_logs_the_action_and_then_the_page_shown_after_it(client, world):
    client.force_login(world.users["assigned_volunteer"])

    response = client.post(
        reverse("desk:note", args=[world.request.reference]),
        {"text": "Called back."},
        follow=True,
    )

    assert response.redirect_chain[-1][1] == 302
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.reference, e.target.split()[0]) for e in entries] == [
        ("change", world.request.reference, "note"),
        ("view", world.request.reference, "request"),
    ]


def test_a_refused_form_followed_by_a_fresh_look_logs_two_separate_reads(client, world):
    client.force_login(world.users["assigned_volunteer"])
    url = reverse("desk:request", args=[world.request.reference])

    client.post(reverse("desk:note", args=[world.request.reference]), {"text": ""})
    client.get(url)

    assert [(e.action, e.detail) for e in AuditEntry.objects.order_by("pk")] == [
        ("view", {"refused": "note"}),
        ("view", {}),
    ]


# Lists and exports: one entry per page, naming what it showed -------------------


def test_a_page_of_the_request_list_is_one_entry_naming_each_request_on_it(
    client, world
):
    staff = world.users["desk_staff"]
    AssistanceRequestFactory.create_batch(55, desk=world.desk, taken_by=staff)
    client.force_login(staff)

    first = client.get(reverse("desk:index"))
    second = client.get(reverse("desk:index"), {"page": 2})

    one, two = AuditEntry.objects.order_by("pk")
    assert one.detail["listed"] == [row.reference for row in first.context["page"]]
    assert len(one.detail["listed"]) == 50
    assert two.detail["listed"] == [row.reference for row in second.context["page"]]
    assert (one.detail["page"], two.detail["page"]) == (1, 2)
    assert one.reference == two.reference == ""


def test_who_saw_a_request_finds_the_lists_that_showed_it_and_no_others(client, world):
    client.force_login(world.users["desk_staff"])
    client.get(reverse("desk:index"), {"status": "new"})  # the unconsented one only
    client.get(reverse("desk:index"), {"status": "assigned"})

    listed_assigned = audit.who_saw(world.request.reference)
    listed_new = audit.who_saw(world.ids["unconsented"])

    assert [e.detail["status"] for e in listed_assigned] == ["assigned"]
    assert [e.detail["status"] for e in listed_new] == ["new"]
    assert not audit.who_saw(world.request.reference[:-1]).exists()


def test_the_dpo_finds_list_entries_when_asking_who_saw_a_request(client, world):
    client.force_login(world.users["desk_staff"])
    client.get(reverse("desk:index"))
    client.force_login(world.users["dpo"])

    page = client.get(reverse("desk:audit"), {"reference": world.request.reference})

    assert [(e.action, e.target) for e in page.context["page"]] == [
        ("list", "request list")
    ]
    assert "requests listed" in page.content.decode()


def test_the_dpo_s_page_names_its_filter_and_the_requests_it_showed(client, world):
    client.force_login(world.users["desk_staff"])
    client.get(reverse("desk:request", args=[world.request.reference]))
    client.force_login(world.users["dpo"])

    client.get(reverse("desk:audit"), {"email": "desk@school.example"})

    entry = AuditEntry.objects.get(actor_id=world.users["dpo"].pk)
    assert entry.detail == {
        "email": "desk@school.example",
        "page": 1,
        "listed": [world.request.reference],
    }


def test_the_audit_export_names_its_filter_and_the_newest_entry_it_held(client, world):
    client.force_login(world.users["desk_staff"])
    client.get(reverse("desk:request", args=[world.request.reference]))
    viewed = AuditEntry.objects.get()
    client.force_login(world.users["dpo"])

    client.get(reverse("desk:audit_export"), {"reference": world.request.reference})

    entry = AuditEntry.objects.get(action="export")
    assert entry.detail == {
        "reference": world.request.reference,
        "up_to_entry": viewed.pk,
    }


def _send(client, world, path: Path):
    client.logout()
    if world.users[path.role] is not None:
        client.force_login(world.users[path.role])
    url = reverse(
        path.name, kwargs={key: world.ids[value] for key, value in path.args.items()}
    )
    data = path.data(world) if callable(path.data) else path.data
    if path.method == "post":
        return client.post(url, data or {})
    return client.get(url, data or {})


def _assert_matches(entry: AuditEntry, expected: Entry, world) -> None:
    assert entry.action == expected.action
    if expected.reference == "*":
        assert entry.reference
    else:
        assert entry.reference == world.ids.get(expected.reference, "")
    target = expected.target.format(**world.ids)
    if target.endswith("*"):
        assert entry.target.startswith(target[:-1])
    else:
        assert entry.target == target
    for key, value in expected.detail.items():
        assert entry.detail.get(key) == value, (key, entry.detail)
    if expected.action == "list" and expected.target == "request list":
        assert "listed" in entry.detail

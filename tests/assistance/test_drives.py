"""Drives for desk staff: opening one, its slots as volunteers' shifts, the counts on
its page, recording who came, the audit of who saw its bookings, and who may see it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms_assistance import drives
from lms_assistance.models import AuditEntry, Booking, Drive, DriveSlot
from lms_volunteers.models import Shift, SignUp
from tests.factories import UserFactory

from .factories import (
    DEMO_NAME,
    BookingFactory,
    DeskFactory,
    DriveFactory,
    DriveSlotFactory,
)

NOT_STAFF = ["student", "trainer", "assigned_volunteer", "other_volunteer", "dpo"]


@pytest.fixture
def drive(desk_world):
    return DriveFactory(desk=desk_world.desk)


@pytest.fixture
def staff_client(client, desk_world):
    client.force_login(desk_world.users["desk_staff"])
    return client


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def slots_post(**overrides):
    return {
        "day": tomorrow().isoformat(),
        "start": "10:00",
        "count": "3",
        "minutes": "30",
        "places": "6",
        "volunteers": "",
        **overrides,
    }


def past_slot(drive, **kwargs):
    starts_at = timezone.now() - datetime.timedelta(hours=2)
    return DriveSlotFactory(
        drive=drive,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        **kwargs,
    )


def staff_pages(drive, booking):
    """Each staff page, with the method it is used with."""
    return [
        ("get", reverse("desk:drives")),
        ("get", reverse("desk:drive_new")),
        ("get", reverse("desk:drive", args=[drive.pk])),
        ("post", reverse("desk:drive_slots", args=[drive.pk])),
        ("post", reverse("desk:drive_booking", args=[drive.pk, booking.pk])),
    ]


# Opening a drive and its slots -----------------------------------------------


def test_staff_open_a_drive_for_their_desk(staff_client, desk_world, drive):
    response = staff_client.post(
        reverse("desk:drive_new"),
        {
            "desk": desk_world.desk.pk,
            "title": "Foreign students of the medical university, October",
            "place": "Medical university, hall 2",
            "kind": "forms",
            "project": drive.project.pk,
            "description": "Bring your passport.",
        },
    )

    opened = Drive.objects.get(title__startswith="Foreign students")
    assert response.status_code == 302
    assert response.url == reverse("desk:drive", args=[opened.pk])
    assert opened.desk == desk_world.desk and opened.is_open


def test_a_drive_without_a_title_is_refused_with_a_message(
    staff_client, desk_world, drive
):
    response = staff_client.post(
        reverse("desk:drive_new"),
        {"desk": desk_world.desk.pk, "place": "Hall 2", "kind": "forms"},
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Drive.objects.count() == 1


def test_staff_cannot_open_a_drive_for_another_desk(staff_client, drive):
    other_desk = DeskFactory()

    response = staff_client.post(
        reverse("desk:drive_new"),
        {
            "desk": other_desk.pk,
            "title": "Not ours",
            "place": "Elsewhere",
            "kind": "forms",
            "project": drive.project.pk,
        },
    )

    assert response.status_code == 400
    assert not Drive.objects.filter(desk=other_desk).exists()


def test_adding_slots_makes_each_a_shift_volunteers_can_sign_up_for(
    staff_client, drive
):
    response = staff_client.post(
        reverse("desk:drive_slots", args=[drive.pk]), slots_post()
    )

    assert response.status_code == 302
    slots = list(drive.slots.select_related("shift"))
    assert len(slots) == 3
    first = timezone.make_aware(
        datetime.datetime.combine(tomorrow(), datetime.time(10, 0))
    )
    assert [slot.starts_at for slot in slots] == [
        first + datetime.timedelta(minutes=30 * n) for n in range(3)
    ]
    for slot in slots:
        assert slot.capacity == 6
        assert slot.shift.project_id == drive.project_id
        assert slot.shift.place == drive.place
        assert (slot.shift.starts_at, slot.shift.ends_at) == (
            slot.starts_at,
            slot.ends_at,
        )
        assert slot.shift.capacity == 2  # one volunteer for every four migrants
    assert Shift.objects.open().of_project(drive.project).count() == 3


def test_a_qualified_volunteer_signs_up_for_a_slot_on_its_shift_page(
    client, desk_world, drive
):
    slot = drives.add_slots(
        drive,
        first_starts_at=timezone.now() + datetime.timedelta(days=2),
        count=1,
        minutes=60,
        places=4,
    )[0]
    volunteer = desk_world.users["other_volunteer"]
    client.force_login(volunteer)

    response = client.post(reverse("volunteers:sign_up", args=[slot.shift_id]))

    assert response.status_code == 302
    assert (
        SignUp.objects.confirmed()
        .filter(shift=slot.shift, volunteer__user=volunteer)
        .exists()
    )


def test_staff_say_how_many_volunteers_a_slot_needs(staff_client, drive):
    staff_client.post(
        reverse("desk:drive_slots", args=[drive.pk]),
        slots_post(count="1", volunteers="3"),
    )

    assert drive.slots.get().shift.capacity == 3


def test_one_volunteer_is_needed_for_every_four_places():
    assert [drives.volunteers_needed(n) for n in (1, 4, 5, 8, 9)] == [1, 1, 2, 2, 3]


def test_slots_in_the_past_are_refused_with_a_message(staff_client, drive):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = staff_client.post(
        reverse("desk:drive_slots", args=[drive.pk]),
        slots_post(day=yesterday.isoformat()),
    )

    assert response.status_code == 400
    assert "This time has passed" in response.content.decode()
    assert not drive.slots.exists() and not Shift.objects.exists()


def test_slots_overlapping_the_drive_s_slots_are_refused(staff_client, drive):
    staff_client.post(reverse("desk:drive_slots", args=[drive.pk]), slots_post())

    response = staff_client.post(
        reverse("desk:drive_slots", args=[drive.pk]), slots_post(start="10:45")
    )

    assert response.status_code == 400
    assert "overlap" in response.content.decode()
    assert drive.slots.count() == 3 and Shift.objects.count() == 3


def test_nonsense_slot_numbers_are_refused_with_400(staff_client, drive):
    response = staff_client.post(
        reverse("desk:drive_slots", args=[drive.pk]),
        slots_post(count="0", places="many"),
    )

    assert response.status_code == 400
    assert not drive.slots.exists()


def test_staff_stop_bookings_and_the_booking_page_disappears(
    staff_client, client, drive
):
    staff_client.post(reverse("desk:drive", args=[drive.pk]), {"is_open": "0"})

    drive.refresh_from_db()
    assert not drive.is_open
    staff_client.logout()
    assert client.get(reverse("desk:book", args=[drive.token])).status_code == 404


# Booking under a lock ----------------------------------------------------------


def test_the_last_place_is_never_given_twice(drive):
    slot = DriveSlotFactory(drive=drive, capacity=1)
    stale = DriveSlot.objects.get(pk=slot.pk)  # read before the place was taken
    drives.book(slot, name="First", language="ru")

    with pytest.raises(drives.DriveRefused):
        drives.book(stale, name="Second", language="ru")

    slot.refresh_from_db()
    assert slot.booked == 1
    assert Booking.objects.filter(slot=slot).count() == 1


def test_a_booking_code_is_random_and_only_its_hash_is_kept(drive):
    slot = DriveSlotFactory(drive=drive)

    booking, code = drives.book(slot, name="Amina", language="ru")
    _other, other_code = drives.book(slot, name="Amina", language="ru")

    assert len(code) >= 10 and code != other_code
    assert set(code) <= set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    assert code not in booking.code_hash and len(booking.code_hash) == 64
    assert drives.find_booking(drive, drives.display_code(code).lower()) == booking


def test_moving_and_cancelling_keep_the_counts_right(drive):
    first, second = DriveSlotFactory.create_batch(2, drive=drive)
    booking, _code = drives.book(first, name="Amina", language="ru")

    drives.move(booking, second)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)

    drives.cancel(booking)
    second.refresh_from_db()
    assert second.booked == 0
    with pytest.raises(drives.DriveRefused):
        drives.cancel(booking)
    second.refresh_from_db()
    assert second.booked == 0


# The drive's page ----------------------------------------------------------------


def test_the_drive_page_shows_booked_helped_and_no_show_counts(staff_client, drive):
    slot = past_slot(drive, capacity=5)
    BookingFactory(slot=slot, status=Booking.Status.HELPED)
    BookingFactory(slot=slot, status=Booking.Status.HELPED)
    BookingFactory(slot=slot, status=Booking.Status.NO_SHOW)
    BookingFactory(slot=slot, status=Booking.Status.CANCELLED)
    DriveSlot.objects.filter(pk=slot.pk).update(booked=3)  # the cancelled one freed

    response = staff_client.get(reverse("desk:drive", args=[drive.pk]))

    stats = response.context["stats"]
    assert (stats.slots, stats.places, stats.booked) == (1, 5, 3)
    assert (stats.helped, stats.no_shows, stats.cancelled) == (2, 1, 1)
    page = response.content.decode()
    assert "3 of 5 places booked" in page
    assert "2 helped" in page and "1 did not come" in page


def test_the_drive_page_shows_bookings_and_the_shareable_link(staff_client, drive):
    BookingFactory(slot=DriveSlotFactory(drive=drive))

    response = staff_client.get(reverse("desk:drive", args=[drive.pk]))

    page = response.content.decode()
    assert DEMO_NAME in page and "+994 50 555 12 34" in page
    assert f"http://testserver/en/desk/book/{drive.token}/" in page
    assert response["Cache-Control"] == "private, no-store"


def test_viewing_the_drive_s_bookings_writes_an_audit_entry(
    staff_client, desk_world, drive
):
    BookingFactory(slot=DriveSlotFactory(drive=drive))

    staff_client.get(reverse("desk:drive", args=[drive.pk]))

    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.LIST
    assert entry.actor_id == desk_world.users["desk_staff"].pk
    assert entry.target == f"drive {drive.pk} bookings"
    assert entry.detail == {"drive": drive.pk, "slots": 1, "bookings": 1}
    assert DEMO_NAME not in str(entry.detail)


def test_the_drive_page_runs_as_many_queries_for_ten_slots_as_for_two(
    staff_client, desk_world
):
    def queries_with(slot_count):
        drive = DriveFactory(desk=desk_world.desk)
        drives.add_slots(
            drive,
            first_starts_at=timezone.now() + datetime.timedelta(days=1),
            count=slot_count,
            minutes=30,
            places=4,
        )
        for slot in drive.slots.all():
            BookingFactory.create_batch(2, slot=slot)
        url = reverse("desk:drive", args=[drive.pk])
        staff_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(10)


def test_the_drive_list_shows_only_the_drives_of_one_s_desks(staff_client, drive):
    elsewhere = DriveFactory(title="Another desk's drive")

    response = staff_client.get(reverse("desk:drives"))

    page = response.content.decode()
    assert drive.title in page and elsewhere.title not in page


# Recording who came --------------------------------------------------------------


def test_staff_record_that_a_person_was_helped_and_it_is_audited(
    staff_client, desk_world, drive
):
    booking = BookingFactory(slot=past_slot(drive))

    response = staff_client.post(
        reverse("desk:drive_booking", args=[drive.pk, booking.pk]),
        {"outcome": "helped"},
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.HELPED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE)
    assert entry.target == f"booking {booking.pk}"
    assert entry.detail == {"drive": drive.pk, "status": ["booked", "helped"]}


def test_no_one_is_marked_before_their_slot_starts(staff_client, drive):
    booking = BookingFactory(slot=DriveSlotFactory(drive=drive))

    response = staff_client.post(
        reverse("desk:drive_booking", args=[drive.pk, booking.pk]),
        {"outcome": "no_show"},
        follow=True,
    )

    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    assert "once the slot has started" in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE).exists()


def test_an_unknown_outcome_is_refused_with_400(staff_client, drive):
    booking = BookingFactory(slot=past_slot(drive))

    response = staff_client.post(
        reverse("desk:drive_booking", args=[drive.pk, booking.pk]),
        {"outcome": "booked"},
    )

    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


# Who may see drives ----------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_STAFF)
def test_people_who_are_not_desk_staff_get_404_on_staff_pages(
    client, desk_world, drive, role
):
    booking = BookingFactory(slot=past_slot(drive))
    client.force_login(desk_world.users[role])

    for method, url in staff_pages(drive, booking):
        assert getattr(client, method)(url).status_code == 404, url
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    assert not drive.slots.filter(shift__isnull=False).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, drive):
    booking = BookingFactory(slot=DriveSlotFactory(drive=drive))

    for method, url in staff_pages(drive, booking):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response.url


def test_staff_of_another_desk_get_404_on_this_drive(client, drive):
    stranger = UserFactory(email="elsewhere@school.example")
    DeskFactory(staff=[stranger])
    booking = BookingFactory(slot=past_slot(drive))
    client.force_login(stranger)

    assert client.get(reverse("desk:drive", args=[drive.pk])).status_code == 404
    response = client.post(
        reverse("desk:drive_booking", args=[drive.pk, booking.pk]),
        {"outcome": "helped"},
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_superuser_sees_any_drive(client, desk_world, drive):
    client.force_login(desk_world.users["superuser"])

    assert client.get(reverse("desk:drive", args=[drive.pk])).status_code == 200

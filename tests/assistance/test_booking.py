"""The public booking pages: booking a drive's slot without an account, and moving
or cancelling it with its code. They refuse floods and guessing, and never tell
whether a name or a phone number has booked."""

import datetime
import hashlib
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lms_assistance import drives
from lms_assistance.models import Booking, DriveSlot

from .factories import DEMO_NAME, BookingFactory, DriveFactory, DriveSlotFactory

OTHER_PHONE = "+994 50 555 12 34"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
CODE = re.compile(r'<strong class="booking-code">([A-Z0-9-]+)</strong>')


@pytest.fixture
def drive(desk_world):
    return DriveFactory(
        desk=desk_world.desk, description="Bring your passport and student card."
    )


@pytest.fixture
def slot(drive):
    return DriveSlotFactory(drive=drive, capacity=2)


def book_url(drive):
    return reverse("desk:book", args=[drive.token])


def manage_url(drive):
    return reverse("desk:booking_manage", args=[drive.token])


def booking_post(slot, **overrides):
    return {
        "slot": slot.pk,
        "name": "Amina Rahimi",
        "phone": "+994 55 123 45 67",
        "language": "fa",
        **overrides,
    }


def book(client, slot, **overrides):
    """Book through the page; the response and the code it showed."""
    response = client.post(book_url(slot.drive), booking_post(slot, **overrides))
    found = CODE.search(response.content.decode())
    return response, found.group(1) if found else None


def without_tokens(response, *codes):
    page = CSRF.sub("", response.content.decode())
    for code in codes:
        page = page.replace(code, "CODE")
    return page


# Booking ---------------------------------------------------------------------


def test_the_booking_page_shows_the_drive_and_its_open_future_slots(
    client, drive, slot
):
    full = DriveSlotFactory(
        drive=drive, starts_at=slot.starts_at + datetime.timedelta(hours=2)
    )
    DriveSlot.objects.filter(pk=full.pk).update(booked=full.capacity)
    started = DriveSlotFactory(
        drive=drive, starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    response = client.get(book_url(drive))

    assert response.status_code == 200
    page = response.content.decode()
    assert drive.title in page and drive.place in page
    assert "Bring your passport" in page
    assert f'value="{slot.pk}"' in page and "2 places left" in page
    assert f'value="{full.pk}"' not in page
    assert f'value="{started.pk}"' not in page


def test_booking_without_an_account_gives_a_code_and_counts_the_place(client, slot):
    response, code = book(client, slot)

    assert response.status_code == 200
    assert code is not None and len(code.replace("-", "")) >= 10
    assert "shown only this once" in response.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 1
    booking = Booking.objects.get()
    assert (booking.name, booking.language) == ("Amina Rahimi", "fa")
    assert (
        booking.code_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    )


def test_pages_showing_a_code_or_a_booking_are_kept_out_of_caches(client, slot):
    response, code = book(client, slot)
    found = client.post(manage_url(slot.drive), {"code": code, "action": "find"})

    for page in (response, found):
        assert page["Cache-Control"] == "private, no-store"
        assert "noindex" in page["X-Robots-Tag"]


def test_a_booking_without_a_name_is_refused_with_400_and_a_message(client, slot):
    response, code = book(client, slot, name="   ")

    assert response.status_code == 400
    assert code is None
    assert "This field is required." in response.content.decode()
    assert not Booking.objects.exists()


def test_a_full_slot_is_refused_with_a_message_and_never_overbooked(client, slot):
    BookingFactory.create_batch(2, slot=slot)

    response, code = book(client, slot)

    assert response.status_code == 400
    assert code is None
    assert "That time is full or no longer open" in response.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 2 == slot.capacity
    assert Booking.objects.count() == 2


def test_a_slot_of_another_drive_cannot_be_booked_through_this_link(client, drive):
    elsewhere = DriveSlotFactory()

    response = client.post(book_url(drive), booking_post(elsewhere))

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_a_closed_drive_has_no_booking_page(client, drive, slot):
    drive.is_open = False
    drive.save()

    assert client.get(book_url(drive)).status_code == 404
    response, _code = book(client, slot)
    assert response.status_code == 404
    assert not Booking.objects.exists()


def test_an_unknown_drive_has_no_booking_page(client, drive):
    assert client.get(reverse("desk:book", args=["not-a-drive"])).status_code == 404
    assert (
        client.get(reverse("desk:booking_manage", args=["not-a-drive"])).status_code
        == 404
    )


# Never telling who has booked -------------------------------------------------


def test_the_booking_pages_never_show_other_people_s_names_or_phones(
    client, drive, slot
):
    BookingFactory(slot=slot, name=DEMO_NAME, phone=OTHER_PHONE)

    pages = [client.get(book_url(drive))]
    response, code = book(client, slot, phone="")
    pages += [response, client.get(manage_url(drive))]
    pages.append(client.post(manage_url(drive), {"code": code, "action": "find"}))

    for page in pages:
        content = page.content.decode()
        assert DEMO_NAME not in content and OTHER_PHONE not in content
    assert "Amina Rahimi" in pages[-1].content.decode()


def test_the_same_name_and_phone_booking_twice_get_the_same_kind_of_response(
    client, slot
):
    first, first_code = book(client, slot)
    second, second_code = book(client, slot)

    assert first.status_code == second.status_code == 200
    assert first_code != second_code
    assert without_tokens(first, first_code) == without_tokens(second, second_code)
    slot.refresh_from_db()
    assert slot.booked == 2


# Changing and cancelling with the code -----------------------------------------


def test_the_code_finds_the_booking(client, slot):
    _response, code = book(client, slot)

    response = client.post(
        manage_url(slot.drive), {"code": code.lower(), "action": "find"}
    )

    assert response.status_code == 200
    assert response.context["booking"] == Booking.objects.get()
    assert "Cancel my booking" in response.content.decode()


def test_the_code_moves_the_booking_and_the_counts_follow(client, drive, slot):
    later = DriveSlotFactory(
        drive=drive, starts_at=slot.starts_at + datetime.timedelta(hours=1)
    )
    _response, code = book(client, slot)

    response = client.post(
        manage_url(drive), {"code": code, "action": "move", "slot": later.pk}
    )

    assert response.status_code == 200
    assert "moved to the new time" in response.content.decode()
    assert Booking.objects.get().slot == later
    slot.refresh_from_db(), later.refresh_from_db()
    assert (slot.booked, later.booked) == (0, 1)


def test_a_booking_cannot_move_to_a_full_slot(client, drive, slot):
    full = DriveSlotFactory(drive=drive, capacity=1)
    BookingFactory(slot=full)
    _response, code = book(client, slot)

    response = client.post(
        manage_url(drive), {"code": code, "action": "move", "slot": full.pk}
    )

    assert response.status_code == 400
    assert "That time is full or no longer open" in response.content.decode()
    full.refresh_from_db(), slot.refresh_from_db()
    assert (full.booked, slot.booked) == (1, 1)


def test_the_code_cancels_the_booking_and_frees_the_place(client, slot):
    _response, code = book(client, slot)

    response = client.post(manage_url(slot.drive), {"code": code, "action": "cancel"})

    assert response.status_code == 200
    assert "Your booking is cancelled" in response.content.decode()
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    slot.refresh_from_db()
    assert slot.booked == 0


def test_a_cancelled_booking_is_not_cancelled_twice(client, slot):
    _response, code = book(client, slot)
    client.post(manage_url(slot.drive), {"code": code, "action": "cancel"})

    response = client.post(manage_url(slot.drive), {"code": code, "action": "cancel"})

    assert response.status_code == 409
    assert "already cancelled" in response.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 0


def test_a_wrong_code_gets_the_generic_message(client, drive, slot):
    response = client.post(
        manage_url(drive), {"code": "ABCD-EFGH-JKLM", "action": "cancel"}
    )

    assert response.status_code == 200
    assert "There is no booking with this code." in response.content.decode()


def test_a_wrong_code_gets_the_same_page_whatever_exists(client, drive, slot):
    wrong = {"code": "ABCD-EFGH-JKLM", "action": "find"}
    before = client.post(manage_url(drive), wrong)
    BookingFactory(slot=slot, code="ABCDEFGHJKLN")  # one character away
    _response, other_drive_code = book(client, DriveSlotFactory())
    after = [
        client.post(manage_url(drive), wrong),
        client.post(manage_url(drive), {"code": other_drive_code, "action": "find"}),
        client.post(manage_url(drive), {**wrong, "action": "cancel"}),
    ]

    for response in after:
        assert response.status_code == before.status_code
        assert without_tokens(response) == without_tokens(before)
    assert Booking.objects.filter(status=Booking.Status.BOOKED).count() == 2


def test_an_empty_code_is_refused_with_400(client, drive):
    response = client.post(manage_url(drive), {"code": " - ", "action": "find"})

    assert response.status_code == 400
    assert "Type the code you were given" in response.content.decode()


# Floods ----------------------------------------------------------------------------


@override_settings(LMS_ASSISTANCE_BOOKING_RATE=(3, 600))
def test_bookings_are_refused_with_429_after_the_limit(client, drive):
    cache.clear()
    slot = DriveSlotFactory(drive=drive, capacity=10)

    statuses = [book(client, slot)[0].status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    slot.refresh_from_db()
    assert slot.booked == 3
    response = client.post(book_url(drive), booking_post(slot))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Too many attempts" in response.content.decode()


@override_settings(LMS_ASSISTANCE_BOOKING_RATE=(3, 600))
def test_guessing_codes_is_refused_with_429_after_the_limit(client, drive, slot):
    cache.clear()
    _code = drives.book(slot, name="Amina", language="fa")[1]

    assert client.get(manage_url(drive)).status_code == 200
    for guess in ("AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB"):
        assert client.post(manage_url(drive), {"code": guess}).status_code == 200
    response = client.post(manage_url(drive), {"code": _code})

    assert response.status_code == 429
    assert "Amina" not in response.content.decode()


@override_settings(LMS_ASSISTANCE_BOOKING_RATE=(3, 600))
def test_reading_the_booking_page_is_not_counted(client, drive, slot):
    cache.clear()

    for _ in range(5):
        assert client.get(book_url(drive)).status_code == 200
    assert book(client, slot)[0].status_code == 200


@override_settings(LMS_ASSISTANCE_BOOKING_RATE=(3, 600))
def test_the_limit_is_per_client_address(client, drive, slot):
    cache.clear()
    for _ in range(3):
        client.post(
            manage_url(drive), {"code": "AAAA-AAAA-AAAA"}, REMOTE_ADDR="10.0.0.1"
        )

    response = client.post(
        manage_url(drive), {"code": "AAAA-AAAA-AAAA"}, REMOTE_ADDR="10.0.0.2"
    )

    assert response.status_code == 200

"""The demo assistance desk: after `make run` a newcomer can take a request from
intake to done as staff and as the volunteer, read the audit trail as the
data-protection officer, book the demo drive without an account, and read the
anonymised impact report."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from demo import desk
from lms_assistance.models import AssistanceRequest, AuditEntry, Booking, Drive, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_school):
    with translation.override("en"):
        yield


def signed_in(email: str, password: str) -> Client:
    user = get_user_model().objects.get(email=email)
    assert user.check_password(password)
    client = Client()
    client.force_login(user)
    return client


def test_the_demo_desk_has_requests_in_every_state(demo):
    states = set(AssistanceRequest.objects.values_list("status", flat=True))
    assert states == set(Status.values)
    assert AssistanceRequest.objects.filter(consent_given=False).exists()


def test_staff_and_the_volunteer_take_a_request_to_done(demo):
    staff = signed_in("desk@school.example", "demo-desk")
    new = AssistanceRequest.objects.filter(
        status=Status.NEW, consent_given=True
    ).first()
    page = staff.get(reverse("desk:request", args=[new.reference]))
    assert page.status_code == 200
    elvin = get_user_model().objects.get(email="volunteer@school.example")
    assert elvin in [s.volunteer.user for s in page.context["suggestions"]]
    response = staff.post(
        reverse("desk:assign", args=[new.reference]), {"volunteer": elvin.pk}
    )
    assert response.status_code == 302

    volunteer_client = signed_in("volunteer@school.example", "demo-volunteer")
    status = reverse("desk:status", args=[new.reference])
    assert volunteer_client.post(status, {"action": "start"}).status_code == 302
    assert volunteer_client.post(status, {"action": "finish"}).status_code == 302
    new.refresh_from_db()
    assert new.status == Status.DONE


def test_the_dpo_reads_the_demo_audit_trail(demo):
    dpo = signed_in("dpo@school.example", "demo-dpo")
    request = AssistanceRequest.objects.filter(status=Status.IN_PROGRESS).first()
    page = dpo.get(reverse("desk:audit"), {"reference": request.reference})
    assert page.status_code == 200
    assert AuditEntry.objects.filter(reference=request.reference).count() >= 1
    assert dpo.get(reverse("desk:request", args=[request.reference])).status_code == 404


def test_a_migrant_books_the_demo_drive_without_an_account(demo):
    drive = Drive.objects.get(title=desk.DRIVE_TITLE)
    client = Client()
    page = client.get(reverse("desk:book", args=[drive.token]))
    assert page.status_code == 200
    slot = drive.slots.filter(booked=0).order_by("-starts_at").first()
    response = client.post(
        reverse("desk:book", args=[drive.token]),
        {"slot": slot.pk, "name": "Amina", "phone": "", "language": "en"},
    )
    assert response.status_code == 200
    assert Booking.objects.filter(slot=slot, name="Amina").exists()


def test_the_demo_impact_report_is_readable_and_anonymised(demo):
    staff = signed_in("desk@school.example", "demo-desk")
    page = staff.get(reverse("desk:impact"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "fewer than 5" in html
    assert "Demo01" not in html

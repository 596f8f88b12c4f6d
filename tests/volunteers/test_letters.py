"""Letters of service: issued once per statement, verified publicly, revocable."""

import datetime
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from io import BytesIO
from threading import Barrier

import pytest
from django.contrib.auth.models import Permission
from django.db import connections
from pypdf import PdfReader

from lms_volunteers.hours import approve
from lms_volunteers.letters import LetterRefused, issue_letter, revoke
from lms_volunteers.models import (
    HoursEntry,
    Qualification,
    QualificationGrant,
    ServiceLetter,
    Volunteer,
)
from tests.factories import UserFactory

from .factories import HoursEntryFactory, VolunteerFactory, project_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(
        user__email="shabnam@volunteers.example",
        user__first_name="Şəbnəm",
        user__last_name="Əliyeva-Qasımova",
    )


@pytest.fixture
def project(db):
    return project_page(title="Qəbul masası")


@pytest.fixture
def served(volunteer, project):
    """Seven and a half approved hours in two projects, a year apart."""
    HoursEntryFactory(
        volunteer=volunteer,
        project=project,
        worked_on=datetime.date(2025, 2, 3),
        hours=5,
        status=HoursEntry.Status.APPROVED,
    )
    HoursEntryFactory(
        volunteer=volunteer,
        project=project_page(title="Qaynar xətt"),
        worked_on=datetime.date(2026, 1, 10),
        hours="2.5",
        status=HoursEntry.Status.APPROVED,
    )
    HoursEntryFactory(volunteer=volunteer, project=project, hours=9)  # pending
    first_aid = Qualification.objects.create(
        name_az="Psixoloji ilk yardım",
        name_en="Psychological first aid",
        name_ru="Первая психологическая помощь",
    )
    QualificationGrant.objects.create(
        volunteer=volunteer,
        qualification=first_aid,
        source=QualificationGrant.Source.HAND,
        reason="Trained with the Red Crescent.",
    )
    return volunteer


@pytest.fixture
def letter(served):
    return issue_letter(served)


def verify_url(letter) -> str:
    return f"/en/certificates/verify/{letter.display_code}/"


def pdf_url(letter, language="en") -> str:
    return f"/{language}/volunteers/letters/{letter.display_code}/letter.pdf"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


# Issuing ---------------------------------------------------------------------


def test_a_letter_states_approved_hours_projects_qualifications_and_dates(letter):
    assert letter.holder_name == "Şəbnəm Əliyeva-Qasımova"
    assert letter.total_hours == Decimal("7.5")
    statement = letter.statement
    assert [(p["title"]["az"], p["hours"]) for p in statement["projects"]] == [
        ("Qəbul masası", "5.00"),
        ("Qaynar xətt", "2.50"),
    ]
    assert statement["qualifications"] == [
        {
            "az": "Psixoloji ilk yardım",
            "en": "Psychological first aid",
            "ru": "Первая психологическая помощь",
        }
    ]
    assert statement["first_day"] == "2025-02-03"
    assert statement["last_day"] == "2026-01-10"


def test_asking_again_with_nothing_new_gives_the_same_letter(letter, served):
    assert issue_letter(served) == letter
    assert ServiceLetter.objects.count() == 1


def test_new_approved_hours_make_a_new_letter(letter, served):
    approve(served.hours.pending().get(), by=UserFactory())
    again = issue_letter(served)
    assert again != letter
    assert again.total_hours == Decimal("16.5")


def test_a_revoked_letter_is_not_handed_out_again(letter, served):
    revoke(letter, by=UserFactory(), reason="Issued by mistake.")
    assert issue_letter(served) != letter


def test_no_letter_without_approved_hours(volunteer):
    HoursEntryFactory(volunteer=volunteer)  # pending only
    with pytest.raises(LetterRefused, match="no approved hours"):
        issue_letter(volunteer)
    assert not ServiceLetter.objects.exists()


def test_no_letter_for_someone_the_union_never_took_in(served):
    Volunteer.objects.filter(pk=served.pk).update(status=Volunteer.Status.APPLICANT)
    with pytest.raises(LetterRefused):
        issue_letter(served)


def test_a_revocation_needs_a_reason(letter):
    with pytest.raises(LetterRefused, match="Say why"):
        revoke(letter, by=UserFactory(), reason="")
    letter.refresh_from_db()
    assert not letter.is_revoked


# Verification ----------------------------------------------------------------


def test_anyone_can_check_a_valid_letter(client, letter):
    response = client.get(verify_url(letter))
    assert response.status_code == 200
    assert "noindex" in response["X-Robots-Tag"]
    page = response.content.decode()
    for shown in [
        "This letter of service is valid.",
        "Şəbnəm Əliyeva-Qasımova",
        "7.5",
        "Qəbul masası",
        "Psychological first aid",
        letter.display_code,
    ]:
        assert shown in page
    assert "shabnam@volunteers.example" not in page


def test_the_verification_page_speaks_the_reader_s_language(client, letter):
    page = client.get(verify_url(letter).replace("/en/", "/ru/")).content.decode()
    assert "Первая психологическая помощь" in page


def test_a_revoked_letter_says_when_and_why(client, letter):
    revoke(letter, by=UserFactory(), reason="Hours counted twice")
    page = client.get(verify_url(letter)).content.decode()
    assert "This letter of service has been revoked." in page
    assert "Hours counted twice" in page
    assert "This letter of service is valid." not in page


def test_a_code_typed_by_hand_leads_to_the_letter(client, letter):
    typed = letter.code.lower()
    response = client.get(f"/en/certificates/verify/{typed}/")
    assert response.status_code == 302
    assert response["Location"] == verify_url(letter)


def test_an_unknown_code_is_not_found(client, letter):
    last = "3" if letter.code.endswith("2") else "2"
    response = client.get(f"/en/certificates/verify/{letter.code[:-1] + last}/")
    assert response.status_code == 404
    assert "No certificate has this code." in response.content.decode()


def test_guessing_letter_codes_is_slowed_down(client, settings, letter):
    settings.LMS_CERTIFICATE_VERIFY_RATE = (3, 60)
    for _ in range(3):
        assert (
            client.get("/en/certificates/verify/" + "B" * 32 + "/").status_code == 404
        )
    response = client.get(verify_url(letter))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


# The PDF ---------------------------------------------------------------------


def test_the_holder_downloads_a_pdf_with_their_name_in_azerbaijani_letters(
    client, letter, served
):
    client.force_login(served.user)
    response = client.get(pdf_url(letter))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = pdf_text(response)
    for shown in [
        "Letter of service",
        "Şəbnəm Əliyeva-Qasımova",
        "Qəbul masası",
        "Psychological first aid",
        letter.display_code,
        "/en/certificates/verify/",
    ]:
        assert shown in text
    assert "REVOKED" not in text


@pytest.mark.parametrize(
    "language, qualification",
    [
        ("az", "Psixoloji ilk yardım"),
        ("en", "Psychological first aid"),
        ("ru", "Первая психологическая помощь"),
    ],
)
def test_the_pdf_is_written_in_the_reader_s_language(
    client, letter, served, language, qualification
):
    client.force_login(served.user)
    text = pdf_text(client.get(pdf_url(letter, language)))
    assert qualification in text
    assert "Şəbnəm Əliyeva-Qasımova" in text


def test_a_revoked_letter_s_pdf_says_so(client, letter, served):
    revoke(letter, by=UserFactory(), reason="Hours counted twice")
    client.force_login(served.user)
    text = pdf_text(client.get(pdf_url(letter)))
    assert "REVOKED" in text
    assert "Hours counted twice" in text


def test_a_long_service_runs_onto_a_second_page(client, volunteer):
    for number in range(40):
        HoursEntryFactory(
            volunteer=volunteer,
            project=project_page(title=f"Project number {number}"),
            status=HoursEntry.Status.APPROVED,
        )
    letter = issue_letter(volunteer)
    client.force_login(volunteer.user)
    response = client.get(pdf_url(letter))
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) >= 2
    text = pdf_text(response)
    assert "Project number 0" in text
    assert "Project number 9" in text


def test_nobody_else_downloads_the_holder_s_letter(client, letter):
    assert client.get(pdf_url(letter)).status_code == 302  # to the login page
    client.force_login(VolunteerFactory().user)
    assert client.get(pdf_url(letter)).status_code == 404
    assert client.get("/en/volunteers/letters/not-a-code/letter.pdf").status_code == 404


def test_staff_who_may_see_letters_download_them(client, letter):
    reader = UserFactory()
    reader.user_permissions.add(Permission.objects.get(codename="view_serviceletter"))
    client.force_login(reader)
    assert client.get(pdf_url(letter)).status_code == 200


def test_a_volunteer_asks_for_a_letter_and_gets_its_pdf(client, served):
    client.force_login(served.user)
    response = client.post("/en/volunteers/me/letters/")
    letter = ServiceLetter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == pdf_url(letter)
    client.post("/en/volunteers/me/letters/")
    assert ServiceLetter.objects.count() == 1


def test_asking_for_a_letter_without_hours_explains_why(client, volunteer):
    client.force_login(volunteer.user)
    response = client.post("/en/volunteers/me/letters/", follow=True)
    assert "You have no approved hours yet" in response.content.decode()
    assert not ServiceLetter.objects.exists()


def test_asking_for_a_letter_takes_a_post(client, served):
    client.force_login(served.user)
    assert client.get("/en/volunteers/me/letters/").status_code == 405
    assert not ServiceLetter.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_asking_for_a_letter_twice_at_once_makes_one_letter(served):
    barrier = Barrier(4)

    def ask(_):
        try:
            barrier.wait()
            return issue_letter(served).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        letters = set(pool.map(ask, range(4)))
    assert len(letters) == 1
    assert ServiceLetter.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "day", "day_before"),
    [
        ("en", "22 January 2027", "21 January 2027"),
        ("ru", "22 января 2027", "21 января 2027"),
        ("az", "22 yanvar 2027", "21 yanvar 2027"),
    ],
)
def test_the_pdf_and_the_verification_page_give_the_same_issue_date(
    client, letter, served, language, day, day_before
):
    """Issued at 22:30 UTC: already the next day in Baku, the site's time zone, on
    the paper and on the page alike, even for a holder who lives elsewhere."""
    letter.issued_at = datetime.datetime(2027, 1, 21, 22, 30, tzinfo=datetime.UTC)
    letter.save(update_fields=["issued_at"])
    served.user.time_zone = "America/New_York"  # 17:30 on the 21st there
    served.user.save(update_fields=["time_zone"])
    client.force_login(served.user)
    text = pdf_text(client.get(pdf_url(letter, language)))
    page = client.get(f"/{language}/certificates/verify/{letter.display_code}/")
    assert day in text and day in page.content.decode()
    assert day_before not in text and day_before not in page.content.decode()

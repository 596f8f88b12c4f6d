"""The public verification pages and the holder's PDF."""

import datetime
from io import BytesIO

import pytest
from django.test import Client
from pypdf import PdfReader

from lms_certificates.issuing import issue_due, revoke
from tests.conftest import in_english
from tests.factories import UserFactory

from .conftest import complete_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(rule, holder, school, quiz, live_class):
    complete_everything(holder, school, quiz, live_class)
    [certificate] = issue_due(rule)
    return certificate


def verify_url(certificate) -> str:
    return f"/en/certificates/verify/{certificate.display_code}/"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_anyone_can_check_a_valid_certificate(client, certificate):
    response = client.get(verify_url(certificate))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in [
        "This certificate is valid.",
        "Şəhla Ağayeva-Çələbi",
        "Migration School",
        certificate.cohort_name["en"],
        "1 March 2026",
        "1 September 2026",
        certificate.display_code,
    ]:
        assert shown in page
    assert "shahla@school.example" not in page


def test_verification_pages_are_not_for_search_engines(client, certificate):
    for url in [verify_url(certificate), "/en/certificates/verify/"]:
        response = client.get(url)
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex' in response.content.decode()


def test_a_revoked_certificate_says_when_and_why(client, certificate, coordinator):
    revoke(certificate, by=coordinator, reason="Plagiarised final project")
    page = client.get(verify_url(certificate)).content.decode()
    assert "This certificate has been revoked." in page
    assert "Plagiarised final project" in page
    assert "This certificate is valid." not in page


def test_an_unknown_code_is_not_found_without_a_hint(client, certificate):
    last = "3" if certificate.code.endswith("2") else "2"  # one letter off
    for code in ["A" * 32, "not-a-code", certificate.code[:-1] + last]:
        response = client.get(f"/en/certificates/verify/{code}/")
        assert response.status_code == 404
        assert "No certificate has this code." in response.content.decode()


def test_a_code_typed_by_hand_finds_the_certificate(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/en/certificates/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)
    response = client.get("/en/certificates/verify/", {"code": "short"})
    assert response.status_code == 400
    assert "A code has 32 letters" in response.content.decode()


def test_guessing_codes_is_slowed_down(client, settings, certificate):
    settings.LMS_CERTIFICATE_VERIFY_RATE = (3, 60)
    for _ in range(3):
        assert (
            client.get("/en/certificates/verify/" + "B" * 32 + "/").status_code == 404
        )
    response = client.get(verify_url(certificate))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait 60 seconds" in response.content.decode()


def test_the_holder_downloads_a_pdf_with_their_name_in_azerbaijani_letters(
    client, certificate, holder
):
    client.force_login(holder)
    response = client.get(
        f"/en/certificates/{certificate.display_code}/certificate.pdf"
    )
    assert response.status_code == 200
    text = pdf_text(response)
    for shown in [
        "Certificate of completion",
        "Şəhla Ağayeva-Çələbi",
        "Migration School",
        "Aysel Məmmədova",
        "GCM 11",
        certificate.display_code,
        "/en/certificates/verify/",
    ]:
        assert shown in text
    assert "REVOKED" not in text


def test_the_pdf_is_written_in_the_reader_s_language(client, certificate, holder):
    client.force_login(holder)
    response = client.get(
        f"/az/certificates/{certificate.display_code}/certificate.pdf"
    )
    assert "Bitirmə sertifikatı" in pdf_text(response)


def test_a_revoked_certificate_s_pdf_says_it_is_revoked(
    client, certificate, holder, coordinator
):
    revoke(certificate, by=coordinator, reason="Identity fraud")
    client.force_login(holder)
    text = pdf_text(
        client.get(f"/en/certificates/{certificate.display_code}/certificate.pdf")
    )
    assert "REVOKED" in text
    assert "Identity fraud" in text


def test_nobody_else_downloads_the_holder_s_pdf(client, certificate):
    url = f"/en/certificates/{certificate.display_code}/certificate.pdf"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_student_short_of_the_rule_has_no_certificate_to_download(
    client, rule, holder
):
    client.force_login(holder)
    response = client.get(in_english("/az/dashboard/"))
    page = response.content.decode()
    assert "To earn the certificate:" in page
    assert "0 of 2 modules completed" in page
    assert "certificate.pdf" not in page


def test_the_dashboard_links_the_issued_certificate(client, certificate, holder):
    client.force_login(holder)
    page = client.get("/en/dashboard/").content.decode()
    assert f"/en/certificates/{certificate.display_code}/certificate.pdf" in page
    assert "Issued on" in page


# The date on the paper -------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "day", "day_before"),
    [
        ("en", "22 January 2027", "21 January 2027"),
        ("ru", "22 января 2027", "21 января 2027"),
        ("az", "22 yanvar 2027", "21 yanvar 2027"),
    ],
)
def test_the_pdf_and_the_verification_page_give_the_same_issue_date(
    client, certificate, holder, language, day, day_before
):
    """Issued at 22:30 UTC: already the next day in Baku, the site's time zone, on
    the paper and on the page alike, even for a holder who lives elsewhere."""
    certificate.issued_at = datetime.datetime(2027, 1, 21, 22, 30, tzinfo=datetime.UTC)
    certificate.save(update_fields=["issued_at"])
    holder.time_zone = "America/New_York"  # 17:30 on the 21st there
    holder.save(update_fields=["time_zone"])
    client.force_login(holder)
    code = certificate.display_code
    text = pdf_text(client.get(f"/{language}/certificates/{code}/certificate.pdf"))
    page = client.get(f"/{language}/certificates/verify/{code}/").content.decode()
    anonymous = Client().get(f"/{language}/certificates/verify/{code}/")
    for shown in [text, page, anonymous.content.decode()]:
        assert day in shown
        assert day_before not in shown

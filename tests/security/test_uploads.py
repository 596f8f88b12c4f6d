"""Uploads are limited by type and size, an oversized request is refused before it is
read, and documents are served through Wagtail's view with its privacy checks."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import UserFactory, admin_in_english

pytestmark = pytest.mark.django_db
Document = get_document_model()
Image = get_image_model()
MB = 1024 * 1024


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    admin_in_english(user)
    client.force_login(user)
    return user


def upload_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": "Handout", "file": SimpleUploadedFile(name, content)},
    )


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": "Photo", "file": SimpleUploadedFile(name, content)},
    )


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(folder: str) -> list[Path]:
    root = Path(settings.MEDIA_ROOT, folder)
    return list(root.rglob("*")) if root.exists() else []


def form_errors(response) -> str:
    return " ".join(
        str(error)
        for errors in response.context["form"].errors.values()
        for error in errors
    )


def test_an_allowed_document_is_stored(client, editor):
    response = upload_document(client, "handout.pdf", b"%PDF-1.4 handout")
    assert response.status_code == 302
    assert Document.objects.get().title == "Handout"


def test_a_document_over_10_mb_is_refused_with_a_message_and_not_stored(client, editor):
    before = stored_files("documents")
    response = upload_document(client, "big.pdf", b"x" * (10 * MB + 1))
    assert response.status_code == 200
    assert "This file is too big" in form_errors(response)
    assert "Maximum filesize 10.0\xa0MB" in form_errors(response)
    assert not Document.objects.exists()
    assert stored_files("documents") == before


@pytest.mark.parametrize(
    "name", ["setup.exe", "page.html", "drawing.svg", "script.js", "notes.PDF.exe"]
)
def test_a_document_of_a_type_outside_the_allowlist_is_refused(client, editor, name):
    response = upload_document(client, name, b"MZ not really a handout")
    assert response.status_code == 200
    assert "File extension" in form_errors(response)
    assert not Document.objects.exists()


def test_an_allowed_image_is_stored(client, editor):
    response = upload_image(client, "photo.png", png(40, 30))
    assert response.status_code == 302
    assert (Image.objects.get().width, Image.objects.get().height) == (40, 30)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("page.html", b"<script>alert(1)</script>"),
        ("photo.png", b"<script>alert(1)</script>"),  # not an image at all
        ("photo.jpg", png(10, 10)),  # a PNG dressed up as a JPEG
    ],
)
def test_an_image_of_a_type_outside_the_allowlist_is_refused(
    client, editor, name, content
):
    response = upload_image(client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_an_image_over_the_pixel_limit_is_refused(client, editor):
    # 8,000 × 6,500 = 52 megapixels: a small file that would decode to ~200 MB.
    response = upload_image(client, "huge.png", png(8000, 6500, mode="1"))
    assert response.status_code == 200
    assert "This file has too many pixels" in form_errors(response)
    assert not Image.objects.exists()


def test_an_upload_larger_than_the_request_limit_gets_the_413_page(client, editor):
    before = stored_files("documents")
    response = upload_document(client, "huge.pdf", b"x" * (13 * MB))
    assert response.status_code == 413
    # Refused before the session is read: the page is in the site's default language.
    assert response.template_name == "413.html"
    assert not Document.objects.exists()
    assert stored_files("documents") == before


def test_a_huge_multipart_post_to_a_site_form_gets_413_in_the_visitors_language(
    client,
):
    response = client.post(
        "/en/accounts/login/",
        {"username": "a@school.example", "file": SimpleUploadedFile("x.pdf", b"x")},
        CONTENT_LENGTH=str(500 * MB),  # refused on the header alone: nothing is read
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "What you sent is larger than 12.0\xa0MB" in page


@pytest.mark.parametrize("length", ["abc", "-5", ""])
def test_a_malformed_content_length_is_not_a_server_error(client, length):
    response = client.post(
        "/en/accounts/login/", {"username": "a@school.example"}, CONTENT_LENGTH=length
    )
    assert response.status_code < 500


def test_more_files_than_allowed_in_one_request_is_a_bad_request(client, editor):
    files = {f"file{n}": SimpleUploadedFile(f"{n}.txt", b"x") for n in range(11)}
    response = client.post("/admin/documents/add/", {"title": "Many", **files})
    assert response.status_code == 400
    assert not Document.objects.exists()


def make_document(collection=None) -> Document:
    document = Document(title="Syllabus", file=ContentFile(b"%PDF-1.4", "syl.pdf"))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def test_a_document_is_served_by_the_view_as_a_download(client):
    document = make_document()
    response = client.get(document.url)
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_private_collections_document_is_refused_to_anonymous_visitors(
    client, student
):
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document(staff_only)
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/az/accounts/login/?next=/documents/")
    client.force_login(student)
    assert client.get(document.url).status_code == 200


def test_a_group_restricted_document_is_refused_to_other_learners(client, student):
    trainers_only = Collection.get_first_root_node().add_child(name="Trainers")
    restriction = CollectionViewRestriction.objects.create(
        collection=trainers_only, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(student.groups.model.objects.filter(name="Trainers"))
    document = make_document(trainers_only)
    client.force_login(student)
    response = client.get(document.url)
    assert response.status_code == 302
    assert b"%PDF" not in response.content


def test_the_media_url_does_not_bypass_the_documents_privacy(client):
    document = make_document()
    assert client.get(f"/media/{document.file.name}").status_code == 404

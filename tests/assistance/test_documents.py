"""A request's documents are checked by their bytes, not their name, and served with
the type that was checked."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms_assistance import documents
from lms_assistance.handling import HandlingRefused, add_document
from lms_assistance.models import AuditEntry, RequestDocument

from .factories import (
    docx_bytes,
    image_bytes,
    odt_bytes,
    pdf_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script>"

GENUINE = [
    pytest.param("permit.pdf", pdf_bytes, PDF, "pdf", id="pdf"),
    pytest.param("scan.png", lambda: image_bytes("PNG"), "image/png", "png", id="png"),
    pytest.param(
        "scan.jpeg", lambda: image_bytes("JPEG"), "image/jpeg", "jpg", id="jpeg"
    ),
    pytest.param("form.docx", docx_bytes, DOCX, "docx", id="docx"),
    pytest.param("form.odt", odt_bytes, ODT, "odt", id="odt"),
]
IMPOSTORS = [
    pytest.param("permit.pdf", HTML, id="html named pdf"),
    pytest.param("permit.pdf", b"  \n<script>alert(1)</script>", id="script named pdf"),
    pytest.param(
        "scan.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>', id="svg"
    ),
    pytest.param("form.docx", zip_bytes(), id="plain zip named docx"),
    pytest.param("form.odt", b"Just some text", id="text named odt"),
    pytest.param("scan.gif", b"GIF89a\x01\x00\x01\x00", id="gif"),
]


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.LMS_ASSISTANCE_DOCUMENT_ROOT = tmp_path / "private"
    return tmp_path / "private"


@pytest.fixture
def volunteer(client, desk_world, private_storage):
    client.force_login(desk_world.users["assigned_volunteer"])
    return client


def upload(client, request, name: str, content: bytes, claimed: str = PDF):
    """Post a file as a browser would, with the type the browser claims for it."""
    return client.post(
        reverse("desk:upload", args=[request.reference]),
        {"title": "Scan", "file": SimpleUploadedFile(name, content, claimed)},
    )


@pytest.mark.parametrize(("name", "content"), IMPOSTORS)
def test_a_file_whose_bytes_are_not_an_accepted_type_is_refused(
    volunteer, desk_world, private_storage, name, content
):
    response = upload(volunteer, desk_world.request, name, content)

    assert response.status_code == 400
    errors = response.context["document_form"].errors["file"]
    assert errors == [str(documents.NOT_A_DOCUMENT)]
    assert "whatever its name says" in response.content.decode()
    assert not RequestDocument.objects.exists()
    assert not private_storage.exists() or not any(private_storage.rglob("*.*"))


@pytest.mark.parametrize(("name", "make", "checked", "extension"), GENUINE)
def test_a_genuine_document_is_kept_with_the_type_its_bytes_are(
    volunteer, desk_world, private_storage, name, make, checked, extension
):
    response = upload(volunteer, desk_world.request, name, make(), "text/html")

    assert response.status_code == 302
    document = RequestDocument.objects.get()
    assert document.content_type == checked
    assert document.file.name.endswith(f".{extension}")
    assert (private_storage / document.file.name).read_bytes() == make()


@pytest.mark.parametrize(("name", "make", "checked", "extension"), GENUINE)
def test_a_document_is_served_with_the_type_that_was_checked(
    volunteer, desk_world, name, make, checked, extension
):
    upload(volunteer, desk_world.request, name, make(), "text/html")
    document = RequestDocument.objects.get()

    download = volunteer.get(
        reverse("desk:document", args=[desk_world.request.reference, document.pk])
    )

    assert download.status_code == 200
    assert download["Content-Type"] == document.content_type == checked
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{desk_world.request.reference}-{document.pk}'
        f'.{extension}"'
    )
    assert b"".join(download.streaming_content) == make()


def test_a_png_named_pdf_is_kept_and_served_as_the_png_it_is(volunteer, desk_world):
    upload(volunteer, desk_world.request, "permit.pdf", image_bytes("PNG"))
    document = RequestDocument.objects.get()

    download = volunteer.get(
        reverse("desk:document", args=[desk_world.request.reference, document.pk])
    )

    assert document.content_type == "image/png"
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].endswith('.png"')


def test_the_handling_function_refuses_html_whoever_calls_it(
    desk_world, private_storage, rf
):
    http_request = rf.post("/")
    http_request.user = desk_world.users["desk_staff"]

    with pytest.raises(HandlingRefused) as refusal:
        add_document(
            http_request,
            desk_world.request,
            "Scan",
            SimpleUploadedFile("permit.pdf", HTML, PDF),
        )

    assert refusal.value.field == "file"
    assert not RequestDocument.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_document_kept_before_types_were_checked_is_served_by_its_extension(
    volunteer, desk_world, private_storage
):
    document = RequestDocument(
        request=desk_world.request, title="Old scan", content_type="text/html"
    )
    document.file.save("old.pdf", ContentFile(HTML), save=False)
    document.save()

    download = volunteer.get(
        reverse("desk:document", args=[desk_world.request.reference, document.pk])
    )

    assert download["Content-Type"] == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")


def test_the_migration_gives_older_documents_their_extension_s_type(
    desk_world, private_storage
):
    migration = importlib.import_module(
        "lms_assistance.migrations.0003_document_types_from_extension"
    )
    claimed = {"a.PDF": "text/html", "b.jpeg": "", "c.odt": "text/plain", "d.exe": ""}
    for name, content_type in claimed.items():
        document = RequestDocument(
            request=desk_world.request, title=name, content_type=content_type
        )
        document.file.save(name, ContentFile(b"x"), save=False)
        document.save()

    migration.types_from_extension(apps, None)

    assert dict(RequestDocument.objects.values_list("title", "content_type")) == {
        "a.PDF": PDF,
        "b.jpeg": "image/jpeg",
        "c.odt": ODT,
        "d.exe": "application/octet-stream",
    }

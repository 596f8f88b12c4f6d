"""/media/ in development and with LMS_SERVE_MEDIA: images and renditions are served,
documents never, however their path is spelled (issue 29, part 6)."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db
SECRET = b"%PDF-1.4 staff only"


@pytest.fixture
def private_document():
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(
        title="Staff notes",
        file=ContentFile(SECRET, name="notes.pdf"),
        collection=staff_only,
    )
    document.save()
    return document


@pytest.fixture
def image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Photo", file=ContentFile(buffer.getvalue(), name="photo.png")
    )


def refused(response) -> bool:
    body = b"".join(response.streaming_content) if response.streaming else b""
    return response.status_code in (400, 404) and SECRET not in body


def test_the_document_is_refused_at_its_own_media_address(client, private_document):
    assert private_document.file.name.startswith("documents/")
    assert refused(client.get(f"/media/{private_document.file.name}"))


@pytest.mark.parametrize(
    "spelling",
    [
        "/media//documents/{name}",
        "/media/./documents/{name}",
        "/media/images/../documents/{name}",
        "/media/../media/documents/{name}",
        "/media/original_images/./../documents/{name}",
        "/media/Documents/{name}",
    ],
    ids=["double slash", "dot", "dot dot", "above the root", "both", "capitals"],
)
def test_another_spelling_of_the_path_does_not_reach_the_document(
    client, private_document, spelling
):
    name = private_document.file.name.removeprefix("documents/")
    assert refused(client.get(spelling.format(name=name)))


@pytest.mark.parametrize(
    "spelling",
    [
        "/media/%2Fdocuments/{name}",
        "/media/%2e/documents/{name}",
        "/media/images/%2e%2e/documents/{name}",
        "/media/images/%2E%2E%2Fdocuments%2F{name}",
        "/media/%64ocuments/{name}",
        "/media/%252e/documents/{name}",
    ],
    ids=["slash", "dot", "dot dot", "all encoded", "letter", "twice encoded"],
)
def test_a_percent_encoded_spelling_does_not_reach_the_document_either(
    client, private_document, spelling
):
    name = private_document.file.name.removeprefix("documents/")
    assert refused(client.get(spelling.format(name=name)))


def test_the_document_still_comes_out_of_its_view_for_those_allowed(
    client, private_document, student
):
    client.force_login(student)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET


def test_an_image_rendition_is_still_served(client, image):
    rendition = image.get_rendition("fill-20x20")
    response = client.get(rendition.url)
    assert rendition.url.startswith("/media/images/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    served = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.size == (20, 20)


def test_an_original_image_is_still_served_with_a_dot_in_its_path(client, image):
    response = client.get(f"/media/./{image.file.name}")
    assert response.status_code == 200

"""Factories for the assistance desk: desks, requests, drives, slots and bookings,
and sample files to upload as a request's documents."""

import datetime
import hashlib
import io
import zipfile

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from lms_assistance import conf
from lms_assistance.models import (
    AssistanceRequest,
    Booking,
    Desk,
    Drive,
    DriveSlot,
    HelpKind,
    IdDocumentKind,
    Language,
    LegalBasis,
)
from lms_volunteers.models import Qualification, QualificationGrant
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory, project_page

DEMO_NAME = "Zahra Karimova-Testova"
DEMO_DOCUMENT = "P98765432"


class DeskFactory(DjangoModelFactory):
    class Meta:
        model = Desk
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Desk {n}")
    place = "Service centre, 12 Nizami street"

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff.set(extracted)


class AssistanceRequestFactory(DjangoModelFactory):
    """A new request with consent given, taken by a member of its desk."""

    class Meta:
        model = AssistanceRequest

    desk = factory.SubFactory(DeskFactory)
    kind = HelpKind.FORMS
    service = "Temporary residence permit"
    preferred_language = Language.RU
    needs = "Help filling in the application for a temporary residence permit."
    given_name = "Zahra"
    family_name = "Karimova-Testova"
    phone = "+994 50 555 12 34"
    nationality = "Iranian"
    id_document_kind = IdDocumentKind.PASSPORT
    id_document_number = DEMO_DOCUMENT
    legal_basis = LegalBasis.CONSENT
    consent_given = True
    consent_scope = "Desk staff and the volunteer assigned, for this application."
    taken_by = factory.SubFactory(UserFactory)
    consent_recorded_by = factory.SelfAttribute("taken_by")
    consent_at = factory.LazyFunction(timezone.now)


def desk_qualification() -> Qualification:
    qualification, _created = Qualification.objects.get_or_create(
        name_en=conf.qualification_name(),
        defaults={"name_az": "Yardım masası əsasları", "name_ru": "Основы приёмной"},
    )
    return qualification


def qualified_volunteer(**kwargs):
    """An active volunteer holding the desk's qualification."""
    volunteer = VolunteerFactory(**kwargs)
    QualificationGrant.objects.create(
        volunteer=volunteer,
        qualification=desk_qualification(),
        source="hand",
        reason="Trained at the desk.",
    )
    return volunteer


class DriveFactory(DjangoModelFactory):
    class Meta:
        model = Drive

    desk = factory.SubFactory(DeskFactory)
    title = factory.Sequence(lambda n: f"Medical university students {n}")
    place = "Medical university, hall 2"
    project = factory.LazyFunction(project_page)


class DriveSlotFactory(DjangoModelFactory):
    """Tomorrow at ten, for an hour, four places."""

    class Meta:
        model = DriveSlot

    drive = factory.SubFactory(DriveFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=1))
    capacity = 4


class BookingFactory(DjangoModelFactory):
    """A booking counted on its slot, with the code ``code`` (default a sequence)."""

    class Meta:
        model = Booking
        exclude = ["code"]

    slot = factory.SubFactory(DriveSlotFactory)
    code = factory.Sequence(lambda n: f"CODE{n:08d}")
    code_hash = factory.LazyAttribute(
        lambda b: hashlib.sha256(b.code.encode()).hexdigest()
    )
    name = DEMO_NAME
    phone = "+994 50 555 12 34"
    language = Language.RU

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        booking = super()._create(model_class, *args, **kwargs)
        if booking.status == Booking.Status.BOOKED:
            DriveSlot.objects.filter(pk=booking.slot_id).update(
                booked=booking.slot.booked + 1
            )
            booking.slot.refresh_from_db()
        return booking


# Sample documents: real files of each accepted type, made the way their programs
# lay them out, and a few impostors.


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.drawString(72, 720, "Application for a work permit")
    canvas.save()
    return out.getvalue()


def image_bytes(image_format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, image_format)
    return out.getvalue()


def docx_bytes() -> bytes:
    """Word's order of parts: the content types, the relations, then the text."""
    return _zipped(
        [
            ("[Content_Types].xml", '<?xml version="1.0"?><Types/>'),
            ("_rels/.rels", '<?xml version="1.0"?><Relationships/>'),
            ("word/document.xml", '<?xml version="1.0"?><w:document/>'),
        ]
    )


def odt_bytes() -> bytes:
    """OpenDocument's rule: an uncompressed ``mimetype`` entry comes first."""
    return _zipped(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest/>'),
            ("content.xml", '<?xml version="1.0"?><office:document-content/>'),
        ],
        first_stored=True,
    )


def zip_bytes() -> bytes:
    return _zipped([("notes.txt", "Not a document.")])


def _zipped(entries: list[tuple[str, str]], first_stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, text) in enumerate(entries):
            # A fixed date, so that the same file is the same bytes every time.
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            stored = first_stored and number == 0
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, text)
    return out.getvalue()

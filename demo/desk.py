"""The demo assistance desk: a desk with requests in every state, a delivery under
way, a drive with bookable slots, and a year of closed requests for the impact report.

The migrants are invented. Request texts are in Azerbaijani, the language the desk's
staff work in.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from lms_assistance import audit, deliveries, drives
from lms_assistance.models import (
    AssistanceRequest,
    Desk,
    HelpKind,
    Language,
    RequestDocument,
    RequestNote,
    Status,
)
from lms_volunteers.models import ProjectPage

DESK_NAME = "Bakı, ASAN xidmət №1: miqrantlara yardım masası"
DRIVE_TITLE = "Tibb Universitetinin xarici tələbələri, oktyabr–noyabr"
CONSENT = (
    "Masa və təyin edilən könüllü bu məlumatlardan yalnız bu yardım üçün istifadə edir."
)

# (status, kind, language, given name, family name, service, needs, volunteer?)
OPEN_REQUESTS = [
    (
        Status.NEW,
        HelpKind.FORMS,
        Language.RU,
        "Məryəm",
        "Rəhimi",
        "Müvəqqəti yaşamaq icazəsi",
        "Müvəqqəti yaşamaq icazəsi üçün ərizə formasını doldurmağa kömək.",
        False,
    ),
    (
        Status.ASSIGNED,
        HelpKind.FORMS,
        Language.RU,
        "Olga",
        "Petrenko",
        "İş icazəsi",
        "İş icazəsi ərizəsi: formanı birlikdə doldurmaq və sənədləri yoxlamaq.",
        True,
    ),
    (
        Status.IN_PROGRESS,
        HelpKind.DOCUMENTS,
        Language.AR,
        "Yusuf",
        "Haddad",
        "Daimi yaşamaq icazəsi",
        "Daimi yaşamaq icazəsi üçün lazım olan arayışları toplamaq.",
        True,
    ),
    (
        Status.ASSIGNED,
        HelpKind.DELIVERY,
        Language.RU,
        "Irina",
        "Kovalenko",
        "Yaşamaq icazəsi vəsiqəsi",
        "Hazır vəsiqəni xidmətdən götürüb evə çatdırmaq (hərəkət məhdudiyyəti var).",
        True,
    ),
]
CLOSED_REQUESTS = [
    (Status.REFERRED, HelpKind.COUNSELLING, Language.EN, "Beatrice", "Mensah"),
    (Status.CLOSED, HelpKind.OTHER, Language.TR, "Emre", "Yıldız"),
]
KINDS_OF_THE_YEAR = [HelpKind.FORMS] * 5 + [
    HelpKind.DOCUMENTS,
    HelpKind.DOCUMENTS,
    HelpKind.COUNSELLING,
    HelpKind.AID,
]
LANGUAGES_OF_THE_YEAR = [Language.RU] * 4 + [Language.FA, Language.AR, Language.EN]


def load(accounts: dict) -> bool:
    """Build the demo desk once (its name is the guard); False when already there."""
    if Desk.objects.filter(name=DESK_NAME).exists():
        return False
    staff = accounts["desk staff"]
    volunteer = accounts["volunteer"]
    project = ProjectPage.objects.filter(
        slug="application-help-at-service-centres"
    ).first()
    desk = Desk.objects.create(
        name=DESK_NAME,
        place="Bakı, ASAN xidmət №1, 1-ci mərtəbə",
        project=project,
        two_volunteers_for=[HelpKind.AID],
    )
    desk.staff.add(staff)
    # The demo volunteer holds two tasks, so the desk still suggests them for more.
    courier = get_user_model().objects.get(email="volunteer01@school.example")
    now = timezone.now()
    for number, (
        status,
        kind,
        language,
        given,
        family,
        service,
        needs,
        busy,
    ) in enumerate(OPEN_REQUESTS):
        request = _request(
            desk,
            staff,
            kind=kind,
            preferred_language=language,
            given_name=given,
            family_name=family,
            service=service,
            needs=needs,
            created_at=now - datetime.timedelta(days=6 - number),
            status=status,
            assignee=(courier if kind == HelpKind.DELIVERY else volunteer)
            if busy
            else None,
            assigned_at=now - datetime.timedelta(days=5 - number) if busy else None,
            address="Bakı, Nərimanov r-nu, Təbriz küç. 12"
            if kind in (HelpKind.DELIVERY,)
            else "",
        )
        if kind == HelpKind.DELIVERY:
            deliveries.record_collection(request, "Yaşamaq icazəsi vəsiqəsi", volunteer)
    _without_consent(desk, staff, now)
    _with_note_and_document(desk, staff, volunteer)
    for number, (status, kind, language, given, family) in enumerate(CLOSED_REQUESTS):
        _request(
            desk,
            staff,
            kind=kind,
            preferred_language=language,
            given_name=given,
            family_name=family,
            service="Məsləhət",
            needs="Məsləhət və istiqamətləndirmə.",
            created_at=now - datetime.timedelta(days=20 + number),
            status=status,
            closed_at=now - datetime.timedelta(days=18 + number),
            referred_to="BMT QAK-ın tərəfdaşı, hüquqi yardım"
            if status == Status.REFERRED
            else "",
            close_reason="Miqrant başqa şəhərə köçdü."
            if status == Status.CLOSED
            else "",
        )
    _a_year_of_help(desk, staff, volunteer, now)
    _drive(desk, project, staff, now)
    return True


def _request(desk, staff, **fields) -> AssistanceRequest:
    status = fields.get("status", Status.NEW)
    if status in (Status.DONE, Status.REFERRED, Status.CLOSED):
        fields.setdefault(
            "closed_at", fields["created_at"] + datetime.timedelta(days=3)
        )
    fields.setdefault("phone", "+994 70 000 00 00")
    fields.setdefault("legal_basis", "consent")
    request = AssistanceRequest.objects.create(
        desk=desk,
        taken_by=staff,
        consent_given=True,
        consent_scope=CONSENT,
        consent_recorded_by=staff,
        consent_at=fields["created_at"],
        **fields,
    )
    audit.record(
        None,
        audit.Action.CREATE,
        reference=request.reference,
        target="request",
        detail={"kind": request.kind, "consent": True},
        actor=staff,
    )
    return request


def _without_consent(desk, staff, now) -> None:
    """Taken on the phone in an emergency: shared with nobody until consent comes."""
    request = AssistanceRequest.objects.create(
        desk=desk,
        taken_by=staff,
        kind=HelpKind.AID,
        preferred_language=Language.UK,
        given_name="Oksana",
        service="Humanitar yardım",
        needs="Qış üçün isti paltar və ərzaq; uşaqlı ailə.",
        legal_basis="vital",
        created_at=now - datetime.timedelta(hours=5),
    )
    audit.record(
        None,
        audit.Action.CREATE,
        reference=request.reference,
        target="request",
        detail={"kind": request.kind, "consent": False},
        actor=staff,
    )


def _with_note_and_document(desk, staff, volunteer) -> None:
    request = AssistanceRequest.objects.filter(
        desk=desk, status=Status.IN_PROGRESS
    ).first()
    RequestNote.objects.create(
        request=request,
        author=volunteer,
        text="Bələdiyyədən arayış alındı; polis arayışı gözlənilir.",
    )
    document = RequestDocument(
        request=request,
        title="Bələdiyyə arayışı (skan)",
        uploaded_by=volunteer,
        content_type="application/pdf",
    )
    content = ContentFile(b"%PDF-1.4\n% demo scan\n%%EOF\n")
    document.size = content.size
    document.file.save("arayis.pdf", content, save=False)
    document.save()


def _a_year_of_help(desk, staff, volunteer, now) -> None:
    """Sixty requests done over the last twelve months, for the impact report; a
    few over a year old, which the retention command would anonymise."""
    rng = random.Random(13)
    for number in range(60):
        created = now - datetime.timedelta(days=rng.randint(5, 360))
        _request(
            desk,
            staff,
            kind=rng.choice(KINDS_OF_THE_YEAR),
            preferred_language=rng.choice(LANGUAGES_OF_THE_YEAR),
            given_name=f"Demo{number:02d}",
            family_name="Miqrant",
            service="Yaşamaq icazəsi",
            needs="Ərizə forması.",
            created_at=created,
            status=Status.DONE,
            assignee=volunteer,
            assigned_at=created,
        )
    for number in range(3):
        created = now - datetime.timedelta(days=420 + number * 10)
        _request(
            desk,
            staff,
            kind=HelpKind.FORMS,
            preferred_language=Language.RU,
            given_name=f"Old{number}",
            family_name="Miqrant",
            service="İş icazəsi",
            needs="Ərizə forması.",
            created_at=created,
            status=Status.DONE,
        )


def _drive(desk, project, staff, now) -> None:
    """A drive with slots tomorrow and the day after (bookable at its link) and one
    last week, whose bookings are marked helped or not."""
    if project is None:
        return
    drive = drives.open_drive(
        desk,
        title=DRIVE_TITLE,
        place="Azərbaycan Tibb Universiteti, 1-ci tədris binası, 105-ci otaq",
        project=project,
        kind=HelpKind.FORMS,
        description=(
            "Xarici tələbələr üçün: yaşamaq icazəsinin uzadılması formaları. "
            "Pasportunuzu və tələbə biletinizi gətirin."
        ),
    )
    last_week = (now - datetime.timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    past = drives.add_slots(
        drive,
        first_starts_at=last_week,
        count=2,
        minutes=60,
        places=6,
        lead=staff,
        now=last_week - datetime.timedelta(days=1),
    )
    for day in (1, 2):
        drives.add_slots(
            drive,
            first_starts_at=(now + datetime.timedelta(days=day)).replace(
                hour=10, minute=0, second=0, microsecond=0
            ),
            count=4,
            minutes=30,
            places=4,
            lead=staff,
        )
    before = last_week - datetime.timedelta(days=2)
    outcomes = ["helped"] * 8 + ["no_show"] * 2
    for number, outcome in enumerate(outcomes):
        booking, _code = drives.book(
            past[number % 2],
            name=f"Tələbə {number + 1}",
            language=Language.EN if number % 3 else Language.AR,
            now=before,
        )
        drives.mark(booking, outcome, now=now)

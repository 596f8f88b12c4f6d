"""Letters of service: what a volunteer gave, written down once and verifiable.

A letter's statement is a snapshot (hours by project, qualifications held, first and
last day), so the public verification page shows exactly what the paper says. Its code
is a certificate's code and is checked on the certificates' verification page.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lms_certificates.verification import VerifiedDocument

from .hours import gone_project_title, project_titles_in_all_languages
from .models import HoursEntry, QualificationGrant, ServiceLetter, Volunteer

LANGUAGES = ("az", "en", "ru")
# Who may ask for a letter: those who served, even if they have paused or left.
MAY_ASK = {Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED, Volunteer.Status.LEFT}


class LetterRefused(Exception):
    """A letter the rules refuse; the message is for the user."""


def issue_letter(volunteer: Volunteer, now=None) -> ServiceLetter:
    """A letter stating the volunteer's approved hours today.

    When their latest valid letter states exactly the same, that letter is returned
    instead of a new one, so asking twice gives one code.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Two clicks at once must not make two letters saying the same.
        locked = (
            Volunteer.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=volunteer.pk)
        )
        if locked.status not in MAY_ASK:
            raise LetterRefused(
                _("Letters of service are for volunteers who have served the union.")
            )
        holder_name = locked.user.get_full_name().strip()
        if not holder_name:
            raise LetterRefused(
                _("Add your name to your account first: the letter is made out to it.")
            )
        total, statement = _statement(locked, now)
        if not total:
            raise LetterRefused(
                _(
                    "You have no approved hours yet: a letter would have nothing "
                    "to state."
                )
            )
        latest = (
            ServiceLetter.objects.filter(volunteer=locked, revoked_at__isnull=True)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if (
            latest is not None
            and latest.statement == statement
            and latest.total_hours == total
            and latest.holder_name == holder_name
        ):
            return latest
        return ServiceLetter.objects.create(
            volunteer=locked,
            holder_name=holder_name,
            issued_at=now,
            total_hours=total,
            statement=statement,
        )


def revoke(letter: ServiceLetter, *, by, reason: str, now=None) -> ServiceLetter:
    """Staff withdraw a letter, saying why: the verification page shows both."""
    reason = (reason or "").strip()
    if not reason:
        raise LetterRefused(_("Say why the letter is revoked: its readers see it."))
    with transaction.atomic():
        locked = ServiceLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.is_revoked:
            return locked
        locked.revoked_at = now or timezone.now()
        locked.revoked_by = by
        locked.revoke_reason = reason[:500]
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    letter.revoked_at, letter.revoked_by = locked.revoked_at, by
    letter.revoke_reason = locked.revoke_reason
    return locked


def statement_in(letter: ServiceLetter, language: str) -> dict:
    """What the letter states, in ``language``: projects with hours, qualifications,
    first and last day (dates)."""
    language = (language or "")[:2]
    language = language if language in LANGUAGES else LANGUAGES[0]
    statement = letter.statement
    return {
        "projects": [
            {
                "title": project["title"].get(language) or gone_project_title(),
                "hours": Decimal(project["hours"]),
            }
            for project in statement.get("projects", [])
        ],
        "qualifications": [
            names.get(language) or names.get("az", "")
            for names in statement.get("qualifications", [])
        ],
        "first_day": datetime.date.fromisoformat(statement["first_day"]),
        "last_day": datetime.date.fromisoformat(statement["last_day"]),
    }


def verified_letter(code: str) -> VerifiedDocument | None:
    """The certificates' verification page asks this about codes it does not know."""
    letter = ServiceLetter.objects.filter(code=code).first()
    if letter is None:
        return None
    return VerifiedDocument(
        template_name="volunteers/verify_letter.html",
        display_code=letter.display_code,
        context={
            "letter": letter,
            "stated": statement_in(letter, (get_language() or "az")[:2]),
        },
    )


def _statement(volunteer: Volunteer, now) -> tuple[Decimal, dict]:
    approved = HoursEntry.objects.approved().filter(volunteer=volunteer)
    span = approved.aggregate(first=Min("worked_on"), last=Max("worked_on"))
    rows = list(
        approved.values("project_key").annotate(hours=Sum("hours")).order_by("-hours")
    )
    total = sum((row["hours"] for row in rows), Decimal(0))
    if not total:
        return total, {}
    titles = project_titles_in_all_languages(
        {row["project_key"] for row in rows}, LANGUAGES
    )
    gone = dict.fromkeys(LANGUAGES, "")
    projects = [
        {"title": titles.get(row["project_key"], gone), "hours": f"{row['hours']:.2f}"}
        for row in rows
    ]
    projects.sort(
        key=lambda project: (-Decimal(project["hours"]), project["title"]["en"])
    )
    grants = (
        QualificationGrant.objects.filter(volunteer=volunteer)
        .valid(now)
        .select_related("qualification")
        .order_by("qualification__name_en", "qualification__pk")
    )
    qualifications = [
        {
            "az": grant.qualification.name_az,
            "en": grant.qualification.name_en,
            "ru": grant.qualification.name_ru,
        }
        for grant in grants
    ]
    statement = {
        "projects": projects,
        "qualifications": qualifications,
        "first_day": span["first"].isoformat(),
        "last_day": span["last"].isoformat(),
    }
    return total.quantize(Decimal("0.01")), statement

"""Hours volunteers give: attendance a shift's lead confirms, claims staff decide.

Confirmed attendance becomes approved hours at once; hours worked outside a shift are
claimed by the volunteer and wait for staff. Totals count approved hours only, and the
union's totals keep the hours of volunteers whose accounts are gone.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import HoursEntry, ProjectPage, Shift, SignUp, Volunteer
from .models.pages import in_reader_language

MAX_A_DAY = Decimal(24)
QUARTER = Decimal("0.25")
CENT = Decimal("0.01")


class HoursRefused(Exception):
    """Hours the rules refuse; the message is for the user.

    ``field`` names the claim form's field the message belongs to, if any.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class ProjectHours:
    title: str
    hours: Decimal
    project_key: str | None = None


@dataclass
class YearHours:
    year: int
    hours: Decimal
    projects: list[ProjectHours] = field(default_factory=list)


@dataclass
class VolunteerTotals:
    total: Decimal
    years: list[YearHours]


@dataclass
class UnionTotals:
    total: Decimal
    projects: list[ProjectHours]


def may_confirm_attendance(user, shift: Shift) -> bool:
    """The shift's lead, or staff who may change hours."""
    if not user.is_authenticated:
        return False
    return shift.lead_id == user.pk or user.has_perm("lms_volunteers.change_hoursentry")


def shift_hours(shift: Shift) -> Decimal:
    """The shift's length in hours, to the nearest quarter, between ¼ and 24."""
    seconds = Decimal((shift.ends_at - shift.starts_at).total_seconds())
    quarters = (seconds / 3600 / QUARTER).quantize(Decimal(1), ROUND_HALF_UP)
    return min(max(quarters * QUARTER, QUARTER), MAX_A_DAY)


def confirm_attendance(
    shift: Shift, came: dict[int, bool], *, by, now=None
) -> list[SignUp]:
    """Record who came, by sign-up id, once the shift has started.

    Those who came get the shift's hours, approved (kept as they are when confirmed
    again); those who did not lose the shift's hours. Sign-ups left out of ``came``
    are not touched. Returns the shift's confirmed sign-ups.
    """
    now = now or timezone.now()
    if shift.status == Shift.Status.CANCELLED:
        raise HoursRefused(_("This shift was cancelled: nobody's attendance counts."))
    if shift.starts_at > now:
        raise HoursRefused(_("Attendance can be confirmed once the shift has started."))
    hours = shift_hours(shift)
    worked_on = timezone.localdate(shift.starts_at)
    with transaction.atomic():
        # One confirmation of a shift at a time: the second sees the first's rows.
        Shift.objects.select_for_update().get(pk=shift.pk)
        sign_ups = list(
            shift.sign_ups.confirmed().select_related("volunteer__user").order_by("pk")
        )
        if set(came) - {sign_up.pk for sign_up in sign_ups}:
            raise HoursRefused(
                _("Someone in this list is not signed up for this shift.")
            )
        for sign_up in sign_ups:
            if sign_up.pk not in came:
                continue
            if came[sign_up.pk]:
                HoursEntry.objects.get_or_create(
                    shift=shift,
                    volunteer=sign_up.volunteer,
                    defaults={
                        "project": shift.project,
                        "worked_on": worked_on,
                        "hours": hours,
                        "source": HoursEntry.Source.SHIFT,
                        "status": HoursEntry.Status.APPROVED,
                        "submitted_at": now,
                        "decided_by": by,
                        "decided_at": now,
                    },
                )
            else:
                HoursEntry.objects.filter(
                    shift=shift, volunteer=sign_up.volunteer
                ).delete()
            sign_up.attended = bool(came[sign_up.pk])
            sign_up.attendance_confirmed_by = by
            sign_up.attendance_confirmed_at = now
            sign_up.save(
                update_fields=[
                    "attended",
                    "attendance_confirmed_by",
                    "attendance_confirmed_at",
                ]
            )
    return sign_ups


def claim(
    volunteer: Volunteer,
    *,
    project: ProjectPage,
    worked_on: datetime.date,
    hours,
    description: str,
    now=None,
) -> HoursEntry:
    """Hours an active volunteer worked outside a shift, waiting for staff."""
    now = now or timezone.now()
    hours = _as_hours(hours)
    description = (description or "").strip()
    if not description:
        raise HoursRefused(
            _("Say what you did, so that the union's staff can approve it."),
            "description",
        )
    if len(description) > 500:
        raise HoursRefused(
            _("Say what you did in 500 characters or fewer."), "description"
        )
    if project is None or not project.live:
        raise HoursRefused(_("Choose one of the union's projects."), "project")
    if worked_on > timezone.localdate(now):
        raise HoursRefused(
            _("You can only claim hours you have already worked."), "worked_on"
        )
    with transaction.atomic():
        # Locking the volunteer makes two claims for the same day wait for each other.
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if locked.status != Volunteer.Status.ACTIVE:
            raise HoursRefused(_("Only active volunteers can claim hours."))
        already = HoursEntry.objects.filter(
            volunteer=locked,
            worked_on=worked_on,
            status__in=[HoursEntry.Status.PENDING, HoursEntry.Status.APPROVED],
        ).aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
        if already + hours > MAX_A_DAY:
            raise HoursRefused(
                _(
                    "A day has 24 hours: you already have %(already)s hours on "
                    "that day, so you can claim at most %(left)s more."
                )
                % {"already": _number(already), "left": _number(MAX_A_DAY - already)},
                "hours",
            )
        return HoursEntry.objects.create(
            volunteer=locked,
            project=project,
            worked_on=worked_on,
            hours=hours,
            description=description,
            source=HoursEntry.Source.CLAIM,
            status=HoursEntry.Status.PENDING,
            submitted_at=now,
        )


def approve(entry: HoursEntry, *, by, now=None) -> HoursEntry:
    """Staff accept a claim: its hours count from now on."""
    return _decide(entry, HoursEntry.Status.APPROVED, by=by, note="", now=now)


def reject(entry: HoursEntry, *, by, reason: str, now=None) -> HoursEntry:
    """Staff turn a claim down, saying why (the volunteer reads it)."""
    reason = (reason or "").strip()
    if not reason:
        raise HoursRefused(_("Say why the hours are rejected: the volunteer reads it."))
    return _decide(entry, HoursEntry.Status.REJECTED, by=by, note=reason, now=now)


def totals(volunteer: Volunteer) -> VolunteerTotals:
    """Approved hours by year (latest first) and project, and in all. Three queries."""
    rows = list(
        HoursEntry.objects.approved()
        .filter(volunteer=volunteer)
        .annotate(year=ExtractYear("worked_on"))
        .values("year", "project_key")
        .annotate(hours=Sum("hours"))
        .order_by("-year")
    )
    titles = project_titles({row["project_key"] for row in rows})
    years: dict[int, YearHours] = {}
    for row in rows:
        year = years.setdefault(row["year"], YearHours(row["year"], Decimal(0)))
        year.hours += row["hours"]
        year.projects.append(_project_hours(row, titles))
    for year in years.values():
        year.projects.sort(key=lambda project: (-project.hours, project.title))
    return VolunteerTotals(
        total=sum((year.hours for year in years.values()), Decimal(0)),
        years=list(years.values()),
    )


def union_totals() -> UnionTotals:
    """The union's approved hours by project and in all, counting those of volunteers
    whose accounts are gone. Three queries."""
    rows = list(
        HoursEntry.objects.approved().values("project_key").annotate(hours=Sum("hours"))
    )
    titles = project_titles({row["project_key"] for row in rows})
    projects = sorted(
        (_project_hours(row, titles) for row in rows),
        key=lambda project: (-project.hours, project.title),
    )
    return UnionTotals(
        total=sum((project.hours for project in projects), Decimal(0)),
        projects=projects,
    )


def project_titles(keys) -> dict:
    """Project titles by translation key, in the reader's language. Two queries."""
    keys = {key for key in keys if key is not None}
    if not keys:
        return {}
    originals = {}
    for page in ProjectPage.objects.filter(translation_key__in=keys).order_by("pk"):
        originals.setdefault(page.translation_key, page)
    pages = in_reader_language(ProjectPage, list(originals.values()))
    return {page.translation_key: page.title for page in pages}


def project_titles_in_all_languages(keys, languages) -> dict:
    """{key: {language: title}}, falling back to the first translation's title."""
    keys = {key for key in keys if key is not None}
    titles: dict = {}
    pages = (
        Page.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("pk")
    )
    for page in pages:
        by_language = titles.setdefault(
            page.translation_key, dict.fromkeys(languages, page.title)
        )
        if page.live and page.locale.language_code in by_language:
            by_language[page.locale.language_code] = page.title
    return titles


def gone_project_title() -> str:
    return _("A project no longer listed")


def _project_hours(row, titles) -> ProjectHours:
    return ProjectHours(
        title=titles.get(row["project_key"]) or gone_project_title(),
        hours=row["hours"],
        project_key=row["project_key"],
    )


def _decide(entry, status, *, by, note: str, now=None) -> HoursEntry:
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            HoursEntry.objects.select_for_update(of=("self",))
            .select_related("volunteer")
            .get(pk=entry.pk)
        )
        if locked.status != HoursEntry.Status.PENDING:
            raise HoursRefused(
                _("These hours were already decided: %(status)s.")
                % {"status": locked.get_status_display()}
            )
        if locked.volunteer is not None and locked.volunteer.user_id == by.pk:
            raise HoursRefused(_("Someone else must decide on your own hours."))
        locked.status = status
        locked.decided_by = by
        locked.decided_at = now
        locked.decision_note = note[:500]
        locked.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note"]
        )
    entry.status, entry.decided_by, entry.decided_at = status, by, now
    entry.decision_note = locked.decision_note
    return locked


def _as_hours(hours) -> Decimal:
    try:
        hours = Decimal(str(hours)).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite():
        raise HoursRefused(_("Write the hours as a number, e.g. 2.5."), "hours")
    if hours <= 0:
        raise HoursRefused(_("Claim a positive number of hours."), "hours")
    if hours > MAX_A_DAY:
        raise HoursRefused(
            _("Nobody works more than 24 hours in a day: claim each day apart."),
            "hours",
        )
    return hours


def _number(hours: Decimal) -> str:
    """2, 2.5 or 2.25: hours as people write them."""
    return f"{hours.normalize():f}"

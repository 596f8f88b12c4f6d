"""The programme report: admission and completion figures of cohorts, side by side.

"Completed" means an accepted applicant holding a valid certificate of the cohort:
the certificate is issued when every requirement of the cohort's rule is met (steps,
quizzes, attendance, final project), so it is the reliable signal; revoked ones don't
count. Every figure comes from two grouped queries, however many cohorts or applicants.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms_certificates.models import Certificate
from lms_cohorts.models import Application, Cohort, CohortCourse
from lms_courses.models import Enrolment


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    definition: str | Promise
    is_share: bool = False
    needs_volunteers: bool = False

    @property
    def available(self) -> bool:
        return not self.needs_volunteers or _volunteer_model() is not None


MEASURES = [
    Measure(
        "received",
        _("Applications received"),
        _("Applications sent to the cohort; drafts are not counted."),
    ),
    Measure(
        "accepted",
        pgettext_lazy("applicants counted", "Accepted"),
        _("Applications accepted."),
    ),
    Measure(
        "acceptance_share",
        # xgettext:no-python-format
        _("Accepted (% of applications)"),
        _("Accepted applications out of those received."),
        is_share=True,
    ),
    Measure(
        "enrolled",
        pgettext_lazy("applicants counted", "Enrolled"),
        _(
            "Accepted applicants with an active enrolment in a course of the "
            "cohort's curriculum."
        ),
    ),
    Measure(
        "completed",
        _("Completed"),
        _(
            "Accepted applicants holding a valid certificate of the cohort: it is "
            "issued once every requirement of the cohort's rule is met."
        ),
    ),
    Measure(
        "completion_share",
        # xgettext:no-python-format
        _("Completed (% of accepted)"),
        _("Graduates out of the accepted applicants."),
        is_share=True,
    ),
    Measure(
        "certificates_valid",
        _("Certificates issued (valid)"),
        _("Certificates of the cohort that are not revoked."),
    ),
    Measure(
        "certificates_revoked",
        _("Certificates revoked"),
        _("Certificates of the cohort that a coordinator revoked."),
    ),
    Measure(
        "volunteer_share",
        _("Graduates who became volunteers (%)"),
        _("Graduates who joined the volunteers, out of all graduates."),
        is_share=True,
        needs_volunteers=True,
    ),
]


@dataclass(frozen=True)
class CohortFigures:
    cohort: Cohort
    received: int = 0
    accepted: int = 0
    enrolled: int = 0
    completed: int = 0
    certificates_valid: int = 0
    certificates_revoked: int = 0
    # None while there is no volunteers app to count them.
    volunteers: int | None = None

    @property
    def acceptance_share(self) -> float | None:
        return _share(self.accepted, self.received)

    @property
    def completion_share(self) -> float | None:
        return _share(self.completed, self.accepted)

    @property
    def volunteer_share(self) -> float | None:
        if self.volunteers is None:
            return None
        return _share(self.volunteers, self.completed)

    def value(self, measure: Measure) -> int | float | None:
        """The figure of ``measure``: a count, a percentage, or None when it has no
        meaning (a share of nothing) or is not available yet."""
        if not measure.available:
            return None
        return getattr(self, measure.key)


def programme_figures(cohorts: list[Cohort]) -> list[CohortFigures]:
    """The figures of each cohort, in the order given (two queries in all)."""
    ids = [cohort.pk for cohort in cohorts]
    by_cohort = {row["cohort_id"]: row for row in _admission_counts(ids)}
    certificates = {row["cohort_id"]: row for row in _certificate_counts(ids)}
    figures = []
    for cohort in cohorts:
        admission = by_cohort.get(cohort.pk, {})
        issued = certificates.get(cohort.pk, {})
        figures.append(
            CohortFigures(
                cohort=cohort,
                received=admission.get("received", 0),
                accepted=admission.get("accepted", 0),
                enrolled=admission.get("enrolled", 0),
                completed=admission.get("completed", 0),
                certificates_valid=issued.get("valid", 0),
                certificates_revoked=issued.get("revoked", 0),
                volunteers=(
                    admission.get("volunteers", 0) if _volunteer_model() else None
                ),
            )
        )
    return figures


def change(
    measure: Measure, current: CohortFigures, previous: CohortFigures | None
) -> int | float | None:
    """How ``measure`` moved since ``previous`` (in percentage points for shares), or
    None when either figure is missing."""
    if previous is None:
        return None
    now, before = current.value(measure), previous.value(measure)
    if now is None or before is None:
        return None
    return round(now - before, 1) if measure.is_share else now - before


def _admission_counts(cohort_ids: list[int]):
    accepted = Q(status=Application.Status.ACCEPTED)
    curriculum = CohortCourse.objects.filter(
        cohort_id=OuterRef(OuterRef("cohort_id"))
    ).values("course__translation_key")
    enrolled = Exists(
        Enrolment.objects.active().filter(
            user_id=OuterRef("applicant_id"), course_key__in=curriculum
        )
    )
    graduate = accepted & Q(
        Exists(
            Certificate.objects.valid().filter(
                user_id=OuterRef("applicant_id"), cohort_id=OuterRef("cohort_id")
            )
        )
    )
    counts = {
        "received": Count("pk", filter=~Q(status=Application.Status.DRAFT)),
        "accepted": Count("pk", filter=accepted),
        "enrolled": Count("pk", filter=accepted & Q(enrolled)),
        "completed": Count("pk", filter=graduate),
    }
    volunteer_model = _volunteer_model()
    if volunteer_model is not None:
        # Joined the union: applicants still screened or declined do not count.
        volunteer = Exists(
            volunteer_model.objects.joined().filter(user_id=OuterRef("applicant_id"))
        )
        counts["volunteers"] = Count("pk", filter=graduate & Q(volunteer))
    return (
        Application.objects.filter(cohort_id__in=cohort_ids)
        .order_by()
        .values("cohort_id")
        .annotate(**counts)
    )


def _certificate_counts(cohort_ids: list[int]):
    return (
        Certificate.objects.filter(cohort_id__in=cohort_ids)
        .order_by()
        .values("cohort_id")
        .annotate(
            valid=Count("pk", filter=Q(revoked_at__isnull=True)),
            revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        )
    )


def _volunteer_model():
    """The volunteers app's ``Volunteer`` model (with a ``user``), once it exists."""
    if not apps.is_installed("lms_volunteers"):
        return None
    try:
        return apps.get_model("lms_volunteers", "Volunteer")
    except LookupError:
        return None


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None

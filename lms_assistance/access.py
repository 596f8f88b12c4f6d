"""Need-to-know: who may see which request, which of its fields, and do what.

- Desk staff see their desk's requests, but a request without consent only if they
  took it themselves.
- A volunteer sees a request only while it is an open task assigned to them (or, for
  the one who took it, while it is new and unassigned), and only the fields its kind
  of help needs. When the task is done or reassigned, the access ends by itself.
- A data-protection officer reads the audit log, and a request's contents only under
  a grant that expires.
- Everyone else, trainers and students included, sees nothing of the desk.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from lms_volunteers.models import QualificationGrant, Volunteer

from . import conf
from .models import AssistanceRequest, Desk, HelpKind, Status

# The fields a volunteer's task needs, by kind of help; everything else stays hidden.
TASK_FIELDS = [
    "reference",
    "kind",
    "service",
    "preferred_language",
    "needs",
    "given_name",
    "phone",
    "status",
]
FIELDS_FOR_KIND = {
    HelpKind.FORMS: [
        "family_name",
        "nationality",
        "residence_status",
        "id_document_kind",
        "id_document_number",
    ],
    HelpKind.DOCUMENTS: ["family_name", "residence_status", "id_document_kind"],
    HelpKind.COUNSELLING: ["nationality", "residence_status"],
    HelpKind.DELIVERY: ["family_name", "address", "id_document_kind"],
    HelpKind.AID: ["family_name", "address"],
    HelpKind.OTHER: [],
}
ALL_FIELDS = [
    "reference",
    "kind",
    "service",
    "preferred_language",
    "needs",
    "given_name",
    "family_name",
    "phone",
    "address",
    "nationality",
    "residence_status",
    "id_document_kind",
    "id_document_number",
    "home_visit",
    "legal_basis",
    "consent_given",
    "consent_scope",
    "status",
]


def is_desk_staff(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or Desk.objects.filter(staff=user).exists()
    )


def is_dpo(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=conf.dpo_group_name()).exists()
    )


def qualified_volunteer(user) -> Volunteer | None:
    """The user's volunteer record if active and holding the desk's qualification."""
    if not user.is_authenticated:
        return None
    volunteer = Volunteer.objects.active().filter(user=user).first()
    if volunteer is None:
        return None
    held = (
        QualificationGrant.objects.valid()
        .filter(volunteer=volunteer, qualification__name_en=conf.qualification_name())
        .exists()
    )
    return volunteer if held else None


def may_use_desk(user) -> bool:
    """Whether the desk's pages are open to ``user`` at all: desk staff, the DPO, or
    an active volunteer holding the desk's qualification or an open task. One query:
    the admin menu asks on every page."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return get_user_model().objects.filter(desk_access(user), pk=user.pk).exists()


def desk_access(user):
    """``may_use_desk`` as a condition on ``user``'s row (for ``lms_user_roles``)."""
    volunteer = Volunteer.objects.active().filter(user=user)
    qualified = QualificationGrant.objects.valid().filter(
        volunteer__in=volunteer, qualification__name_en=conf.qualification_name()
    )
    return (
        Exists(Desk.objects.filter(staff=user))
        | Exists(user.groups.filter(name=conf.dpo_group_name()))
        | Exists(qualified)
        | (Exists(AssistanceRequest.objects.tasks_of(user)) & Exists(volunteer))
    )


def desk_roles(user) -> dict:
    return {
        "desk": desk_access(user),
        "desk_staff": Exists(Desk.objects.filter(staff=user)),
        "dpo": Exists(user.groups.filter(name=conf.dpo_group_name())),
    }


def may_take_requests(user) -> bool:
    return is_desk_staff(user) or qualified_volunteer(user) is not None


def desks_for_intake(user) -> QuerySet:
    if user.is_superuser or (
        not Desk.objects.filter(staff=user).exists()
        and qualified_volunteer(user) is not None
    ):
        return Desk.objects.all()
    return Desk.objects.filter(staff=user)


def visible_requests(user, now=None) -> QuerySet:
    """Every request whose contents ``user`` may read, as a queryset."""
    if not user.is_authenticated:
        return AssistanceRequest.objects.none()
    if user.is_superuser:
        return AssistanceRequest.objects.all()
    now = now or timezone.now()
    rule = Q(desk__staff=user) & (Q(consent_given=True) | Q(taken_by=user))
    rule |= Q(taken_by=user, status=Status.NEW, assignee__isnull=True)
    if Volunteer.objects.active().filter(user=user).exists():
        rule |= (Q(assignee=user) | Q(second_assignee=user)) & Q(
            status__in=[Status.ASSIGNED, Status.IN_PROGRESS]
        )
    rule |= Q(grants__user=user, grants__expires_at__gt=now)
    ids = AssistanceRequest.objects.filter(rule).values("pk")
    return AssistanceRequest.objects.filter(pk__in=ids)


def manages(user, request: AssistanceRequest) -> bool:
    """Desk staff of the request's desk (who may see it): assign, close, refer."""
    if user.is_superuser:
        return True
    if not request.desk.staff.filter(pk=user.pk).exists():
        return False
    return request.consent_given or request.taken_by_id == user.pk


def works_on(user, request: AssistanceRequest) -> bool:
    """The volunteer whose open task this is: start, finish, add notes and files."""
    return (
        request.status in (Status.ASSIGNED, Status.IN_PROGRESS)
        and user.pk in (request.assignee_id, request.second_assignee_id)
        and Volunteer.objects.active().filter(user=user).exists()
    )


def may_write(user, request: AssistanceRequest) -> bool:
    """Whether ``user`` may add notes, documents and deliveries to the request."""
    if not request.is_open:
        return False
    return (
        manages(user, request)
        or works_on(user, request)
        or (request.status == Status.NEW and request.taken_by_id == user.pk)
    )


def fields_for(user, request: AssistanceRequest) -> list[str]:
    """The request's fields ``user`` may read (they already may see the request)."""
    if manages(user, request) or request.taken_by_id == user.pk:
        return ALL_FIELDS
    if works_on(user, request):
        extra = list(FIELDS_FOR_KIND.get(request.kind, []))
        if request.home_visit and "address" not in extra:
            extra.append("address")
        return TASK_FIELDS + extra
    return ALL_FIELDS  # a data-protection officer under a grant: read only


@dataclass(frozen=True)
class DeskRole:
    """What the desk's navigation offers ``user``."""

    takes_requests: bool
    staff: bool
    dpo: bool
    reports: bool


def desk_role(user) -> DeskRole:
    staff = is_desk_staff(user)
    dpo = is_dpo(user)
    return DeskRole(
        takes_requests=staff or qualified_volunteer(user) is not None,
        staff=staff,
        dpo=dpo,
        reports=staff or dpo,
    )


def may_assign(user, request: AssistanceRequest, volunteer_user=None) -> bool:
    """Desk staff assign; the volunteer who took a new request may take it on."""
    if manages(user, request):
        return True
    return (
        request.status == Status.NEW
        and request.taken_by_id == user.pk
        and (volunteer_user is None or volunteer_user.pk == user.pk)
    )

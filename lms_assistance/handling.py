"""A request's life: intake, consent, assignment, new → assigned → in progress → done
(or referred, or closed with a reason), notes and documents.

Every function locks the request's row, checks the move is allowed now, saves, and
writes one audit entry naming the fields that changed (never their values).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms_background.mail import send_email
from lms_volunteers.models import Volunteer

from . import audit, documents
from .access import manages, may_assign, works_on
from .models import (
    OPEN_STATUSES,
    AssistanceRequest,
    LegalBasis,
    RequestDocument,
    RequestNote,
    Status,
)


class HandlingRefused(Exception):
    """A move the rules forbid; the message is for the person who tried it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


# Which moves each status allows, and to what.
MOVES = {
    "start": ({Status.ASSIGNED}, Status.IN_PROGRESS),
    "finish": ({Status.ASSIGNED, Status.IN_PROGRESS}, Status.DONE),
    "refer": (set(OPEN_STATUSES), Status.REFERRED),
    "close": (set(OPEN_STATUSES), Status.CLOSED),
}
# Moves the volunteer doing the task may make; desk staff may make every move.
VOLUNTEER_MOVES = {"start", "finish"}


def record_request(http_request, *, answers: dict) -> AssistanceRequest:
    """Intake: save what the form collected, with the consent as given."""
    by = http_request.user
    now = timezone.now()
    request = AssistanceRequest(taken_by=by, created_at=now, **answers)
    if request.consent_given:
        request.consent_recorded_by = by
        request.consent_at = now
    elif request.legal_basis == LegalBasis.CONSENT:
        raise HandlingRefused(
            _("The legal basis is consent, so the consent must be recorded."),
            "consent_given",
        )
    with transaction.atomic():
        request.save()
        audit.record(
            http_request,
            audit.Action.CREATE,
            reference=request.reference,
            target="request",
            detail={"kind": request.kind, "consent": request.consent_given},
        )
    return request


def record_consent(http_request, request: AssistanceRequest, scope: str) -> None:
    """The migrant gave consent after intake (e.g. when called back)."""
    with transaction.atomic():
        request = _locked(request)
        if request.consent_given:
            raise HandlingRefused(_("Consent is already recorded."))
        request.consent_given = True
        request.consent_scope = scope
        request.consent_recorded_by = http_request.user
        request.consent_at = timezone.now()
        request.save()
        _audit_change(http_request, request, ["consent_given", "consent_scope"])


def assign(
    http_request,
    request: AssistanceRequest,
    volunteer_user,
    second_user=None,
) -> None:
    """Give the task to a volunteer (and a second one for a home visit). The one
    it was assigned to before loses access at once."""
    with transaction.atomic():
        request = _locked(request)
        if not may_assign(http_request.user, request, volunteer_user):
            raise HandlingRefused(_("You may not assign this request."), "volunteer")
        if not request.is_open:
            raise HandlingRefused(_("This request is closed."))
        for user in filter(None, (volunteer_user, second_user)):
            if not Volunteer.objects.active().filter(user=user).exists():
                raise HandlingRefused(
                    _("%(name)s is not an active volunteer.") % {"name": user},
                    "volunteer",
                )
        if not request.consent_given and volunteer_user.pk != request.taken_by_id:
            raise HandlingRefused(
                _(
                    "Without the migrant's consent this request cannot be shared: "
                    "record the consent first."
                ),
                "volunteer",
            )
        if second_user is not None and second_user.pk == volunteer_user.pk:
            raise HandlingRefused(
                _("The second volunteer must be another person."), "second"
            )
        if (
            request.home_visit
            and request.desk.needs_two_volunteers(request.kind)
            and second_user is None
        ):
            raise HandlingRefused(
                _("This desk sends two volunteers to home visits of this kind."),
                "second",
            )
        before = request.status
        already = {request.assignee_id, request.second_assignee_id}
        request.assignee = volunteer_user
        request.second_assignee = second_user
        request.assigned_at = timezone.now()
        request.status = Status.ASSIGNED
        request.save()
        _audit_change(
            http_request,
            request,
            ["assignee", "second_assignee"],
            status=(before, request.status),
        )
        for user in filter(None, (volunteer_user, second_user)):
            if user.pk not in already:
                # The reference and the kind of help only: no personal data by email.
                send_email(
                    user, "assistance/emails/task_assigned", {"request": request}
                )


def move(
    http_request,
    request: AssistanceRequest,
    action: str,
    *,
    referred_to: str = "",
    reason: str = "",
) -> None:
    """Start, finish, refer or close the request, if the status and the role allow."""
    if action not in MOVES:
        raise HandlingRefused(_("Unknown action."))
    allowed_from, target = MOVES[action]
    with transaction.atomic():
        request = _locked(request)
        user = http_request.user
        if not (
            manages(user, request)
            or (action in VOLUNTEER_MOVES and works_on(user, request))
        ):
            raise HandlingRefused(_("You may not do this to this request."))
        if request.status not in allowed_from:
            raise HandlingRefused(
                _("A request that is “%(status)s” cannot be moved so.")
                % {"status": request.get_status_display()}
            )
        if action == "refer" and not referred_to.strip():
            raise HandlingRefused(
                _("Say which organisation it is referred to."), "referred_to"
            )
        if action == "close" and not reason.strip():
            raise HandlingRefused(_("Say why it is closed."), "reason")
        before = request.status
        request.status = target
        request.referred_to = referred_to.strip() if action == "refer" else ""
        request.close_reason = reason.strip() if action == "close" else ""
        if target not in OPEN_STATUSES:
            request.closed_at = timezone.now()
        request.save()
        fields = {"refer": ["referred_to"], "close": ["close_reason"]}.get(action, [])
        _audit_change(http_request, request, fields, status=(before, target))


def add_note(http_request, request: AssistanceRequest, text: str) -> RequestNote:
    with transaction.atomic():
        request = _locked(request)
        note = RequestNote.objects.create(
            request=request, author=http_request.user, text=text
        )
        audit.record(
            http_request,
            audit.Action.CHANGE,
            reference=request.reference,
            target=f"note {note.pk}",
            detail={"added": "note"},
        )
    return note


def add_document(
    http_request, request: AssistanceRequest, title: str, upload
) -> RequestDocument:
    """Attach the upload if its bytes are an accepted type; the file is stored under
    a random name with that type's extension, and the type is kept to serve it."""
    content_type = documents.checked_type(upload)
    if content_type is None:
        raise HandlingRefused(str(documents.NOT_A_DOCUMENT), "file")
    with transaction.atomic():
        request = _locked(request)
        document = RequestDocument(
            request=request,
            title=title,
            uploaded_by=http_request.user,
            content_type=content_type,
            size=upload.size,
        )
        document.file.save(
            f"document.{documents.extension_for(content_type)}", upload, save=False
        )
        try:
            document.save()
            audit.record(
                http_request,
                audit.Action.CHANGE,
                reference=request.reference,
                target=f"document {document.pk}",
                detail={"added": "document"},
            )
        except Exception:
            # The row is rolled back: its file must not stay behind in storage.
            document.file.storage.delete(document.file.name)
            raise
    return document


def _locked(request: AssistanceRequest) -> AssistanceRequest:
    return (
        AssistanceRequest.objects.select_for_update()
        .select_related("desk")
        .get(pk=request.pk)
    )


def _audit_change(http_request, request, fields: list[str], status=None) -> None:
    detail = {"fields": fields}
    if status is not None and status[0] != status[1]:
        detail["status"] = [str(status[0]), str(status[1])]
    audit.record(
        http_request,
        audit.Action.CHANGE,
        reference=request.reference,
        target="request",
        detail=detail,
    )

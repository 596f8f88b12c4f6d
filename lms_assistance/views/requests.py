"""Requests at the desk: the list, intake, one request and what can be done to it.

Every request is looked up among those the user may see, so another request's
reference, even in a raw POST, is a 404. Every page that shows a request writes one
audit entry, including the request page shown again beside a refused form; a list
or an export writes one entry naming the requests it showed (``audit``).
"""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook

from .. import access, audit, documents
from ..deliveries import chain_of
from ..forms.requests import (
    AssignForm,
    ConsentForm,
    DocumentForm,
    GrantForm,
    IntakeForm,
    MoveForm,
    NoteForm,
    sectioned,
)
from ..handling import (
    HandlingRefused,
    add_document,
    add_note,
    move,
    record_consent,
    record_request,
)
from ..handling import (
    assign as assign_request,
)
from ..matching import qualified_volunteers, suggest
from ..models import (
    DELIVERY_KINDS,
    AccessGrant,
    AssistanceRequest,
    AuditEntry,
    Desk,
    Status,
)
from . import desk_view, render, spreadsheet_response

PAGE_SIZE = 50


@desk_view()
@require_GET
def request_list(request):
    """/desk/: the requests the user may see, newest first, filtered by status."""
    requests = access.visible_requests(request.user).for_listing()
    status = request.GET.get("status", "")
    if status in Status.values:
        requests = requests.filter(status=status)
    elif status == "open":
        requests = requests.open()
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_list(
        request,
        audit.Action.LIST,
        [row.reference for row in page],
        target="request list",
        filters={"status": status, "page": page.number},
    )
    return render(
        request,
        "assistance/request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Status.choices,
            "held_without_consent": _held_without_consent(request.user),
        },
    )


@desk_view(access.may_take_requests)
@require_http_methods(["GET", "POST"])
def intake(request):
    """/desk/new/: record a request on behalf of a migrant."""
    desks = access.desks_for_intake(request.user)
    form = IntakeForm(request.POST or None, desks=desks)
    if request.method == "POST" and form.is_valid():
        try:
            created = record_request(request, answers=form.cleaned_data)
        except HandlingRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(
                request,
                _("Request %(reference)s is recorded.")
                % {"reference": created.reference},
            )
            return redirect("desk:request", reference=created.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "assistance/intake.html", {"form": form}, status=status)


@desk_view()
@require_GET
def request_detail(request, reference: str):
    """/desk/r/<reference>/: what the user's role may read of one request."""
    return _render_detail(request, _visible(request, reference))


@desk_view()
@require_POST
def assign(request, reference: str):
    shown = _visible(request, reference)
    if not access.may_assign(request.user, shown):
        raise Http404
    form = AssignForm(request.POST, volunteers=list(qualified_volunteers()))
    if form.is_valid():
        try:
            assign_request(
                request,
                shown,
                form.cleaned_data["volunteer"],
                form.cleaned_data["second"],
            )
        except HandlingRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, _("The request is assigned."))
            return redirect("desk:request", reference=shown.reference)
    return _render_refused(request, shown, "assign", form)


@desk_view()
@require_POST
def change_status(request, reference: str):
    """Start, finish, refer or close; or record consent given after intake."""
    shown = _visible(request, reference)
    if request.POST.get("action") == "consent":
        return _record_consent(request, shown)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            move(
                request,
                shown,
                form.cleaned_data["action"],
                referred_to=form.cleaned_data["referred_to"],
                reason=form.cleaned_data["reason"],
            )
        except HandlingRefused as refusal:
            form.add_error(
                refusal.field if refusal.field in form.fields else None, str(refusal)
            )
        else:
            messages.success(request, _("The request's status is changed."))
            if access.visible_requests(request.user).filter(pk=shown.pk).exists():
                return redirect("desk:request", reference=shown.reference)
            return redirect("desk:index")
    return _render_refused(request, shown, "move", form)


@desk_view()
@require_POST
def note(request, reference: str):
    shown = _writable(request, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        add_note(request, shown, form.cleaned_data["text"])
        messages.success(request, _("The note is added."))
        return redirect("desk:request", reference=shown.reference)
    return _render_refused(request, shown, "note", form)


@desk_view()
@require_POST
def upload(request, reference: str):
    shown = _writable(request, reference)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_document(
                request, shown, form.cleaned_data["title"], form.cleaned_data["file"]
            )
        except HandlingRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, _("The document is attached."))
            return redirect("desk:request", reference=shown.reference)
    return _render_refused(request, shown, "document", form)


@desk_view()
@require_GET
def download(request, reference: str, pk: int):
    """A request's document, only through here: the files have no public URL. It
    leaves with the type its bytes were checked to be, and browsers are told not to
    guess another."""
    shown = _visible(request, reference)
    document = get_object_or_404(shown.documents, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(
        request,
        audit.Action.DOWNLOAD,
        reference=shown.reference,
        target=f"document {document.pk}",
    )
    content_type = documents.served_type(document)
    extension = documents.extension_for(content_type)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{shown.reference}-{document.pk}.{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@desk_view()
@require_POST
def grant(request, reference: str):
    """Desk staff let a data-protection officer read this request for some days."""
    shown = _visible(request, reference)
    if not access.manages(request.user, shown):
        raise Http404
    form = GrantForm(request.POST)
    if form.is_valid():
        now = timezone.now()
        AccessGrant.objects.create(
            request=shown,
            user=form.cleaned_data["user"],
            granted_by=request.user,
            reason=form.cleaned_data["reason"],
            granted_at=now,
            expires_at=now + datetime.timedelta(days=form.cleaned_data["days"]),
        )
        audit.record(
            request,
            audit.Action.GRANT,
            reference=shown.reference,
            target=f"user {form.cleaned_data['user'].pk}",
            detail={"days": form.cleaned_data["days"]},
        )
        messages.success(request, _("Access is granted."))
        return redirect("desk:request", reference=shown.reference)
    return _render_refused(request, shown, "grant", form)


@desk_view(access.is_desk_staff)
@require_GET
def export(request):
    """/desk/export.xlsx: the requests the user may see, without personal details."""
    rows = list(access.visible_requests(request.user).for_listing())
    audit.record_list(
        request,
        audit.Action.EXPORT,
        [row.reference for row in rows],
        target="request list",
    )
    book = Workbook()
    sheet = book.active
    sheet.title = _("Requests")[:31]
    sheet.append(
        [
            _("Reference"),
            _("Desk"),
            _("Help needed"),
            _("Service concerned"),
            _("Preferred language"),
            _("Status"),
            _("Recorded"),
            _("Closed"),
            _("Volunteer"),
        ]
    )
    for row in rows:
        sheet.append(
            [
                row.reference,
                row.desk.name,
                row.get_kind_display(),
                row.service,
                row.get_preferred_language_display(),
                row.get_status_display(),
                timezone.localtime(row.created_at).replace(tzinfo=None),
                timezone.localtime(row.closed_at).replace(tzinfo=None)
                if row.closed_at
                else None,
                str(row.assignee) if row.assignee else "",
            ]
        )
    return spreadsheet_response(book, "desk-requests.xlsx")


def _visible(request, reference: str) -> AssistanceRequest:
    return get_object_or_404(
        access.visible_requests(request.user).select_related("desk"),
        reference=reference,
    )


def _writable(request, reference: str) -> AssistanceRequest:
    shown = _visible(request, reference)
    if not access.may_write(request.user, shown):
        raise Http404
    return shown


def _record_consent(request, shown: AssistanceRequest):
    if not access.may_write(request.user, shown):
        raise Http404
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            record_consent(request, shown, form.cleaned_data["consent_scope"])
        except HandlingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("desk:request", reference=shown.reference)
    return _render_refused(request, shown, "consent", form)


def _render_refused(request, shown: AssistanceRequest, name: str, form):
    """The request page again, with the refused form ``name`` and its errors."""
    return _render_detail(
        request, shown, status=400, refused=name, **{f"{name}_form": form}
    )


def _render_detail(
    request,
    shown: AssistanceRequest,
    status: int = 200,
    refused: str = "",
    **forms,
):
    """The request page, and its audit entry: whoever sees it, however they came."""
    audit.record(
        request,
        audit.Action.VIEW,
        reference=shown.reference,
        target="request",
        detail={"refused": refused} if refused else None,
    )
    user = request.user
    manages = access.manages(user, shown)
    may_write = access.may_write(user, shown)
    fields = access.fields_for(user, shown)
    context = {
        "request_obj": shown,
        "sections": _sections(shown, fields, manages),
        "manages": manages,
        "may_write": may_write,
        "works_on": access.works_on(user, shown),
        "notes": shown.notes.select_related("author"),
        "documents": shown.documents.all(),
        "deliveries": chain_of(shown) if shown.kind in DELIVERY_KINDS else None,
        "history": AuditEntry.objects.filter(
            reference=shown.reference,
            action__in=[audit.Action.CREATE, audit.Action.CHANGE, audit.Action.GRANT],
        )
        if manages
        else None,
        "may_assign": shown.is_open and access.may_assign(user, shown),
        "may_record_consent": may_write and not shown.consent_given,
        "note_form": forms.get("note_form") or NoteForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "move_form": forms.get("move_form") or MoveForm(),
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "grant_form": forms.get("grant_form") or GrantForm(),
    }
    if context["may_assign"]:
        volunteers = list(qualified_volunteers())
        if not manages:  # the taker may only take it on themselves
            volunteers = [v for v in volunteers if v.user_id == user.pk]
        # A suggestion's link (?volunteer=<user id>) preselects that volunteer.
        chosen = request.GET.get("volunteer", "")
        context["assign_form"] = forms.get("assign_form") or AssignForm(
            volunteers=volunteers,
            initial={"volunteer": int(chosen)} if chosen.isdecimal() else None,
        )
        context["suggestions"] = suggest(shown) if manages else []
    return render(request, "assistance/request_detail.html", context, status=status)


def _sections(shown: AssistanceRequest, fields: list[str], manages: bool) -> list:
    """The fields the user may read, by subject; who handles it and how it ended go
    with the status."""
    sections = sectioned(
        fields,
        lambda name: (shown._meta.get_field(name).verbose_name, _display(shown, name)),
    )
    handling = []
    if shown.assignee and manages:
        handling.append(
            (
                _("Volunteer"),
                ", ".join(
                    str(user)
                    for user in (shown.assignee, shown.second_assignee)
                    if user
                ),
            )
        )
    if shown.referred_to:
        handling.append((_("Referred to"), shown.referred_to))
    if shown.close_reason:
        handling.append((_("Why closed"), shown.close_reason))
    sections[-1][1].extend(handling)
    return sections


def _display(shown: AssistanceRequest, name: str):
    getter = getattr(shown, f"get_{name}_display", None)
    value = getter() if getter else getattr(shown, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _held_without_consent(user) -> int:
    """Requests of the user's desks that their takers hold without consent: counted,
    never shown."""
    if user.is_superuser:
        return 0
    return (
        AssistanceRequest.objects.filter(
            desk__in=Desk.objects.filter(staff=user), consent_given=False
        )
        .exclude(taken_by=user)
        .open()
        .count()
    )

"""The data-protection officer's screens: "who saw this request" and "what did this
user see", on screen and as a spreadsheet. Reading the log is itself logged: one
entry per page, naming the filter and the requests the page showed, and one per
export, naming the filter and the newest entry exported (entries are only ever
added, so the two name exactly what the spreadsheet held)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from .. import access, audit
from ..models import AuditEntry
from . import desk_view, render, spreadsheet_response

PAGE_SIZE = 100
EXPORT_LIMIT = 50_000


class AuditQuery(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Request reference"), max_length=12, required=False
    )
    email = forms.EmailField(label=gettext_lazy("Person's email"), required=False)

    def entries(self):
        """The entries asked for; the newest first."""
        entries = AuditEntry.objects.all()
        if not self.is_valid():
            return entries.none()
        reference = self.cleaned_data["reference"].strip().upper()
        if reference:
            entries = entries & audit.who_saw(reference)
        if self.cleaned_data["email"]:
            user = (
                get_user_model()
                .objects.filter(email__iexact=self.cleaned_data["email"])
                .first()
            )
            entries = entries & (
                audit.what_user_saw(user.pk) if user else AuditEntry.objects.none()
            )
        return entries

    def described(self) -> dict:
        return (
            {key: value for key, value in (self.cleaned_data or {}).items() if value}
            if self.is_valid()
            else {}
        )


@desk_view(access.is_dpo)
@require_GET
def audit_log(request):
    """/desk/audit/: the log, filtered by request or by person."""
    query = AuditQuery(request.GET or None)
    entries = query.entries() if request.GET else AuditEntry.objects.all()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)  # before this read's own entry is written
    audit.record_list(
        request,
        audit.Action.LIST,
        list(dict.fromkeys(entry.reference for entry in shown if entry.reference)),
        target="audit log",
        filters={**query.described(), "page": page.number},
    )
    return render(
        request,
        "assistance/audit_log.html",
        {"query": query, "page": page, "querystring": _querystring(request)},
        status=400 if request.GET and not query.is_valid() else 200,
    )


@desk_view(access.is_dpo)
@require_GET
def export(request):
    """/desk/audit/export.xlsx: the same entries as a spreadsheet."""
    query = AuditQuery(request.GET or None)
    entries = query.entries() if request.GET else AuditEntry.objects.all()
    newest = entries.aggregate(newest=Max("pk"))["newest"] or 0
    audit.record(
        request,
        audit.Action.EXPORT,
        target="audit log",
        detail={**query.described(), "up_to_entry": newest},
    )
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Audit log")[:31])
    sheet.append(
        [
            _("When"),
            _("Who"),
            _("What"),
            _("Request"),
            _("Object"),
            pgettext("audit log column: network address", "From address"),
            _("Page"),
            _("Requests listed"),
        ]
    )
    for entry in entries.filter(pk__lte=newest)[:EXPORT_LIMIT].iterator():
        sheet.append(
            [
                timezone.localtime(entry.at).replace(tzinfo=None),
                entry.actor_display(),
                entry.get_action_display(),
                entry.reference,
                entry.target_display(),
                entry.address or "",
                entry.path,
                " ".join(entry.detail.get("listed", [])),
            ]
        )
    return spreadsheet_response(book, "desk-audit.xlsx")


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()

"""A volunteer's hours and claims, and the shift lead's attendance sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ClaimForm
from ..hours import (
    HoursRefused,
    claim,
    confirm_attendance,
    may_confirm_attendance,
    project_titles,
    totals,
)
from ..letters import MAY_ASK
from ..models import HoursEntry, Shift, Volunteer


@login_required
@require_http_methods(["GET", "POST"])
def my_hours(request):
    """/volunteers/me/hours/: the volunteer's totals, entries, claims and letters."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        return redirect("volunteers:apply")
    may_claim = volunteer.status == Volunteer.Status.ACTIVE
    if request.method == "GET":
        form = ClaimForm() if may_claim else None
        return _render_hours(request, volunteer, form)

    if not may_claim:
        messages.error(request, _("Only active volunteers can claim hours."))
        return _render_hours(request, volunteer, None, status=400)
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            claim(volunteer, **form.answers())
        except HoursRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Your hours are recorded. They count once the union's staff "
                    "approve them."
                ),
            )
            return redirect("volunteers:my_hours")
    return _render_hours(request, volunteer, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    """/volunteers/shifts/<pk>/attendance/: the lead ticks who came."""
    shift = get_object_or_404(Shift.objects.select_related("project"), pk=pk)
    if not may_confirm_attendance(request.user, shift):
        raise Http404
    sign_ups = list(
        shift.sign_ups.confirmed()
        .select_related("volunteer__user")
        .order_by("volunteer__user__first_name", "volunteer__user__last_name", "pk")
    )
    now = timezone.now()
    started = shift.starts_at <= now
    if request.method == "POST":
        came = {
            sign_up.pk: f"came_{sign_up.pk}" in request.POST for sign_up in sign_ups
        }
        try:
            confirm_attendance(shift, came, by=request.user, now=now)
        except HoursRefused as refusal:
            messages.error(request, str(refusal))
            return _render_attendance(request, shift, sign_ups, started, status=400)
        attended = sum(came.values())
        messages.success(
            request,
            _("Attendance saved: %(came)s of %(total)s came.")
            % {"came": attended, "total": len(came)},
        )
        return redirect("volunteers:attendance", pk=shift.pk)
    return _render_attendance(request, shift, sign_ups, started)


def _render_hours(request, volunteer, form, status=200):
    entries = list(
        volunteer.hours.select_related("shift").order_by("-worked_on", "-pk")
    )
    titles = project_titles({entry.project_key for entry in entries})
    summary = totals(volunteer)
    context = {
        "volunteer": volunteer,
        "totals": summary,
        "entries": [(entry, titles.get(entry.project_key)) for entry in entries],
        "pending": sum(
            entry.hours
            for entry in entries
            if entry.status == HoursEntry.Status.PENDING
        ),
        "form": form,
        "letters": list(volunteer.letters.order_by("-issued_at", "-pk")),
        "may_ask_letter": volunteer.status in MAY_ASK and summary.total > 0,
    }
    return TemplateResponse(request, "volunteers/my_hours.html", context, status=status)


def _render_attendance(request, shift, sign_ups, started, status=200):
    context = {
        "shift": shift,
        "sign_ups": sign_ups,
        "started": started,
        "cancelled": shift.status == Shift.Status.CANCELLED,
    }
    return TemplateResponse(
        request, "volunteers/attendance.html", context, status=status
    )

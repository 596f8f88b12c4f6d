"""Drives for desk staff: the list, opening one, its slots and bookings, adding
slots, and recording who came. Only staff of the drive's desk see a drive (and a
superuser); everyone else gets a 404, as if it were not there."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, drives
from ..access import is_desk_staff
from ..forms.drives import DriveForm, MarkForm, OpenForm, SlotsForm
from ..models import Booking, Drive
from . import desk_view, render

staff_view = desk_view(check=is_desk_staff)


@staff_view
@require_GET
def drive_list(request):
    """/desk/drives/: the drives of the user's desks, with what each has counted."""
    listed = list(drives.drives_for(request.user))
    counted = drives.statistics(listed)
    return render(
        request,
        "assistance/drives/drive_list.html",
        {"drives": [(drive, counted[drive.pk]) for drive in listed]},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def new_drive(request):
    form = DriveForm(_posted(request), user=request.user)
    if request.method == "POST":
        if form.is_valid():
            drive = drives.open_drive(**form.cleaned_data)
            messages.success(
                request,
                _("The drive is open. Add its slots, then share its booking link."),
            )
            return redirect("desk:drive", pk=drive.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "assistance/drives/drive_form.html", {"form": form}, status=status
    )


@staff_view
@require_http_methods(["GET", "POST"])
def drive_detail(request, pk: int):
    """The drive's slots and bookings (audited: it names people), its counts and
    link; a POST opens or closes it for booking."""
    drive = _drive_of(request, pk)
    if request.method == "POST":
        form = OpenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether the drive takes bookings."))
            return _detail_page(request, drive, status=400)
        drives.set_open(drive, form.cleaned_data["is_open"])
        if drive.is_open:
            messages.success(request, _("The drive takes bookings again."))
        else:
            messages.success(request, _("Bookings are stopped; booked places stay."))
        return redirect("desk:drive", pk=drive.pk)
    return _detail_page(request, drive)


@staff_view
@require_POST
def add_slots(request, pk: int):
    drive = _drive_of(request, pk)
    form = SlotsForm(request.POST)
    if form.is_valid():
        values = form.cleaned_data
        try:
            added = drives.add_slots(
                drive,
                first_starts_at=values["first_starts_at"],
                count=values["count"],
                minutes=values["minutes"],
                places=values["places"],
                volunteers=values["volunteers"],
                lead=request.user,
            )
        except drives.DriveRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("%(count)s slots added; volunteers can sign up for them as shifts.")
                % {"count": len(added)},
            )
            return redirect("desk:drive", pk=drive.pk)
    return _detail_page(request, drive, slots_form=form, status=400)


@staff_view
@require_POST
def mark_booking(request, pk: int, booking: int):
    """Record that the person was helped or did not come (audited)."""
    drive = _drive_of(request, pk)
    booking = get_object_or_404(
        Booking.objects.select_related("slot"), pk=booking, slot__drive=drive
    )
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the person was helped or not."))
        return _detail_page(request, drive, status=400)
    try:
        marked, before = drives.mark(booking, form.cleaned_data["outcome"])
    except drives.DriveRefused as refusal:
        messages.error(request, refusal.message)
    else:
        audit.record(
            request,
            audit.Action.CHANGE,
            target=f"booking {marked.pk}",
            detail={"drive": drive.pk, "status": [before, marked.status]},
        )
        messages.success(
            request,
            _("Recorded: %(outcome)s.") % {"outcome": marked.get_status_display()},
        )
    return redirect(reverse("desk:drive", args=[drive.pk]) + f"#slot-{booking.slot_id}")


def _drive_of(request, pk: int) -> Drive:
    return get_object_or_404(drives.drives_for(request.user), pk=pk)


def _detail_page(request, drive: Drive, *, slots_form=None, status: int = 200):
    slots = drives.slots_with_bookings(drive)
    bookings = sum(len(slot.bookings.all()) for slot in slots)
    audit.record(
        request,
        audit.Action.LIST,
        target=f"drive {drive.pk} bookings",
        detail={"drive": drive.pk, "slots": len(slots), "bookings": bookings},
    )
    response = render(
        request,
        "assistance/drives/drive_detail.html",
        {
            "drive": drive,
            "stats": drives.statistics([drive])[drive.pk],
            "slots": slots,
            "booking_link": request.build_absolute_uri(
                reverse("desk:book", args=[drive.token])
            ),
            "slots_form": slots_form or SlotsForm(),
            "outcomes": MarkForm.base_fields["outcome"].choices,
            "now": timezone.now(),
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"  # it names people
    return response


def _posted(request):
    return request.POST if request.method == "POST" else None

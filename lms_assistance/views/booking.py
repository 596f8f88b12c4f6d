"""The desk's one public part: booking a drive's slot without an account, and
finding, moving or cancelling that booking with its code.

Every attempt is counted per client address (``conf.booking_rate``). Nothing here
tells whether anyone else has booked: a name may book any number of times, and a
wrong code gets the same answer whatever exists.
"""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms_toolkit import throttle

from .. import conf, drives
from ..forms.drives import BookingForm, CodeForm, MoveForm
from ..models import Drive

SCOPE = "assistance-booking"
NOINDEX = "noindex, nofollow, noarchive"


def public_page(*, limit_reads: bool = False):
    """Count each POST (and each GET too, with ``limit_reads``) against the client's
    rate; keep the page out of caches and search engines: it may show a code."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST" or limit_reads:
                limit, window = conf.booking_rate()
                if not throttle.allow(request, SCOPE, limit, window):
                    response = TemplateResponse(
                        request,
                        "assistance/booking/too_many.html",
                        {"window": window},
                        status=429,
                    )
                    response["Retry-After"] = str(window)
                    return _private(response)
            return _private(view(request, *args, **kwargs))

        return limited

    return decorate


@require_http_methods(["GET", "POST"])
@public_page()
def book(request, token: str):
    """/desk/book/<token>/: the drive's free times, and booking one of them."""
    drive = get_object_or_404(Drive, token=token, is_open=True)
    form = BookingForm(_posted(request), slots=drives.bookable_slots(drive))
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            values = form.cleaned_data
            try:
                booking, code = drives.book(
                    values["slot"],
                    name=values["name"],
                    phone=values["phone"],
                    language=values["language"],
                )
            except drives.DriveRefused as refusal:
                form.add_error(None, refusal.message)
                status = 409
            else:
                return TemplateResponse(
                    request,
                    "assistance/booking/booked.html",
                    {
                        "drive": drive,
                        "booking": booking,
                        "when": drives.slot_time(booking.slot),
                        "code": drives.display_code(code),
                    },
                )
    return TemplateResponse(
        request,
        "assistance/booking/book.html",
        {"drive": drive, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@public_page(limit_reads=True)
def manage(request, token: str):
    """/desk/book/<token>/manage/: a code finds its booking, to move or cancel it."""
    drive = get_object_or_404(Drive, token=token)
    if request.method == "GET":
        return _code_page(request, drive, CodeForm())
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, drive, form, status=400)
    code = form.cleaned_data["code"]
    booking = drives.find_booking(drive, code)
    if booking is None:
        # The same page whether the code is wrong, of another drive, or never was.
        return _code_page(request, drive, CodeForm(), not_found=True)
    context = {"drive": drive, "code": code, "done": "", "problem": ""}
    status = 200
    action = form.cleaned_data["action"]
    move_form = None
    try:
        if action == "cancel":
            booking = drives.cancel(booking)
            context["done"] = _("Your booking is cancelled. Thank you for telling us.")
        elif action == "move":
            move_form = MoveForm(request.POST, slots=_other_slots(drive, booking))
            if move_form.is_valid():
                booking = drives.move(booking, move_form.cleaned_data["slot"])
                context["done"] = _("Your booking is moved to the new time.")
                move_form = None
            else:
                status = 400
    except drives.DriveRefused as refusal:
        context["problem"] = refusal.message
        status = 409
    may_change = drives.may_change(booking)
    if move_form is None and may_change and drive.is_open:
        move_form = MoveForm(slots=_other_slots(drive, booking))
    context.update(
        booking=booking,
        when=drives.slot_time(booking.slot),
        may_change=may_change,
        move_form=move_form if may_change and drive.is_open else None,
    )
    return TemplateResponse(
        request, "assistance/booking/manage.html", context, status=status
    )


def _code_page(request, drive, form, *, not_found=False, status=200):
    return TemplateResponse(
        request,
        "assistance/booking/manage.html",
        {"drive": drive, "form": form, "not_found": not_found},
        status=status,
    )


def _other_slots(drive, booking):
    return drives.bookable_slots(drive).exclude(pk=booking.slot_id)


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = NOINDEX
    return response


def _posted(request):
    return request.POST if request.method == "POST" else None

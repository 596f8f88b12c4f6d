"""Shifts for people: a shift's page, signing up and cancelling, one's own shifts,
and their calendar files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms_toolkit.calendar import Event, calendar_response

from .. import shifts
from ..models import ProjectPage, Shift, SignUp, Volunteer


@require_GET
def shift_detail(request, pk: int):
    """/volunteers/shifts/<pk>/: anyone may read it; volunteers sign up here."""
    shift = get_object_or_404(Shift.objects.select_related("lead"), pk=pk)
    project = _live_project(shift)
    volunteer = Volunteer.objects.for_user(request.user).first()
    now = timezone.now()
    mine = None
    if volunteer is not None:
        mine = (
            SignUp.objects.holding()
            .filter(shift=shift, volunteer=volunteer)
            .select_related("shift")
            .first()
        )
    is_lead = request.user.is_authenticated and shift.lead_id == request.user.pk
    context = {
        "shift": shift,
        "project": project,
        "volunteer": volunteer,
        "sign_up": mine,
        "position": shifts.waitlist_position(mine) if _waiting(mine) else 0,
        "may_cancel": mine is not None and shifts.may_cancel(mine, now),
        "problems": (
            shifts.eligibility_problems(volunteer, shift, now)
            if volunteer is not None and mine is None
            else []
        ),
        "requirements": list(shift.required_qualifications.all()),
        "languages": shift.languages_required(),
        "is_lead": is_lead,
        "roster": shifts.roster(shift) if is_lead else [],
        "lead": shifts.lead_contact(request.user, shift),
        "started": shift.starts_at <= now,
    }
    return TemplateResponse(request, "volunteers/shift.html", context)


@login_required
@require_POST
def sign_up(request, pk: int):
    shift = get_object_or_404(Shift, pk=pk)
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        messages.error(
            request,
            _("Only volunteers of the union may sign up for shifts. Apply first."),
        )
        return redirect("volunteers:shift", pk=shift.pk)
    try:
        created = shifts.sign_up(volunteer, shift)
    except shifts.SignUpRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("volunteers:shift", pk=shift.pk)
    if created.status == SignUp.Status.CONFIRMED:
        messages.success(
            request,
            _("You are signed up for “%(title)s”. Thank you!")
            % {"title": shift.translated_title},
        )
    else:
        messages.success(
            request,
            _(
                "The shift is full: you are number %(position)s on its waitlist. "
                "We will email you if a place frees up for you."
            )
            % {"position": shifts.waitlist_position(created)},
        )
    return redirect("volunteers:shift", pk=shift.pk)


@login_required
@require_POST
def cancel(request, pk: int):
    """Cancel the signed-in volunteer's own sign-up on shift ``pk``: nobody else's."""
    shift = get_object_or_404(Shift, pk=pk)
    back = _back(request, shift)
    mine = (
        SignUp.objects.holding()
        .filter(shift=shift, volunteer__user=request.user)
        .select_related("shift", "volunteer")
        .first()
    )
    if mine is None:
        messages.error(request, _("You are not signed up for this shift."))
        return redirect(back)
    was_waiting = mine.status == SignUp.Status.WAITLISTED
    try:
        shifts.cancel(mine)
    except shifts.SignUpRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    if was_waiting:
        messages.success(request, _("You have left the waitlist."))
    else:
        messages.success(
            request,
            _("You have cancelled your place on “%(title)s”.")
            % {"title": shift.translated_title},
        )
    return redirect(back)


@login_required
@require_GET
def my_shifts(request):
    """/volunteers/me/shifts/: the volunteer's shifts to come and those done."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        messages.info(request, _("Shifts are for the union's volunteers. Apply first."))
        return redirect("volunteers:apply")
    now = timezone.now()
    upcoming, past = shifts.sign_ups_of(volunteer, now)
    for held in upcoming:
        held.may_cancel = shifts.may_cancel(held, now)
    context = {
        "volunteer": volunteer,
        "upcoming": upcoming,
        "past": past,
        "open_shifts": shifts.open_shifts_needing_people(now),
    }
    return TemplateResponse(request, "volunteers/my_shifts.html", context)


@login_required
@require_GET
def my_shifts_ics(request):
    """Every upcoming shift the volunteer has a place on, for a calendar application."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        messages.info(request, _("Shifts are for the union's volunteers. Apply first."))
        return redirect("volunteers:apply")
    upcoming, _past = shifts.sign_ups_of(volunteer)
    places = [held.shift for held in upcoming if held.status == SignUp.Status.CONFIRMED]
    return _calendar(request, places, "my-shifts.ics")


@require_GET
def shift_ics(request, pk: int):
    """One shift, for a calendar application: anyone who may read the shift."""
    shift = get_object_or_404(Shift, pk=pk)
    _live_project(shift)
    return _calendar(request, [shift], f"shift-{shift.pk}.ics")


def _live_project(shift: Shift) -> ProjectPage:
    """The shift's project in the reader's language; 404 when no translation is live."""
    translations = list(
        ProjectPage.objects.live()
        .filter(translation_key=shift.project_key)
        .select_related("locale")
    )
    if not translations:
        raise Http404
    language = (get_language() or "").split("-")[0]
    for project in translations:
        if project.locale.language_code == language:
            return project
    return next((p for p in translations if p.pk == shift.project_id), translations[0])


def _waiting(sign_up) -> bool:
    return sign_up is not None and sign_up.status == SignUp.Status.WAITLISTED


def _back(request, shift: Shift) -> str:
    """Where the form asked to go back to (one of our pages), else the shift."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("volunteers:shift", kwargs={"pk": shift.pk})


def _calendar(request, shift_list, filename: str) -> HttpResponse:
    events = [
        Event(
            uid=f"volunteer-shift-{shift.pk}@{request.get_host()}",
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            summary=shift.translated_title,
            location=shift.place,
            url=request.build_absolute_uri(
                reverse("volunteers:shift", kwargs={"pk": shift.pk})
            ),
            cancelled=shift.status == Shift.Status.CANCELLED,
        )
        for shift in shift_list
    ]
    return calendar_response(events, filename)

"""Joining the union, and the volunteer's own page: status, history, trainings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lms_cohorts.models import Application

from ..forms import ApplicationForm, PledgesForm
from ..models import Volunteer
from ..pipeline import (
    PipelineError,
    accept_pledges,
    apply,
    graduate_certificate,
    pledges_in_force,
    pledges_to_accept,
)
from ..qualifications import missing_for_activation

Status = Volunteer.Status

# May apply (again): nobody has, or the last application ended.
REAPPLY_STATUSES = {Status.DECLINED, Status.LEFT}
# Still on the way to becoming active: the trainings left are worth showing.
TRAINING_STATUSES = {Status.APPLICANT, Status.SCREENED, Status.IN_TRAINING}
# What happens next, told to the volunteer under their status.
NEXT_STEP = {
    Status.APPLICANT: gettext_lazy(
        "The union's staff will read and screen your application. Meanwhile you "
        "can already start the trainings below."
    ),
    Status.SCREENED: gettext_lazy(
        "You have passed the screening. The union's staff will start your training "
        "soon; you can already take the trainings below."
    ),
    Status.IN_TRAINING: gettext_lazy(
        "Complete the trainings below. You become an active volunteer by yourself "
        "as soon as you hold every qualification they grant."
    ),
    Status.ACTIVE: gettext_lazy(
        "You are an active volunteer: you can take part in the union's projects."
    ),
    Status.PAUSED: gettext_lazy(
        "Your volunteering is paused. Write to the union's staff when you want to "
        "come back."
    ),
    Status.DECLINED: gettext_lazy(
        "The union could not take your application this time. You may apply again."
    ),
    Status.LEFT: gettext_lazy(
        "You have left the union. You are welcome to apply again at any time."
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def apply_to_union(request):
    """/volunteers/apply/: the application, with the pledges in force to accept."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is not None and volunteer.status not in REAPPLY_STATUSES:
        messages.info(request, _("You have already applied: here is where you stand."))
        return redirect("volunteers:me")

    certificate = graduate_certificate(request.user)
    pledges = pledges_in_force()
    if request.method == "GET":
        initial = _prefill(request.user) if certificate else {}
        form = ApplicationForm(pledges=pledges, initial=initial)
        return _render_application(request, form, certificate)

    form = ApplicationForm(request.POST, pledges=pledges)
    if not form.is_valid():
        return _render_application(request, form, certificate, status=400)
    try:
        with transaction.atomic():
            volunteer = apply(request.user, **form.answers())
            accept_pledges(volunteer, pledges)
    except PipelineError as error:
        form.add_error(None, str(error))
        return _render_application(request, form, certificate, status=400)
    if volunteer.fast_tracked:
        messages.success(
            request,
            _("Welcome to the Migration Volunteers! Your training starts now."),
        )
    else:
        messages.success(
            request,
            _("Your application is sent. The union's staff will be in touch."),
        )
    return redirect("volunteers:me")


@login_required
@require_http_methods(["GET", "POST"])
def my_volunteering(request):
    """/volunteers/me/: the signed-in volunteer's own record, and nobody else's."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        return redirect("volunteers:apply")

    still_in = volunteer.status not in REAPPLY_STATUSES
    pledges = pledges_to_accept(volunteer) if still_in else []
    if request.method == "POST":
        if not pledges:  # accepted meanwhile, in another tab
            return redirect("volunteers:me")
        form = PledgesForm(request.POST, pledges=pledges)
        if form.is_valid():
            accept_pledges(volunteer, pledges)
            messages.success(request, _("Thank you: you have accepted the pledges."))
            return redirect("volunteers:me")
        return _render_mine(request, volunteer, form, status=400)
    form = PledgesForm(pledges=pledges) if pledges else None
    return _render_mine(request, volunteer, form)


def _prefill(user) -> dict:
    """A graduate's answers from their latest Migration School application."""
    application = (
        Application.objects.for_user(user)
        .exclude(languages="")
        .order_by("-created_at")
        .first()
    )
    return {"languages": application.languages} if application else {}


def _render_application(request, form, certificate, status=200):
    context = {"form": form, "graduate": certificate is not None}
    return TemplateResponse(request, "volunteers/apply.html", context, status=status)


def _render_mine(request, volunteer, form, status=200):
    now = timezone.now()
    grants = list(
        volunteer.qualifications.select_related("qualification").order_by(
            "qualification__name_en"
        )
    )
    missing = []
    if volunteer.status in TRAINING_STATUSES:
        missing = missing_for_activation(volunteer, now)
        prefetch_related_objects(missing, "course", "quiz")
    context = {
        "volunteer": volunteer,
        "next_step": NEXT_STEP[volunteer.status],
        "may_reapply": volunteer.status in REAPPLY_STATUSES,
        "changes": volunteer.status_changes.all(),
        "grants": [(grant, grant.is_valid(now)) for grant in grants],
        "missing": missing,
        "form": form,
        "has_hours": volunteer.hours.exists(),
    }
    return TemplateResponse(request, "volunteers/me.html", context, status=status)

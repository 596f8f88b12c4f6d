"""The public call for applications and the applicant's own application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .admission import AdmissionError, submit_application
from .forms import ApplicationForm
from .models import Application, Cohort


@require_GET
def open_calls(request):
    """/apply/: every cohort whose window is open, with the visitor's application."""
    cohorts = list(
        Cohort.objects.open_for_applications().prefetch_related("curriculum")
    )
    mine = {
        application.cohort_id: application
        for application in Application.objects.for_user(request.user).filter(
            cohort__in=cohorts
        )
    }
    calls = [(cohort, mine.get(cohort.pk)) for cohort in cohorts]
    return TemplateResponse(request, "cohorts/open_calls.html", {"calls": calls})


@login_required
@require_http_methods(["GET", "POST"])
def application_form(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    application = (
        Application.objects.for_user(request.user).filter(cohort=cohort).first()
    )
    refusal = _refusal(cohort, application)
    if refusal:
        status = 400 if request.method == "POST" else 200
        return _render(request, cohort, application, None, refusal, status=status)

    if request.method == "GET":
        return _render(
            request, cohort, application, ApplicationForm(instance=application)
        )

    submitting = request.POST.get("action") == "submit"
    form = ApplicationForm(request.POST, instance=application, submitting=submitting)
    if not form.is_valid():
        return _render(request, cohort, application, form, status=400)
    try:
        application = _save_draft(form, cohort, request.user)
    except IntegrityError:  # a second tab started an application meanwhile
        messages.error(request, _("You already have an application to this cohort."))
        return redirect("cohorts:application", cohort_id=cohort.pk)
    if not submitting:
        messages.success(
            request,
            _("Your draft is saved. Come back to it any time before the deadline."),
        )
        return redirect("cohorts:application", cohort_id=cohort.pk)
    try:
        submit_application(application)
    except AdmissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your application is submitted. We have sent you a confirmation email."),
        )
    return redirect("cohorts:application", cohort_id=cohort.pk)


def _refusal(cohort, application) -> str:
    if application is not None and not application.is_draft:
        return _("You have submitted your application; it can no longer be changed.")
    if not cohort.is_open_for_applications():
        return _("Applications to this cohort are closed.")
    return ""


def _save_draft(form, cohort, user) -> Application:
    with transaction.atomic():
        application = form.save(commit=False)
        if application.pk is None:
            application.cohort = cohort
            application.applicant = user
        else:
            # Someone may have submitted from another tab: never overwrite that.
            current = Application.objects.select_for_update().get(pk=application.pk)
            if not current.is_draft:
                raise IntegrityError("already submitted")
        application.save()
    return application


def _render(request, cohort, application, form, refusal="", status=200):
    context = {
        "cohort": cohort,
        "application": application,
        "form": form,
        "refusal": refusal,
    }
    return TemplateResponse(
        request, "cohorts/application_form.html", context, status=status
    )

"""Public verification of certificates, and the holder's PDF."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language

from lms_toolkit import throttle

from . import codes, conf, verification
from .forms import VerifyForm
from .models import Certificate
from .pdf import render_pdf

NOINDEX = "noindex, nofollow, noarchive"


def verification_page(view):
    """Not for search engines, and limited per client against guessing codes."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        limit, window = conf.verify_rate()
        if not throttle.allow(request, "certificate-verify", limit, window):
            response = TemplateResponse(
                request, "certificates/too_many.html", {"window": window}, status=429
            )
            response["Retry-After"] = str(window)
        else:
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = NOINDEX
        response["Cache-Control"] = "private, no-store"
        return response

    return limited


@verification_page
def verify(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect(
            "certificates:verify_code", code=codes.display(form.cleaned_data["code"])
        )
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request, "certificates/verify.html", {"form": form}, status=status
    )


@verification_page
def verify_code(request, code: str):
    """A certificate, or else a document another app registered (``verification``)."""
    certificate = _by_code(code)
    if certificate is not None:
        if code != certificate.display_code:
            return redirect("certificates:verify_code", code=certificate.display_code)
        return TemplateResponse(
            request,
            "certificates/verify_code.html",
            {"certificate": certificate, "issuer": conf.issuer()},
        )
    normalised = codes.normalise(code)
    document = verification.find(normalised) if normalised else None
    if document is None:
        form = VerifyForm(initial={"code": code})
        return TemplateResponse(
            request,
            "certificates/verify.html",
            {"form": form, "not_found": True},
            status=404,
        )
    if code != document.display_code:
        return redirect("certificates:verify_code", code=document.display_code)
    return TemplateResponse(request, document.template_name, document.context)


@login_required
def download(request, code: str):
    """The PDF, for its holder (and for coordinators who may see certificates)."""
    certificate = _by_code(code)
    allowed = certificate is not None and (
        certificate.user_id == request.user.pk
        or request.user.has_perm("lms_certificates.view_certificate")
    )
    if not allowed:
        raise Http404
    url = request.build_absolute_uri(
        reverse("certificates:verify_code", args=[certificate.display_code])
    )
    pdf = render_pdf(certificate, url, get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code[:8].lower()}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = NOINDEX
    return response


def _by_code(typed: str) -> Certificate | None:
    code = codes.normalise(typed)
    if code is None:
        return None
    return Certificate.objects.select_related("cohort").filter(code=code).first()

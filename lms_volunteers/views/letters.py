"""Letters of service: asking for one, and its PDF for the holder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from lms_certificates.codes import normalise
from lms_certificates.views import NOINDEX

from ..letter_pdf import render_letter_pdf
from ..letters import LetterRefused
from ..letters import issue_letter as issue
from ..models import ServiceLetter, Volunteer


@login_required
@require_POST
def issue_letter(request):
    """/volunteers/me/letters/: a letter of what the volunteer gave so far."""
    volunteer = Volunteer.objects.for_user(request.user).first()
    if volunteer is None:
        raise Http404
    try:
        letter = issue(volunteer)
    except LetterRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("volunteers:my_hours")
    return redirect("volunteers:letter_pdf", code=letter.display_code)


@login_required
def download(request, code: str):
    """The PDF, for its holder and for staff who may see letters; nobody else."""
    stored = normalise(code)
    letter = (
        ServiceLetter.objects.select_related("volunteer").filter(code=stored).first()
        if stored
        else None
    )
    allowed = letter is not None and (
        letter.volunteer.user_id == request.user.pk
        or request.user.has_perm("lms_volunteers.view_serviceletter")
    )
    if not allowed:
        raise Http404
    url = request.build_absolute_uri(
        reverse("certificates:verify_code", args=[letter.display_code])
    )
    pdf = render_letter_pdf(letter, url, get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="letter-of-service-{letter.code[:8].lower()}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = NOINDEX
    return response

"""The classroom page, its calendar file, and the learner's upcoming sessions."""

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lms_toolkit.calendar import Event, calendar_response
from lms_toolkit.throttle import TooManyWrongCodes

from . import classroom, conf
from .models import LiveSession


@login_required
@require_GET
def classroom_page(request, session_id: int):
    session = get_object_or_404(LiveSession, pk=session_id)
    role = classroom.role_in(request.user, session.pk)
    if role is None:
        return _refused(request, session)
    code = classroom.check_in_code(session.pk) if role == "trainer" else ""
    context = {
        "session": session,
        "role": role,
        "agenda": session.agenda.select_related("material", "document"),
        "check_in_code": code,
        "check_in_qr": check_in_qr(request, session, code) if code else "",
        "code_seconds": classroom.CODE_SECONDS,
    }
    return TemplateResponse(request, "live/classroom.html", context)


@login_required
@require_GET
def current_code(request, session_id: int):
    """The room's check-in code and its QR code, for the trainer's screen."""
    session = get_object_or_404(LiveSession, pk=session_id)
    if classroom.role_in(request.user, session.pk) != "trainer":
        return JsonResponse({"error": "trainers_only"}, status=403)
    code = classroom.check_in_code(session.pk)
    return JsonResponse({"code": code, "qr": check_in_qr(request, session, code)})


@login_required
@require_http_methods(["GET", "POST"])
def room_check_in(request, session_id: int):
    """Where the room's QR code leads: a student confirms they are in the room."""
    session = get_object_or_404(LiveSession, pk=session_id)
    if classroom.role_in(request.user, session.pk) is None:
        return _refused(request, session)
    code = request.POST.get("code") or request.GET.get("code", "")
    status, done = 200, False
    if request.method == "POST":
        try:
            done = classroom.check_in(session.pk, request.user, code)
        except TooManyWrongCodes:
            status = 429
        else:
            status = 200 if done else 400
    context = {
        "session": session,
        "code": code[:6],
        "done": done,
        "failed": status == 400,
        "waiting": status == 429,
    }
    response = TemplateResponse(request, "live/check_in.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(int(conf.check_in_limit()[1]))
    return response


def check_in_qr(request, session, code: str) -> str:
    url = request.build_absolute_uri(
        reverse("live:check_in", kwargs={"session_id": session.pk}) + f"?code={code}"
    )
    return segno.make(url, error="m").svg_inline(scale=5, dark="#111", light="#fff")


@login_required
@require_GET
def calendar_file(request, session_id: int):
    """An .ics file with the session, for any calendar application."""
    session = get_object_or_404(LiveSession, pk=session_id)
    if classroom.role_in(request.user, session.pk) is None:
        return HttpResponse(status=403)
    url = request.build_absolute_uri(session_url(session))
    event = Event(
        uid=f"live-session-{session.pk}@{request.get_host()}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=session.translated_title,
        location=session.room or session.video_url,
        url=url,
    )
    return calendar_response([event], f"session-{session.pk}.ics")


def session_url(session) -> str:
    return reverse("live:classroom", kwargs={"session_id": session.pk})


def _refused(request, session):
    context = {
        "session": session,
        "reason": _("This class is for its enrolled learners."),
    }
    return TemplateResponse(request, "live/refused.html", context, status=403)

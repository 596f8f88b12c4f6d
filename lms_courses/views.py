"""Learner actions (enrol, mark a lesson done), the dashboard and search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale, Page

from lms_toolkit.personal import serve_personal

from .dashboard import dashboard_panels
from .models import CoursePage, Enrolment, LessonPage
from .navigation import audience
from .outline import original_page
from .progress import (
    can_read_lessons,
    enrol,
    learner_outline,
    mark_complete,
    mark_incomplete,
)
from .search import search_curriculum


@require_POST
def enrol_in_course(request, page_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    if original_page(course).specific.access != CoursePage.Access.OPEN:
        return _refused(
            request,
            _("This course is restricted: the School enrols its learners."),
            course,
        )
    enrol(request.user, course)
    messages.success(request, _("You are enrolled. Welcome to the course!"))
    return redirect(course.url)


@require_POST
def complete_lesson(request, page_id: int):
    return _set_lesson_done(request, page_id, done=True)


@require_POST
def uncomplete_lesson(request, page_id: int):
    return _set_lesson_done(request, page_id, done=False)


@login_required
@require_GET
def dashboard(request):
    who = audience(request)  # the roles, known before the panels: some spare a query
    personal = {"panels": [panel.render_html() for panel in dashboard_panels(request)]}
    return serve_personal(
        request,
        who,
        personal,
        lambda: TemplateResponse(
            request, "courses/dashboard.html", {"personal": personal}
        ),
    )


@require_GET
def offline_manifest(request, page_id: int):
    """The pages of a course to save for offline reading, in the reader's language."""
    course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
    outline, enrolment = learner_outline(course, request.user)
    if not can_read_lessons(request.user, outline, enrolment):
        return JsonResponse(
            {"error": _("This course is for enrolled learners.")}, status=403
        )
    urls = [outline.course.url]
    for module in outline.modules:
        urls.append(module.page.url)
        urls += [item.page.url for item in module.lessons]
    return JsonResponse({"urls": [url for url in urls if url]})


@require_GET
def service_worker(request):
    response = TemplateResponse(
        request, "courses/sw.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def search(request):
    # NUL ends a string in SQLite's search and is refused by PostgreSQL: drop it.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    results = (
        search_curriculum(query, request.user, Locale.get_active()) if query else []
    )
    return TemplateResponse(
        request, "courses/search.html", {"query": query, "results": results}
    )


def _set_lesson_done(request, page_id: int, *, done: bool):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.url)
    course = Page.objects.get(path=lesson.path[: Page.steplen * (lesson.depth - 2)])
    enrolment = (
        Enrolment.objects.for_user(request.user)
        .active()
        .filter(course_key=course.translation_key)
        .first()
    )
    if enrolment is None:
        reason = _("Enrol in this course to keep track of your lessons.")
        if _wants_json(request):
            return JsonResponse(
                {"error": "not_enrolled", "message": reason}, status=403
            )
        return _refused(request, reason, lesson)
    if done:
        mark_complete(enrolment, lesson.translation_key)
    else:
        mark_incomplete(enrolment, lesson.translation_key)
    outline, _enrolment = learner_outline(course, request.user, Locale.get_active().pk)
    _before, after = outline.neighbours(lesson.translation_key)
    confirmation = (
        _done_message(outline, after) if done else _("Lesson marked as not done.")
    )
    if _wants_json(request):
        return JsonResponse(
            {
                "done": done,
                "course_percent": outline.percent,
                "lesson": lesson.pk,
                "message": confirmation,
                "next_url": after.page.url if after else outline.course.url,
            }
        )
    messages.success(request, confirmation)
    return redirect(_safe_next(request, lesson.url))


def _done_message(outline, after) -> str:
    """ "Lesson marked as complete." and where the learner goes from here."""
    if after is not None and after.kind == "lessonpage":
        return _("Lesson marked as complete. Next: %(title)s.") % {
            "title": after.page.title
        }
    if after is not None:
        return _("Lesson marked as complete. Next, the quiz: %(title)s.") % {
            "title": after.page.title
        }
    if outline.next_item is None:
        return _(
            "Lesson marked as complete. You have completed every lesson of this course."
        )
    return _(
        "Lesson marked as complete. That was the last lesson: the course page shows "
        "what is left."
    )


def _wants_json(request) -> bool:
    """The page's script (the offline queue) asks for JSON; a form post for HTML."""
    return request.accepts("application/json") and not request.accepts("text/html")


def _refused(request, reason: str, page: Page):
    return TemplateResponse(
        request, "courses/refused.html", {"reason": reason, "page": page}, status=403
    )


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default

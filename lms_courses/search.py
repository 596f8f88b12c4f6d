"""Curriculum search in the reader's language that never leaks restricted lessons."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from .models import CoursePage, Enrolment, LessonPage

MAX_RESULTS = 50


def search_curriculum(query: str, user, locale: Locale) -> list[Page]:
    """Live, public pages of ``locale`` matching ``query``, best first.

    Lessons of restricted courses are left out for anyone not enrolled in them: a hit
    would tell what their text holds.
    """
    hits = list(
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .search(query, operator="and")[:MAX_RESULTS]
    )
    hidden = _unreadable_course_paths(hits, user)
    lesson_type = _lesson_content_type_id()
    shown = [
        page.pk
        for page in hits
        if not (
            page.content_type_id == lesson_type
            and any(page.path.startswith(path) for path in hidden)
        )
    ]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=shown).specific()}
    return [specific[pk] for pk in shown if pk in specific]


def _unreadable_course_paths(hits: list[Page], user) -> set[str]:
    lesson_type = _lesson_content_type_id()
    lesson_paths = [page.path for page in hits if page.content_type_id == lesson_type]
    if not lesson_paths:
        return set()
    steplen = Page.steplen
    courses = list(
        CoursePage.objects.filter(
            path__in={path[: len(path) - 2 * steplen] for path in lesson_paths}
        ).only("path", "translation_key")
    )
    original_access: dict = {}
    for key, access in (
        CoursePage.objects.filter(
            translation_key__in={course.translation_key for course in courses}
        )
        .order_by("pk")
        .values_list("translation_key", "access")
    ):
        original_access.setdefault(key, access)
    restricted = {
        key
        for key, access in original_access.items()
        if access == CoursePage.Access.RESTRICTED
    }
    enrolled = set(
        Enrolment.objects.for_user(user)
        .active()
        .filter(course_key__in=restricted)
        .values_list("course_key", flat=True)
    )
    return {
        course.path
        for course in courses
        if course.translation_key in restricted
        and course.translation_key not in enrolled
    }


def _lesson_content_type_id() -> int:
    return ContentType.objects.get_for_model(LessonPage).pk

"""A learner's enrolments and completed lessons: their copy, and their anonymisation.

The site that installs the LMS collects every app's ``records_of`` into one download
and calls every app's ``anonymise`` when it deletes an account (``accounts``).
"""

from collections.abc import Iterable
from uuid import UUID

from wagtail.models import Page

from .models import Enrolment


def records_of(user) -> dict:
    """Enrolments with their completed lessons (three queries whatever the count)."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .prefetch_related("completions")
        .order_by("enrolled_at", "pk")
    )
    keys = {e.course_key for e in enrolments}
    keys |= {c.lesson_key for e in enrolments for c in e.completions.all()}
    titles = page_titles(keys, reader_language(user))
    return {
        "enrolments": [
            {
                "course_key": enrolment.course_key,
                "course": titles.get(enrolment.course_key, ""),
                "status": enrolment.status,
                "how": enrolment.source,
                "enrolled_at": enrolment.enrolled_at,
                "last_activity_at": enrolment.last_activity_at,
                "completed_lessons": [
                    {
                        "lesson_key": completion.lesson_key,
                        "lesson": titles.get(completion.lesson_key, ""),
                        "completed_at": completion.completed_at,
                    }
                    for completion in sorted(
                        enrolment.completions.all(), key=lambda c: c.completed_at
                    )
                ],
            }
            for enrolment in enrolments
        ]
    }


def anonymise(user, placeholder) -> None:
    """Progress still counts in course statistics, under the placeholder's name."""
    Enrolment.objects.filter(user=user).update(user=placeholder)


def reader_language(user) -> str:
    """The language a user reads in, where the host site's user model records one."""
    return getattr(user, "preferred_language", "") or ""


def page_titles(keys: Iterable[UUID], language: str = "") -> dict[UUID, str]:
    """{translation key: title} in ``language`` where translated, else the original's
    (the first translation); one query."""
    keys = set(keys)
    if not keys:
        return {}
    originals: dict[UUID, str] = {}
    translated: dict[UUID, str] = {}
    rows = (
        Page.objects.filter(translation_key__in=keys)
        .order_by("pk")
        .values_list("translation_key", "title", "locale__language_code")
    )
    for key, title, code in rows:
        originals.setdefault(key, title)
        if language and code == language:
            translated.setdefault(key, title)
    return {key: translated.get(key, title) for key, title in originals.items()}

"""Course outlines: modules and what they hold, in tree order, in the reader's language.

An outline is always read from the course's original tree (the first translation), so
every language shows the same lessons and counts progress the same way; each entry is
shown in the active language when a translation exists, else in the original.
Any number of courses costs three queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from uuid import UUID

from django.db.models import Q
from wagtail.models import Locale, Page


@dataclass
class OutlineItem:
    page: Page  # shown to the reader: the translation in their language, if any
    key: UUID
    kind: str  # the model name: "lessonpage", later "quizpage"
    done: bool = False


@dataclass
class OutlineModule:
    page: Page
    key: UUID
    original_path: str
    items: list[OutlineItem] = field(default_factory=list)

    @property
    def lessons(self) -> list[OutlineItem]:
        return [item for item in self.items if item.kind == "lessonpage"]

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.lessons)

    @property
    def percent(self) -> int:
        return _percent(self.done_count, len(self.lessons))


@dataclass
class Outline:
    course: Page  # a CoursePage, in the reader's language when translated
    original: Page  # the CoursePage whose tree learning records follow
    modules: list[OutlineModule] = field(default_factory=list)

    @property
    def key(self) -> UUID:
        return self.original.translation_key

    @property
    def items(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.items]

    @property
    def lessons(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.lessons]

    @property
    def lesson_keys(self) -> set[UUID]:
        return {item.key for item in self.lessons}

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.lessons)

    @property
    def percent(self) -> int:
        return _percent(self.done_count, len(self.lessons))

    @property
    def next_item(self) -> OutlineItem | None:
        """The first lesson not yet done: where "Continue" takes the learner."""
        return next((item for item in self.lessons if not item.done), None)

    def neighbours(self, key: UUID) -> tuple[OutlineItem | None, OutlineItem | None]:
        """The items before and after the one with ``key``, across modules."""
        items = self.items
        for position, item in enumerate(items):
            if item.key == key:
                before = items[position - 1] if position > 0 else None
                after = items[position + 1] if position + 1 < len(items) else None
                return before, after
        return None, None

    def mark_done(self, done_keys: set[UUID]) -> "Outline":
        for item in self.items:
            item.done = item.key in done_keys
        return self


def course_outline(course: Page, locale_id: int | None = None) -> Outline:
    return course_outlines([course.translation_key], locale_id)[course.translation_key]


def course_outlines(keys: Iterable[UUID], locale_id: int | None = None) -> dict:
    """Outlines of the courses with these translation keys, keyed the same way.

    Entries are shown in the locale ``locale_id`` (default: the active language).
    """
    keys = set(keys)
    if not keys:
        return {}
    locale_id = locale_id or Locale.get_active().pk
    originals, shown = _originals_and_translations(keys, locale_id)
    if not originals:
        return {}
    tree = (
        Page.objects.live()
        .filter(
            reduce(
                or_,
                (
                    Q(path__startswith=course.path, depth__lte=course.depth + 2)
                    for course in originals.values()
                ),
            )
        )
        .exclude(pk__in=[course.pk for course in originals.values()])
        .select_related("content_type")
        .order_by("path")
    )
    tree = list(tree)
    translations = _translations_in(locale_id, {page.translation_key for page in tree})

    outlines = {
        key: Outline(course=shown.get(key, course), original=course)
        for key, course in originals.items()
    }
    course_paths = {course.path: key for key, course in originals.items()}
    course_depths = {course.depth for course in originals.values()}
    for page in tree:
        outline = outlines[_course_of(page, course_paths, course_depths)]
        displayed = translations.get(page.translation_key, page)
        if page.depth == outline.original.depth + 1:
            outline.modules.append(
                OutlineModule(displayed, page.translation_key, page.path)
            )
        elif outline.modules and page.path.startswith(
            outline.modules[-1].original_path
        ):
            outline.modules[-1].items.append(
                OutlineItem(displayed, page.translation_key, page.content_type.model)
            )
    return outlines


def original_page(page: Page) -> Page:
    """The first translation of ``page``: the tree that learning records follow."""
    return (
        Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()
        or page
    )


def _originals_and_translations(keys: set[UUID], locale_id: int):
    from .models import CoursePage

    originals: dict[UUID, Page] = {}
    shown: dict[UUID, Page] = {}
    for page in CoursePage.objects.filter(translation_key__in=keys).order_by("pk"):
        originals.setdefault(page.translation_key, page)
        if page.locale_id == locale_id and page.live:
            shown[page.translation_key] = page
    return originals, shown


def _translations_in(locale_id: int, keys: set[UUID]) -> dict[UUID, Page]:
    if not keys:
        return {}
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale_id=locale_id
        )
    }


def _course_of(page: Page, course_paths: dict, course_depths: set[int]) -> UUID:
    steplen = Page.steplen
    for depth in course_depths:
        key = course_paths.get(page.path[: steplen * depth])
        if key is not None:
            return key
    raise LookupError(page.path)


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0

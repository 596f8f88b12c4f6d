"""Course outlines: modules and what they hold, in tree order, in the reader's language.

An outline is always read from the course's original tree (its first translation), so
every language shows the same lessons and counts progress the same way; each entry is
shown in the active language when a translation exists, else in the original.

What an outline holds is the same for every learner, so it is cached (per course and
language) until any page is published, unpublished, moved or deleted; a learner's ticks
are laid over a fresh copy. Building outlines costs three queries for any number of
courses; reading them from the cache, none.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_
from uuid import UUID, uuid4

from django.core.cache import cache
from django.db.models import F, Q
from wagtail import hooks
from wagtail.models import Page

from lms_toolkit.languages import active_locale

VERSION_KEY = "lms:curriculum-version"

# Functions taking nothing and returning more kinds of page (model names) that count
# toward progress: quizzes adds "quizpage", so courses never imports it.
COUNTED_KINDS_HOOK = "lms_outline_counted_kinds"
CACHE_SECONDS = 60 * 60 * 24
# Outlines this process read last, by their cache key (which names the curriculum's
# version, so a publish elsewhere is seen at the next read of the version): unpickling
# a 200-step outline from the cache on every page cost more than drawing it.
_held: dict[str, "Outline"] = {}
HELD_OUTLINES = 256


@dataclass
class PageLink:
    """What an outline shows of a page: enough to link to it, nothing to query."""

    pk: int
    title: str
    url: str


@dataclass
class OutlineItem:
    page: PageLink  # in the reader's language when translated
    key: UUID
    kind: str  # the model name: "lessonpage", later "quizpage"
    done: bool = False


@dataclass
class OutlineModule:
    page: PageLink
    key: UUID
    original_path: str
    items: list[OutlineItem] = field(default_factory=list)

    @cached_property  # the steps never change; their ticks do
    def lessons(self) -> list[OutlineItem]:
        """The steps that count toward progress: lessons, and quizzes when present."""
        kinds = counted_kinds()
        return [item for item in self.items if item.kind in kinds]

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.lessons)

    @property
    def percent(self) -> int:
        return _percent(self.done_count, len(self.lessons))


@dataclass
class Outline:
    course: PageLink  # in the reader's language when translated
    key: UUID
    access: str  # "open" or "restricted", as set on the original course
    original_pk: int
    modules: list[OutlineModule] = field(default_factory=list)

    @cached_property
    def items(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.items]

    @cached_property
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

    def module_of(self, key: UUID) -> OutlineModule | None:
        return next(
            (m for m in self.modules if any(i.key == key for i in m.items)), None
        )

    def neighbours(self, key: UUID) -> tuple[OutlineItem | None, OutlineItem | None]:
        """The items before and after the one with ``key``, across modules."""
        items = self.items
        for position, item in enumerate(items):
            if item.key == key:
                before = items[position - 1] if position > 0 else None
                after = items[position + 1] if position + 1 < len(items) else None
                return before, after
        return None, None

    def fresh(self) -> "Outline":
        """A copy whose ticks can be set without touching this one (links and keys,
        which nothing changes, are shared)."""
        modules = [
            OutlineModule(
                module.page,
                module.key,
                module.original_path,
                [OutlineItem(item.page, item.key, item.kind) for item in module.items],
            )
            for module in self.modules
        ]
        return Outline(self.course, self.key, self.access, self.original_pk, modules)

    def mark_done(self, done_keys: set[UUID]) -> "Outline":
        for item in self.items:
            item.done = item.key in done_keys
        return self


def counted_kinds() -> set[str]:
    """The kinds of outline item that are steps: lessons, and what apps add."""
    contributed = (
        kind
        for kinds_for in hooks.get_hooks(COUNTED_KINDS_HOOK)
        for kind in kinds_for()
    )
    return {"lessonpage", *contributed}


def course_outline(course: Page, locale_id: int | None = None) -> Outline:
    return course_outlines([course.translation_key], locale_id)[course.translation_key]


def course_outlines(
    keys: Iterable[UUID], locale_id: int | None = None, read_only: bool = False
) -> dict:
    """Outlines of the courses with these translation keys, keyed the same way.

    Entries are shown in the locale ``locale_id`` (default: the active language).
    Each is a copy to lay ticks over; ``read_only`` callers get the one this process
    holds, which they must not change.
    """
    keys = set(keys)
    if not keys:
        return {}
    locale_id = locale_id or active_locale().pk
    # A new version is never an old one: a restarted cache cannot bring back what a
    # process still holds.
    version = cache.get_or_set(VERSION_KEY, uuid4().hex, None)
    cache_keys = {key: f"lms:outline:{version}:{locale_id}:{key}" for key in keys}
    outlines = {key: _held[name] for key, name in cache_keys.items() if name in _held}
    if len(outlines) < len(keys):
        wanted = [name for key, name in cache_keys.items() if key not in outlines]
        cached = cache.get_many(wanted)
        for key, name in cache_keys.items():
            if name in cached:
                outlines[key] = _held[name] = cached[name]
    missing = keys - outlines.keys()
    if missing:
        built = _build(missing, locale_id)
        cache.set_many(
            {cache_keys[key]: outline for key, outline in built.items()}, CACHE_SECONDS
        )
        for key, outline in built.items():
            outlines[key] = _held[cache_keys[key]] = outline
    while len(_held) > HELD_OUTLINES:
        _held.pop(next(iter(_held)), None)
    if read_only:
        return outlines
    # Callers lay a learner's ticks over what they get: never over what is held.
    return {key: outline.fresh() for key, outline in outlines.items()}


def forget_outlines() -> None:
    """Make every cached outline stale (any page was published, moved or deleted)."""
    cache.set(VERSION_KEY, uuid4().hex, None)


def original_page(page: Page) -> Page:
    """The first translation of ``page``: the tree that learning records follow."""
    return (
        Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()
        or page
    )


def _build(keys: set[UUID], locale_id: int) -> dict[UUID, Outline]:
    originals, shown = _originals_and_translations(keys, locale_id)
    if not originals:
        return {}
    tree = list(
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
    translations = _translations_in(locale_id, {page.translation_key for page in tree})

    outlines = {
        key: Outline(
            course=_link(shown.get(key, course)),
            key=key,
            access=course.access,
            original_pk=course.pk,
        )
        for key, course in originals.items()
    }
    course_paths = {course.path: key for key, course in originals.items()}
    course_depths = {course.depth for course in originals.values()}
    for page in tree:
        course_key = _course_of(page, course_paths, course_depths)
        outline = outlines[course_key]
        shown_page = _link(translations.get(page.translation_key, page))
        if page.depth == originals[course_key].depth + 1:
            outline.modules.append(
                OutlineModule(shown_page, page.translation_key, page.path)
            )
        elif outline.modules and page.path.startswith(
            outline.modules[-1].original_path
        ):
            outline.modules[-1].items.append(
                OutlineItem(shown_page, page.translation_key, page.content_type.model)
            )
    return outlines


def _link(page: Page) -> PageLink:
    return PageLink(page.pk, page.title, page.get_url() or "")


def _originals_and_translations(keys: set[UUID], locale_id: int):
    # Courses are read as pages with their access joined in: the page models render
    # outlines, so this module stays below them.
    courses = (
        Page.objects.filter(
            translation_key__in=keys, curriculumpage__coursepage__isnull=False
        )
        .annotate(access=F("curriculumpage__coursepage__access"))
        .order_by("pk")
    )
    originals: dict[UUID, Page] = {}
    shown: dict[UUID, Page] = {}
    for page in courses:
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

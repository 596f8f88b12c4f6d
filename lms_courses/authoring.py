"""Where a course's structure is authored: in its original language, and only there.

A course's modules, lessons and quizzes, their order, and adding, moving, copying or
deleting them belong to the course's original tree, the one every outline reads;
wagtail-localize carries them into the other languages. A page added to a translation
would be live yet missing from the outline, progress and previous/next, so the admin
refuses such changes (``wagtail_hooks``) and moves, deletes and reorders made in the
original carry their translations along.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language_info
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page

from .models import CoursePage


@dataclass(frozen=True)
class TranslatedCourse:
    """A translation of a course, and the original its structure is authored in."""

    translation: CoursePage
    original: Page

    @property
    def language(self) -> Promise:
        """The original's language, named in the reader's language."""
        code = self.original.locale.language_code
        return get_language_info(code)["name_translated"]

    def original_of(self, page: Page) -> Page:
        """``page``'s counterpart in the original, else the original course itself."""
        counterpart = page.get_translation_or_none(self.original.locale)
        return counterpart.specific_deferred if counterpart else self.original


def translated_course_of(page: Page) -> TranslatedCourse | None:
    """The translated course that is or holds ``page``; None in an original."""
    course = CoursePage.translations_holding(page).first()
    if course is None:
        return None
    original = Page.objects.select_related("locale").get(pk=course.original_pk)
    return TranslatedCourse(course, original.specific_deferred)


def translated_structure_of(page: Page) -> TranslatedCourse | None:
    """The translated course ``page`` is a module, lesson or quiz of, if any."""
    course = translated_course_of(page)
    return course if course and course.translation.pk != page.pk else None


def has_original(page: Page, course: TranslatedCourse) -> bool:
    """Whether ``page`` translates a page of ``course``'s original tree."""
    return course.original_of(page).pk != course.original.pk


def translations_in_step(page: Page) -> list[Page]:
    """The translations that follow ``page``, a page of an original course."""
    if not _is_original_structure(page):
        return []
    return list(Page.objects.translation_of(page, inclusive=False))


def keep_translations_in_step(page: Page) -> None:
    """After ``page`` moved in an original, put its translations where it now is.

    Each translation goes under its own translation of the new parent, before the
    first translated sibling that follows ``page`` in the original. Where the new
    parent has no translation yet, the translation stays until it is translated.
    """
    translations = translations_in_step(page)
    if not translations:
        return
    parent = page.get_parent()
    order = list(parent.get_children().values_list("translation_key", flat=True))
    following = order[order.index(page.translation_key) + 1 :]
    for translation in translations:
        new_parent = parent.get_translation_or_none(translation.locale)
        if new_parent is None:
            continue
        siblings = {
            sibling.translation_key: sibling
            for sibling in new_parent.get_children().exclude(pk=translation.pk)
        }
        anchor = next((siblings[key] for key in following if key in siblings), None)
        in_place = translation.get_parent().pk == new_parent.pk and (
            translation.get_next_sibling() == anchor
        )
        if in_place:
            continue
        if anchor is not None:
            translation.move(anchor, pos="left")
        else:
            translation.move(new_parent, pos="last-child")


def delete_translations_left_behind(deleted: list[Page]) -> None:
    """Delete the translations that these pages, deleted from an original, left."""
    keys = {page.translation_key for page in deleted}
    for translation in Page.objects.filter(translation_key__in=keys).order_by("depth"):
        if Page.objects.filter(pk=translation.pk).exists() and (
            translated_structure_of(translation)
        ):
            DeletePageAction(translation).execute(skip_permission_checks=True)


def _is_original_structure(page: Page) -> bool:
    """Whether ``page`` is a module, lesson or quiz of a course that is an original."""
    course = CoursePage.objects.ancestor_of(page).first()
    return course is not None and not CoursePage.translations_holding(page).exists()

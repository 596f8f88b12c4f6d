"""The reader's language: its Wagtail locale, and fields kept once per language on a
model (``name_az``, ``title_en``…)."""

from django.utils.translation import get_language
from wagtail.models import Locale

from lms_toolkit.page_cache import remembered


def active_locale() -> Locale:
    """Wagtail's ``Locale.get_active()``, kept in the cache until a locale or a page
    changes (lms_toolkit/page_cache.py): it is read on every page."""
    return remembered(f"locale:{get_language()}", Locale.get_active)


def in_reader_language(instance, field: str, fallback: str) -> str:
    """``instance.<field>_<active language>``, or ``instance.<fallback>`` when that is
    empty or the model keeps no such field."""
    language = (get_language() or "az")[:2]
    return getattr(instance, f"{field}_{language}", "") or getattr(instance, fallback)

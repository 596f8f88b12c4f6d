"""Fields kept once per language on a model (``name_az``, ``title_en``…): the one for
the reader."""

from django.utils.translation import get_language


def in_reader_language(instance, field: str, fallback: str) -> str:
    """``instance.<field>_<active language>``, or ``instance.<fallback>`` when that is
    empty or the model keeps no such field."""
    language = (get_language() or "az")[:2]
    return getattr(instance, f"{field}_{language}", "") or getattr(instance, fallback)

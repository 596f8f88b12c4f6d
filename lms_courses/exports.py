"""Spreadsheet exports written in the language of the person who asked for them."""

from django.utils import translation


class ExportInRequestLanguageMixin:
    """For Wagtail index views: the CSV is streamed after the request's language has
    been deactivated, so each row is written under the language of the request."""

    def stream_csv(self, queryset):
        # Not a generator itself: the language is read while the request runs.
        return _in_language(super().stream_csv(queryset), translation.get_language())


def _in_language(rows, language):
    while True:
        with translation.override(language):
            row = next(rows, None)
        if row is None:
            return
        yield row

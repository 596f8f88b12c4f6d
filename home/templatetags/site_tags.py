"""Template tags of the site: the language switcher and the "not translated" notice."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from lms_toolkit.page_cache import host_of, remembered

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One button per language, leading to this page in that language (links for a
    visitor who is not signed in, so that the page may be kept for every such visitor).

    A page goes to its translation when there is one; otherwise to the same address
    under the other prefix, where the original is shown with a notice.
    """
    request = context.get("request")
    if request is None:
        return {"languages": []}
    page = context.get("page")
    translations = (
        remembered(
            f"translation-urls:{host_of(request)}:{page.pk}",
            lambda: _translation_urls(page, request),
        )
        if isinstance(page, Page)
        else {}
    )
    current = get_language()
    return {
        "request": request,
        "user": context.get("user"),
        "languages": [
            {
                "code": code,
                "name": name,
                "current": code == current,
                "url": translations.get(code)
                or translate_url(request.get_full_path(), code),
            }
            for code, name in settings.LANGUAGES
        ],
    }


@register.simple_tag(takes_context=True)
def content_language(context, page=None) -> str:
    """The language of ``page`` when it differs from the interface language, else ""."""
    if not isinstance(page, Page):
        return ""
    code = _locale_codes(context.get("request")).get(page.locale_id, "")
    return code if code and code != get_language() else ""


@register.simple_tag
def language_name(code: str) -> str:
    """A language's own name ("Русский"), as the switcher shows it."""
    return dict(settings.LANGUAGES).get(code, code)


def _translation_urls(page: Page, request) -> dict[str, str]:
    codes = _locale_codes(request)
    urls = {}
    for translation in page.get_translations(inclusive=True).live():
        url = translation.get_url(request)
        if url:
            urls[codes.get(translation.locale_id, "")] = url
    return urls


def _locale_codes(request) -> dict[int, str]:
    """Locale ids and their language codes (a handful of rows, read once a request)."""
    codes = getattr(request, "_lms_locale_codes", None)
    if codes is None:
        codes = remembered(
            "locale-codes",
            lambda: dict(Locale.objects.values_list("pk", "language_code")),
        )
        if request is not None:
            request._lms_locale_codes = codes
    return codes

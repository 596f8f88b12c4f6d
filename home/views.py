"""Site-wide views: pages with a fallback for missing translations, language choice."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.views.i18n import set_language as django_set_language
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve


def serve_page(request, path: str):
    """Serve a page in the active language, or its original when it is not translated.

    A reader who switches to Russian on a lesson that exists only in Azerbaijani keeps
    the Russian interface and reads the original, with a notice saying so. Routing
    reads every language version of the site's root at once, so each language costs
    the same queries.
    """
    request._wagtail_route_for_request = _route(request, path)
    return wagtail_serve(request, path)


def set_language(request):
    """Django's language switch, which also remembers the choice on the profile."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and getattr(user, "preferred_language", language) != language
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


def _route(request, path: str):
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    active, default = get_language(), settings.LANGUAGE_CODE
    roots = sorted(
        site.root_page.get_translations(inclusive=True).select_related("locale"),
        key=lambda root: (
            root.locale.language_code != active,
            root.locale.language_code != default,
        ),
    )
    for root in roots:
        try:
            return root.specific.route(request, components)
        except Http404:
            continue
    return None

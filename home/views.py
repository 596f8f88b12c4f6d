"""Site-wide views: pages with a fallback for missing translations, language choice."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from django.views.i18n import set_language as django_set_language
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from lms_toolkit import page_cache
from lms_toolkit.page_cache import shared


def serve_page(request, path: str):
    """Serve a page in the active language, or its original when it is not translated.

    A reader who switches to Russian on a lesson that exists only in Azerbaijani keeps
    the Russian interface and reads the original, with a notice saying so. Routing
    reads every language version of the site's root at once, so each language costs
    the same queries. A visitor who is not signed in gets the page kept for the
    previous one when nothing was published since (lms_toolkit/page_cache.py).
    """
    request._wagtail_site = page_cache.remembered(
        f"site:{request.get_host()}", lambda: Site.find_for_request(request)
    )
    request._wagtail_route_for_request = _kept_route(request, path)
    return shared(wagtail_serve(request, path))


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


def _kept_route(request, path: str):
    """The route to the page at ``path``, from the cache when it was found before in
    this generation (a publish, move or deletion starts a new one), with the page
    itself: no query, instead of one per level of the tree, each with its specific
    row."""
    components = [component for component in path.split("/") if component]
    key = page_cache.address_key(request, "route", request.path)
    kept = page_cache.read(key)
    if kept is not None:
        content_type_id, page_id, depth = kept
        page = page_cache.remembered(
            f"page:{page_id}", lambda: _page(content_type_id, page_id)
        )
        if page is not None:
            # A routable page resolves the rest of the address itself.
            return page.route(request, components[depth:])
    found = _route(request, components)
    if found is not None and key is not None:
        result, depth = found
        page_cache.keep(key, (result.page.content_type_id, result.page.pk, depth))
        page_cache.remember(f"page:{result.page.pk}", result.page)
    return found[0] if found else None


def _page(content_type_id: int, page_id: int):
    """The page, specific, as kept with the pages until the next publish: serving
    reads it and never changes it (one copy per process, shared by its requests)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    # A page type may name what its template draws, to read it in the same query.
    pages = model.objects.filter(pk=page_id)
    if related := getattr(model, "serve_select_related", ()):
        # (Without names, select_related() would follow every foreign key.)
        pages = pages.select_related(*related)
    return pages.first()


def _route(request, components: list[str]):
    """The route to the page, and how many components name the page itself."""
    site = Site.find_for_request(request)
    if site is None:
        return None
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
            result = root.specific.route(request, components)
        except Http404:
            continue
        return result, result.page.depth - root.depth
    return None

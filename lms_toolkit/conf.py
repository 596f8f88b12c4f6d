"""Settings of the toolkit, each with a default so it fits any Wagtail site."""

from django.conf import settings


def page_cache_seconds() -> int:
    """How long a page kept for visitors who are not signed in lives at most; 0 keeps
    none. Publishing starts afresh sooner (lms_toolkit/page_cache.py)."""
    return getattr(settings, "LMS_PAGE_CACHE_SECONDS", 300)


def page_cache_proxy_seconds() -> int:
    """How long a caching proxy in front may keep such a page (``s-maxage``); 0, the
    default, lets only the site keep it. Set it only with wagtail.contrib.frontend_cache
    purging the proxy on publish (docs/deployment.md)."""
    return getattr(settings, "LMS_PAGE_CACHE_PROXY_SECONDS", 0)

"""Language routing and the Content-Security-Policy of the site."""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation

LANGUAGE_LIKE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?", re.IGNORECASE)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but an unknown language prefix is simply not found.

    `/courses/` still redirects to `/az/courses/` (or the visitor's language); `/xx/`
    is a 404 instead of a redirect to `/az/xx/`, and so is a 404 from a view outside
    the language prefixes (the admin's "not found" stays in the admin).
    """

    def process_response(self, request, response):
        first_segment = request.path_info.strip("/").split("/", 1)[0]
        unknown_language = LANGUAGE_LIKE.fullmatch(
            first_segment
        ) and not translation.get_language_from_path(request.path_info)
        urlconf = getattr(request, "urlconf", None)
        if response.status_code == 404 and (
            unknown_language or is_valid_path(request.path_info, urlconf)
        ):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with ``LMS_ADMIN_CSP_UPDATE`` / ``LMS_ADMIN_CSP_REPLACE``
    applied in the Wagtail admin, which still needs inline scripts and styles.

    A page previewed in the admin keeps the site's policy, but may be framed by the
    admin (``LMS_ADMIN_CSP_REPLACE``): Wagtail renders it through the whole middleware
    chain with a dummy request for the page's own URL.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(settings.LMS_ADMIN_PATH):
            parts.update = {**settings.LMS_ADMIN_CSP_UPDATE, **(parts.update or {})}
        if request.path_info.startswith(settings.LMS_ADMIN_PATH) or getattr(
            request, "is_dummy", False
        ):
            parts.replace = {**settings.LMS_ADMIN_CSP_REPLACE, **(parts.replace or {})}
        return parts


class SyncChainMiddleware:
    """Runs last and only synchronously, so that under ASGI Django runs the whole
    (synchronous) middleware chain and view in one thread hop instead of two per
    middleware. It measured 7 ms a request on a bare view; see docs/benchmarks.md.
    """

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

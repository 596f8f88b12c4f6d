"""Whole pages for visitors who are not signed in, answered from Django's cache.

A page is kept only when any such visitor may see it: a view marks its response
``shared(response)`` (the site marks the Wagtail pages it serves), the request came
without a session or a message (no session or messages cookie), and the answer is a
200 that set no cookie (so it holds no CSRF token) and did not ask to stay private.
It is kept per site, address (with its query) and language.

What is kept belongs to a *generation*: publishing, unpublishing, moving or deleting
a page, a translation synced (it publishes), and the apps' own public records (they
call ``forget_pages()``) start a new one, so nothing stale or unpublished is shown.
``LMS_PAGE_CACHE_SECONDS`` bounds a page's life for what changes by itself with the
clock (an application call that closes at noon). A cache that fails is logged and
bypassed: the page is rendered as if nothing were kept.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language
from wagtail.models import Page

from lms_toolkit.conf import page_cache_proxy_seconds, page_cache_seconds

logger = logging.getLogger(__name__)

GENERATION_KEY = "lms:pages:generation"
# Headers a kept page is answered with; the rest (CSP, Vary, Content-Language) the
# middleware around this one adds again.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options")
_SHARED = "_lms_shared_page"
# The generation, read once per request: "" until read, None outside a request.
_generation: ContextVar[str | None] = ContextVar("lms_page_generation", default=None)
# What the parts of one page share (a learner's ticks, read by several panels): a dict
# per request, None outside one.
_reads: ContextVar[dict | None] = ContextVar("lms_request_reads", default=None)


# What this process read or kept last, by key, with the time it lapses: a key names
# its generation, so a new one elsewhere is seen at the next request's first read, and
# reading it here spares unpickling a course's outline or a page on every request.
# Callers must not change what they are given.
_local: OrderedDict[str, tuple[float, object]] = OrderedDict()
_local_lock = threading.Lock()
LOCAL_ENTRIES = 512


def shared(response):
    """Say that ``response`` may be kept and shown to every visitor not signed in."""
    setattr(response, _SHARED, True)
    return response


def forget_pages(**_signal_arguments) -> None:
    """Start a new generation: no page kept until now is answered again."""
    generation = uuid.uuid4().hex
    if _generation.get() is not None:
        _generation.set(generation)
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
    except Exception:
        logger.error("The cache could not forget kept pages", exc_info=True)


def read_once(name: str, build):
    """``build()``, once per request: the panels of a page share what they read (a
    learner's enrolments and ticks). Outside a request it is built at each call.
    A request that changes what was read calls ``forget_reads()``."""
    reads = _reads.get()
    if reads is None:
        return build()
    if name not in reads:
        reads[name] = build()
    return reads[name]


def forget_reads(**_signal_arguments) -> None:
    """Read everything again at its next ``read_once`` in this request (the request
    changed a learner's records)."""
    reads = _reads.get()
    if reads:
        reads.clear()


def forget_pages_of_deleted(instance, **_signal_arguments) -> None:
    """A deleted page may have been live: forget what was kept."""
    if instance.live:
        forget_pages()


def remembered(name: str, build):
    """``build()``, kept under ``name`` until the generation changes (for what only
    publishing changes: routes, the site, languages, tags); built each time when the
    cache does not answer. ``build`` may return None."""
    key = _generation_key(name)
    kept = read(key)
    if kept is not None:
        return kept[0]
    value = build()
    if key is not None:
        keep(key, (value,))
    return value


def remember(name: str, value) -> None:
    """Keep ``value`` under ``name`` for ``remembered`` (built elsewhere already)."""
    key = _generation_key(name)
    if key is not None:
        keep(key, (value,))


def host_of(request) -> str:
    """The request's host, or "" when it is not one of ``ALLOWED_HOSTS``: Django then
    answers 400, and its error page must not fail again on the same header."""
    try:
        return request.get_host()
    except DisallowedHost:
        return ""


def address_key(request, kind: str, address: str | None = None) -> str | None:
    """The cache key of what is kept of ``kind`` for this address (by default the
    full path with its query), host and language in the current generation; None
    when the cache does not answer."""
    address = address or request.get_full_path()
    hashed = hashlib.sha256(address.encode()).hexdigest()
    return _generation_key(f"{kind}:{host_of(request)}:{get_language()}:{hashed}")


def read(key: str | None):
    """What is kept under ``key``, or None (also when the cache does not answer)."""
    if key is None:
        return None
    with _local_lock:
        held = _local.get(key)
        if held is not None and held[0] > time.time():
            _local.move_to_end(key)
            return held[1]
    try:
        value = cache.get(key)
    except Exception:
        logger.error("The cache did not answer for a kept page", exc_info=True)
        return None
    if value is not None:
        _hold(key, value)
    return value


def keep(key: str, value) -> None:
    """Keep ``value`` under ``key`` until the generation changes, at most
    ``LMS_PAGE_CACHE_SECONDS``."""
    try:
        cache.set(key, value, timeout=page_cache_seconds())
    except Exception:
        logger.error("The cache could not keep a page", exc_info=True)
        return
    _hold(key, value)


def _hold(key: str, value) -> None:
    # At most as long as the shared cache keeps it (another process may have kept it
    # a while ago: then a little longer, never past the generation).
    lapses = time.time() + page_cache_seconds()
    with _local_lock:
        _local[key] = (lapses, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_pages_of_saved(instance, **_signal_arguments) -> None:
    """A live page saved as it is (not through a revision): forget what was kept."""
    if isinstance(instance, Page) and instance.live:
        forget_pages()


class PageCacheMiddleware:
    """Answers a visitor without a session from the kept page, and keeps new ones.

    It sits after the language middleware (the key holds the active language) and
    before anything that reads the session or the user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, reads_token = _generation.set(""), _reads.set({})
        try:
            return self._respond(request)
        finally:
            _generation.reset(token)
            _reads.reset(reads_token)

    def _respond(self, request):
        if not host_of(request):
            return self.get_response(request)  # CommonMiddleware answers 400
        if not _may_be_shared(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Signed in, or holding a message: never for a shared cache.
                patch_cache_control(response, private=True)
            return response
        key = address_key(request, "page")
        kept = read(key)
        if kept is not None:
            return _answer(request, kept)
        response = self.get_response(request)
        if key and _may_keep(response):
            _keep_response(key, response)
        return response


def _may_be_shared(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and page_cache_seconds() > 0
    )


def _may_keep(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        getattr(response, _SHARED, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


def _generation_key(name: str) -> str | None:
    generation = _generation.get()
    if not generation:
        try:
            generation = cache.get(GENERATION_KEY)
            if generation is None:
                generation = uuid.uuid4().hex
                if not cache.add(GENERATION_KEY, generation, timeout=None):
                    generation = cache.get(GENERATION_KEY, generation)
        except Exception:
            logger.error("The cache did not answer for kept pages", exc_info=True)
            return None
        if _generation.get() is not None:  # in a request: read it once
            _generation.set(generation)
    return f"lms:kept:{generation}:{name}"


def _keep_response(key: str, response) -> None:
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    _cache_control(response)
    kept = {
        "content": response.content,
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        "etag": etag,
        "at": time.time(),
    }
    keep(key, kept)


def _answer(request, kept: dict):
    if kept["etag"] in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(kept["content"])
        for name, value in kept["headers"].items():
            response[name] = value
    response["ETag"] = kept["etag"]
    response["Age"] = str(max(0, int(time.time() - kept["at"])))
    _cache_control(response)
    return response


def _cache_control(response) -> None:
    # Browsers ask again each time (a 304 when nothing changed); a proxy in front may
    # keep the page as long as LMS_PAGE_CACHE_PROXY_SECONDS says, purged on publish
    # through wagtail.contrib.frontend_cache (docs/deployment.md).
    proxy_seconds = page_cache_proxy_seconds()
    proxy = {"s_maxage": proxy_seconds} if proxy_seconds else {}
    patch_cache_control(response, public=True, max_age=0, **proxy)
    patch_vary_headers(response, ("Cookie",))

"""Refuse a request body larger than the site accepts, before anything reads it."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse

DEFAULT_MAX_REQUEST_SIZE = 12 * 1024 * 1024


def max_request_size() -> int:
    """The largest request body the site reads, in bytes: ``LMS_MAX_REQUEST_SIZE``."""
    return getattr(settings, "LMS_MAX_REQUEST_SIZE", DEFAULT_MAX_REQUEST_SIZE)


class RequestSizeLimitMiddleware:
    """Answer 413 with a readable page when ``Content-Length`` is over the limit.

    Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves files out, and upload handlers only
    run once a view reads ``request.POST``: by then the whole file has been parsed.
    Under WSGI the body is never read; under ASGI it waits in a temporary file (on disk
    past ``FILE_UPLOAD_MAX_MEMORY_SIZE``) and is dropped unparsed. A body without a
    length (chunked) is not parsed by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = max_request_size()
        if _content_length(request) > limit:
            return TemplateResponse(
                request,
                "413.html",
                {"max_size": filesizeformat(limit)},
                status=413,
            ).render()
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django itself treats a malformed length as no body

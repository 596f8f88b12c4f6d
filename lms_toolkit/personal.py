"""Pages drawn once for the readers who see them alike, each reader's own parts
drawn per request.

Two learners on the same lesson see the same page except in a few places: the
"mark as complete" form and where it leads, and the CSRF token of every form. A page
marks each such place with ``{% personal "template.html" %}`` (``personal_tags``): the
template is drawn from the page's ``personal`` context (what the part needs, no more)
with the request, the user and the token. The rest, the *skeleton*, is kept per
address, language, generation (``lms_toolkit.page_cache``: a publish, a move, a sync
starts a new one) and *audience*, which the page names: the reader's role set, so
the header's links are theirs. The next reader of the same audience gets the kept
skeleton with their parts drawn and their token in it; nothing else of the page is
drawn or read.

Only for a GET that is no preview, by a signed-in reader with no message waiting,
when the page calls ``serve_personal``; never for the first 200 a page answers with
no personal part. What the header shows must follow from the audience alone: links
offered through ``lms_navigation_links`` depend on the roles, not the person.
"""

import re

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lms_toolkit import page_cache
from lms_toolkit.conf import page_cache_seconds

_MARKING = "_lms_mark_personal_parts"
_PART = re.compile(r"<!--lms:personal:([^>]*?)-->(.*?)<!--/lms:personal-->", re.S)
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
TOKEN_HOLE = "\x00csrf\x00"


def draw_part(template_name: str, personal: dict, request) -> str:
    """One personal part: ``template_name`` drawn from ``personal`` alone (with the
    request, the user and the token), the same on a kept page and a whole one.
    Marked out in the page when the page is being kept."""
    html = render_to_string(template_name, personal, request)
    if getattr(request, _MARKING, False):
        html = f"<!--lms:personal:{template_name}-->{html}<!--/lms:personal-->"
    return mark_safe(html)  # noqa: S308  # nosec B308 B703  (a template's output)


def serve_personal(request, audience: str | None, personal: dict, draw_whole):
    """The page for ``request``: the kept skeleton for ``audience`` with the reader's
    parts drawn from ``personal``, or ``draw_whole()`` (a TemplateResponse), kept
    for the next reader when it may be. No ``audience``: always drawn whole."""
    if audience is None or not _may_keep(request):
        return draw_whole()
    key = page_cache.address_key(request, f"skeleton:{audience}")
    kept = page_cache.read(key)
    if kept is not None:
        return _fill(request, kept, personal)
    setattr(request, _MARKING, True)
    try:
        response = draw_whole()
        response.render()
    finally:
        setattr(request, _MARKING, False)
    content = response.content.decode(response.charset)
    if key is not None and response.status_code == 200 and not response.cookies:
        skeleton = _skeleton(content)
        if skeleton is not None:
            page_cache.keep(key, skeleton)
    response.content = _PART.sub(r"\2", content).encode(response.charset)
    return response


def _may_keep(request) -> bool:
    return (
        request.method == "GET"
        and not getattr(request, "is_preview", False)
        and request.user.is_authenticated
        and page_cache_seconds() > 0
        # Whatever is waiting is shown by this page and then gone: draw it whole.
        and not len(get_messages(request))
    )


def _skeleton(content: str) -> dict | None:
    """The page without its personal parts and its token: literal pieces between
    which the parts (named in order) go; None when nothing in it is personal."""
    pieces, parts, start = [], [], 0
    for match in _PART.finditer(content):
        pieces.append(content[start : match.start()])
        parts.append(match.group(1))
        start = match.end()
    if not parts:
        return None
    pieces.append(content[start:])
    pieces = [_TOKEN.sub(rf"\g<1>{TOKEN_HOLE}\g<3>", piece) for piece in pieces]
    return {"pieces": pieces, "parts": parts}


def _fill(request, kept: dict, personal: dict) -> HttpResponse:
    drawn = [draw_part(name, personal, request) for name in kept["parts"]]
    html = [kept["pieces"][0]]
    for part, piece in zip(drawn, kept["pieces"][1:], strict=True):
        html += [part, piece]
    token = get_token(request)
    return HttpResponse("".join(html).replace(TOKEN_HOLE, token))

"""The one place where user-supplied HTML is cleaned before it is stored or shown.

Trainers' rich text goes through Wagtail's own rich-text pipeline; everything else
that may hold markup (answers, comments, messages, imported text) goes through here.
"""

from functools import partial

from bleach.callbacks import nofollow
from bleach.linkifier import LinkifyFilter, build_url_re
from bleach.sanitizer import Cleaner

ALLOWED_TAGS = frozenset(
    {"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre"}
    | {"strong", "ul"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[nofollow],
            skip_tags={"pre", "code"},
            # Linkify runs after cleaning: without this it makes ftp:// and other
            # links of protocols outside the allowlist.
            url_re=build_url_re(protocols=ALLOWED_PROTOCOLS),
        )
    ],
)


def sanitize_html(html: str | None) -> str:
    """Keep simple formatting and safe links; drop scripts, styles and handlers."""
    if not html:
        return ""
    return _cleaner.clean(str(html))

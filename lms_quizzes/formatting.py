"""Question text and feedback as learners read them, in the format the trainer chose.

Plain text is escaped with its line breaks kept; Markdown and HTML (as Moodle's GIFT
``[markdown]`` and ``[html]`` write them) go through the project's one sanitizer, so
no markup a trainer imported can run in a learner's browser.
"""

from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

from lms_courses.sanitizer import sanitize_html


class TextFormat(models.TextChoices):
    PLAIN = "plain", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")
    HTML = "html", _("HTML")


def render_text(text: str, text_format: str = TextFormat.PLAIN) -> SafeString:
    """``text`` as HTML that is safe to show, whatever it holds."""
    text = text or ""
    if text_format == TextFormat.MARKDOWN:
        html = _markdown.render(text)
    elif text_format == TextFormat.HTML:
        html = text
    else:
        return linebreaksbr(text, autoescape=True)
    # Cleaned by bleach to the sanitizer's allowlist just here.
    return mark_safe(sanitize_html(html))  # noqa: S308  # nosec B308 B703


# Raw HTML inside Markdown is shown as text, as the [markdown] format means.
_markdown = MarkdownIt("commonmark", {"html": False})

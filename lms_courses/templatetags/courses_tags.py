"""Template tags of the curriculum pages."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from lms_toolkit.languages import active_locale
from lms_toolkit.page_cache import host_of, remembered

from ..models import CourseIndexPage
from ..navigation import navigation_links as links_for_request
from ..navigation import roles_of
from ..sanitizer import sanitize_html

register = template.Library()


@register.simple_tag
def login_url() -> str:
    """Where the site logs people in (``LOGIN_URL``): ours or the host site's."""
    return resolve_url(settings.LOGIN_URL)


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The URL of the course catalogue in the active language, or "" if none."""
    request = context.get("request")
    if request is None:
        return ""
    cached = getattr(request, "_lms_catalogue_url", None)
    if cached is None:
        cached = remembered(
            f"catalogue-url:{host_of(request)}:{get_language()}",
            lambda: _catalogue_url(request),
        )
        request._lms_catalogue_url = cached
    return cached


def _catalogue_url(request) -> str:
    catalogue = (
        CourseIndexPage.objects.live()
        .filter(locale=active_locale())
        .order_by("path")
        .first()
    )
    return catalogue.get_url(request) if catalogue else ""


@register.simple_tag(takes_context=True)
def may_open_admin(context) -> bool:
    """Whether the reader may open the Wagtail admin (from their cached roles)."""
    request = context.get("request")
    return request is not None and "admin" in roles_of(request)


@register.simple_tag(takes_context=True)
def navigation_links(context) -> list:
    """The header links the LMS apps offer the reader's roles (a hook)."""
    request = context.get("request")
    return links_for_request(request) if request is not None else []


@register.simple_tag(takes_context=True)
def catalogue_route(context, name: str, number: int) -> str:
    """The catalogue URL of a GCM objective ("gcm_objective") or an SDG ("sdg")."""
    base = catalogue_url(context)
    if not base:
        return ""
    return base + CourseIndexPage.get_resolver().reverse(name, number)


@register.inclusion_tag("courses/includes/tag_list.html", takes_context=True)
def curriculum_tags(context, page):
    """GCM, SDG and topic badges of a page, linking to the catalogue."""
    # Tags change only when the page is published: kept until then.
    gcm_objectives, sdgs, topics = remembered(
        f"curriculum-tags:{page.pk}",
        lambda: (
            list(page.gcm_objectives.all()),
            list(page.sdgs.all()),
            list(page.topics.all()),
        ),
    )
    return {
        "request": context.get("request"),
        "gcm_objectives": gcm_objectives,
        "sdgs": sdgs,
        "topics": topics,
    }


@register.filter
def page_kind(page) -> str:
    """What a page is, in words: "lesson", "module", "course"."""
    page_class = page.specific_class
    return page_class._meta.verbose_name if page_class else ""


@register.filter(is_safe=True)
def sanitize(html) -> str:
    """Render user-supplied HTML through the project's one sanitizer."""
    # Cleaned by bleach just above, to its allowlist.
    return mark_safe(sanitize_html(html))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def outline_html(outline, show_progress=False, current_key=None) -> str:
    """The outline's modules and their steps, with the learner's ticks.

    Written here rather than in a template: a 200-step course spent most of its
    page's time in the template engine. Every title and address is escaped.
    """
    if not outline.modules:
        return format_html("<p>{}</p>", _("This course has no published modules yet."))
    words = {True: escape(_("done")), False: escape(_("not done yet"))}
    html = []
    for module in outline.modules:
        title = escape(module.page.title)
        html.append(
            f'<section class="outline-module"><h3><a href="{escape(module.page.url)}">'
            f"{title}</a></h3>"
            f"{_progress_bar(module, title) if show_progress else ''}"
            '<ol class="outline">'
        )
        for item in module.items:
            html.append(_outline_item(item, show_progress, current_key, words))
        if not module.items:
            html.append(f"<li>{escape(_('Lessons are on their way.'))}</li>")
        html.append("</ol></section>")
    # Built of escaped values only.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


def _outline_item(item, show_progress: bool, current_key, words: dict) -> str:
    return _item_html(
        item.page.url,
        item.page.title,
        item.done,
        item.key == current_key,
        words[item.done] if show_progress else None,
    )


@lru_cache(maxsize=8192)
def _item_html(url: str, title: str, done: bool, current: bool, state) -> str:
    """One step of an outline (the same for every learner at the same tick: kept,
    so a 200-step outline is joined rather than written)."""
    classes = "outline__item"
    if done:
        classes += " outline__item--done"
    if current:
        classes += " outline__item--current"
    tick = shown_state = ""
    if state is not None:
        tick = f'<span class="tick" aria-hidden="true">{"✓" if done else "○"}</span>'
        shown_state = f'<span class="visually-hidden">{state}</span>'
    here = ' aria-current="page"' if current else ""
    return (
        f'<li class="{classes}">{tick}<a href="{escape(url)}"{here}>'
        f"{escape(title)}</a>{shown_state}</li>"
    )


def _progress_bar(part, label: str) -> str:
    """``courses/includes/progress_bar.html`` for a module; ``label`` is escaped."""
    total, done, percent = len(part.lessons), part.done_count, part.percent
    text = ngettext(
        "%(done)s of %(total)s step done", "%(done)s of %(total)s steps done", total
    ) % {"done": done, "total": total}
    return (
        f'<div class="progress"><progress max="100" value="{percent}" '
        f'aria-label="{label}">{percent}%</progress>'
        f'<span class="progress__text">{escape(text)} ({percent}%)</span></div>'
    )

"""Template tags of the curriculum pages."""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from ..models import CourseIndexPage
from ..navigation import navigation_links as links_for_request
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
        catalogue = (
            CourseIndexPage.objects.live()
            .filter(locale=Locale.get_active())
            .order_by("path")
            .first()
        )
        cached = catalogue.get_url(request) if catalogue else ""
        request._lms_catalogue_url = cached
    return cached


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
    return {
        "request": context.get("request"),
        "gcm_objectives": page.gcm_objectives.all(),
        "sdgs": page.sdgs.all(),
        "topics": page.topics.all(),
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

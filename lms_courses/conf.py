"""Settings of the courses app, each with a default so it fits any Wagtail site."""

from django.conf import settings


def catalogue_page_size() -> int:
    """How many courses one catalogue page lists."""
    return getattr(settings, "LMS_CATALOGUE_PAGE_SIZE", 24)


def trainers_group_name() -> str:
    return getattr(settings, "LMS_TRAINERS_GROUP", "Trainers")


def coordinators_group_name() -> str:
    return getattr(settings, "LMS_COORDINATORS_GROUP", "Coordinators")


def students_group_name() -> str:
    return getattr(settings, "LMS_STUDENTS_GROUP", "Students")


def base_template() -> str:
    """The site template every LMS page extends: it must define the blocks ``title``,
    ``extra_head``, ``content`` and ``extra_scripts`` (docs/plugin.md)."""
    return getattr(settings, "LMS_BASE_TEMPLATE", "base.html")


def roles_cache_seconds() -> int:
    """How long the header and the dashboard reuse a person's roles before asking the
    database again: a role given or taken shows within this time, or at the next
    log-in. 0 asks on every request."""
    return getattr(settings, "LMS_ROLES_CACHE_SECONDS", 60)

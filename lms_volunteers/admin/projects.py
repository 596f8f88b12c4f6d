"""Projects and departments as filter choices: one entry each, in the site's default
language, whichever translation a row points to."""

from wagtail.models import Locale

from ..models import DepartmentPage, ProjectPage


def source_projects(request=None):
    """Projects in the site's default language: one entry per project."""
    return ProjectPage.objects.filter(locale=Locale.get_default()).order_by("title")


def source_departments(request=None):
    return DepartmentPage.objects.filter(locale=Locale.get_default()).order_by("title")


def projects_of(department):
    """The translation keys of a department's projects."""
    return ProjectPage.objects.descendant_of(department).values("translation_key")

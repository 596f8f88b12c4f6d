"""The public catalogue: which courses cover a GCM objective, an SDG or a topic."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import SDG, CoursePage, CurriculumPage, GCMObjective, Topic


class CatalogueFilterForm(forms.Form):
    gcm = forms.TypedChoiceField(
        label=_("GCM objective"), coerce=int, required=False, empty_value=None
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, objectives=None, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        objectives = GCMObjective.objects.all() if objectives is None else objectives
        goals = SDG.objects.all() if goals is None else goals
        any_choice = [("", _("Any"))]
        self.fields["gcm"].choices = any_choice + [
            (o.number, f"{o.number}. {o.title}") for o in objectives
        ]
        self.fields["sdg"].choices = any_choice + [
            (g.number, f"{g.number}. {g.title}") for g in goals
        ]
        self.fields["topic"].choices = any_choice + list(
            Topic.objects.filter(tagged_items__isnull=False)
            .distinct()
            .values_list("slug", "name")
        )


def filter_courses(catalogue: Page, courses, criteria: dict):
    """Narrow ``courses`` to those that cover every chosen tag in any of their pages."""
    lookups = {
        "gcm": ("gcm_objectives__number", criteria.get("gcm")),
        "sdg": ("sdgs__number", criteria.get("sdg")),
        "topic": ("topics__slug", criteria.get("topic")),
    }
    for lookup, value in lookups.values():
        if value in (None, ""):
            continue
        courses = courses.filter(
            path__in=_course_paths_covering(catalogue, {lookup: value})
        )
    return courses


def tagged_content(catalogue: Page, field: str, tag) -> list[dict]:
    """Courses, modules and lessons tagged with ``tag``, grouped by course."""
    pages = list(
        CurriculumPage.objects.live()
        .public()
        .descendant_of(catalogue)
        .filter(**{field: tag})
        .order_by("path")
    )
    prefix = _course_path_length(catalogue)
    courses = {
        course.path: course
        for course in CoursePage.objects.live().filter(
            path__in={page.path[:prefix] for page in pages}
        )
    }
    groups: dict[str, dict] = {}
    for page in pages:
        course = courses.get(page.path[:prefix])
        if course is None:
            continue
        group = groups.setdefault(
            course.path, {"course": course, "course_tagged": False, "pages": []}
        )
        if page.pk == course.pk:
            group["course_tagged"] = True
        else:
            group["pages"].append(page)
    return list(groups.values())


def _course_path_length(catalogue: Page) -> int:
    return Page.steplen * (catalogue.depth + 1)


def _course_paths_covering(catalogue: Page, lookup: dict) -> set[str]:
    prefix = _course_path_length(catalogue)
    paths = (
        CurriculumPage.objects.live()
        .public()
        .descendant_of(catalogue)
        .filter(**lookup)
        .values_list("path", flat=True)
    )
    return {path[:prefix] for path in paths}

"""A course's outline (modules and what they hold) read in one query, in tree order."""

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class OutlineModule:
    page: Page
    items: list[Page] = field(default_factory=list)


def course_outline(course: Page) -> list[OutlineModule]:
    """Live modules of ``course`` with their live children, in the order of the tree."""
    pages = (
        Page.objects.live()
        .descendant_of(course)
        .filter(depth__lte=course.depth + 2)
        .order_by("path")
    )
    modules: list[OutlineModule] = []
    for page in pages:
        if page.depth == course.depth + 1:
            modules.append(OutlineModule(page))
        elif modules and page.path.startswith(modules[-1].page.path):
            modules[-1].items.append(page)
    return modules


def neighbours(
    outline: list[OutlineModule], page: Page
) -> tuple[Page | None, Page | None]:
    """The items before and after ``page`` across the whole course, in tree order."""
    items = [item for module in outline for item in module.items]
    for position, item in enumerate(items):
        if item.pk == page.pk:
            before = items[position - 1] if position > 0 else None
            after = items[position + 1] if position + 1 < len(items) else None
            return before, after
    return None, None

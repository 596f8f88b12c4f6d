"""A cohort's curriculum as insights read it: its modules, in course order."""

from dataclasses import dataclass, field
from uuid import UUID

from lms_courses.outline import course_outlines


@dataclass
class ModuleColumn:
    """One module of the cohort's curriculum, with the keys of what it holds."""

    key: UUID
    title: str
    url: str
    course_key: UUID
    course_title: str
    lesson_keys: list[UUID] = field(default_factory=list)
    quiz_keys: list[UUID] = field(default_factory=list)

    @property
    def step_keys(self) -> list[UUID]:
        """What counts toward the module's progress: lessons and quizzes."""
        return self.lesson_keys + self.quiz_keys


def cohort_modules(cohort) -> list[ModuleColumn]:
    """The modules of every course of the cohort, in curriculum then tree order.

    Read from the cached course outlines: no query once they are cached.
    """
    keys = cohort.course_keys()
    outlines = course_outlines(keys)
    columns = []
    for course_key in keys:
        outline = outlines.get(course_key)
        if outline is None:
            continue
        for module in outline.modules:
            columns.append(
                ModuleColumn(
                    key=module.key,
                    title=module.page.title,
                    url=module.page.url,
                    course_key=course_key,
                    course_title=outline.course.title,
                    lesson_keys=[i.key for i in module.items if i.kind == "lessonpage"],
                    quiz_keys=[i.key for i in module.items if i.kind == "quizpage"],
                )
            )
    return columns

from .learning import Enrolment, LessonCompletion
from .pages import (
    CourseIndexPage,
    CoursePage,
    CurriculumPage,
    LessonPage,
    ModulePage,
    module_child_page_types,
)
from .taxonomy import (
    SDG,
    CurriculumPageGCMObjective,
    CurriculumPageSDG,
    CurriculumPageTopic,
    GCMGuidingPrinciple,
    GCMObjective,
    SDGTarget,
    Topic,
)

__all__ = [
    "SDG",
    "CourseIndexPage",
    "CoursePage",
    "CurriculumPage",
    "CurriculumPageGCMObjective",
    "CurriculumPageSDG",
    "CurriculumPageTopic",
    "Enrolment",
    "GCMGuidingPrinciple",
    "GCMObjective",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "SDGTarget",
    "Topic",
    "module_child_page_types",
]

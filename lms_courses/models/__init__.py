# The page models import the domain modules (progress, outline, catalogue), which
# import learning and taxonomy by their own names, never this package or the pages.
from .learning import CourseAccess, Enrolment, LessonCompletion
from .pages import (
    CourseIndexPage,
    CoursePage,
    CurriculumPage,
    LessonPage,
    ModulePage,
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
    "CourseAccess",
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
]

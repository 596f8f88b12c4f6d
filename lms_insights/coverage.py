"""How much of a cohort's curriculum teaches each GCM objective or SDG target.

The counting rule (the matrix page states it too):

- a lesson counts for an objective in its module when the lesson itself, its module or
  its course is tagged with it; the cell's minutes are those lessons' reading times;
- quiz questions are the module's quiz questions that test it (``QuestionTag``: a
  question's own tags, else its quiz's);
- live sessions are the cohort's sessions tagged with it, in the column of their
  module; sessions with no module, or one outside the curriculum, go in a "No module"
  column (``NO_MODULE``);
- on the SDG tab only targets count: a page tagged with a whole goal is not counted
  against each of its targets;
- an objective with nothing anywhere is a gap.

Everything is read from the original tree of the cohort's courses (their first
translation, which learning records follow), with GROUP BY queries over the tag
tables: a fixed number of queries for any number of modules, lessons or learners.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.text import slugify
from wagtail.models import Page

from lms_courses.models import (
    CurriculumPage,
    CurriculumPageGCMObjective,
    GCMObjective,
    LessonPage,
    SDGTarget,
)
from lms_live.models import LiveSession
from lms_quizzes.models import QuestionTag, QuizPage

from .curriculum import ModuleColumn, cohort_modules

KINDS = ("gcm", "sdg")
# The column of live sessions that belong to no module of the curriculum.
NO_MODULE = UUID(int=0)
# A cell's depth is how many of these thresholds its lessons, questions and sessions
# reach together: 0 (nothing), 1 (1–2), 2 (3–5), 3 (6 or more).
DEPTH_THRESHOLDS = (1, 3, 6)


@dataclass
class Cell:
    """What teaches one objective in one module."""

    module_key: UUID
    lessons: int = 0
    minutes: int = 0
    questions: int = 0
    sessions: int = 0

    @property
    def items(self) -> int:
        return self.lessons + self.questions + self.sessions

    @property
    def is_empty(self) -> bool:
        return self.items == 0

    @property
    def depth(self) -> int:
        return sum(self.items >= threshold for threshold in DEPTH_THRESHOLDS)


@dataclass
class CoverageRow:
    """One objective (or target) across the modules, then the "No module" column."""

    tag: GCMObjective | SDGTarget
    cells: list[Cell]
    no_module: Cell

    @property
    def label(self) -> str:
        return tag_label(self.tag)

    @property
    def anchor(self) -> str:
        return slugify(self.label)

    @property
    def is_gap(self) -> bool:
        return self.no_module.is_empty and all(cell.is_empty for cell in self.cells)


@dataclass
class CourseGroup:
    """Consecutive modules of one course, for a header spanning their columns."""

    title: str
    span: int


@dataclass
class CoverageMatrix:
    kind: str
    modules: list[ModuleColumn]
    rows: list[CoverageRow]

    @property
    def gaps(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.is_gap]

    @property
    def shows_no_module(self) -> bool:
        return any(not row.no_module.is_empty for row in self.rows)

    @property
    def column_count(self) -> int:
        """Columns of the table: the objective, the modules, maybe "No module"."""
        return 1 + len(self.modules) + self.shows_no_module

    @property
    def courses(self) -> list[CourseGroup]:
        groups: list[CourseGroup] = []
        previous = None
        for module in self.modules:
            if module.course_key == previous:
                groups[-1].span += 1
            else:
                groups.append(CourseGroup(module.course_title, 1))
            previous = module.course_key
        return groups


@dataclass
class TaughtLesson:
    """A lesson of a cell, and why it counts: "lesson", "module" or "course" tagged."""

    page: LessonPage
    tagged: str


@dataclass
class CellContent:
    """What a cell counts, to list: lessons, quizzes and live sessions."""

    module: ModuleColumn | None  # None for the "No module" column
    lessons: list[TaughtLesson] = field(default_factory=list)
    quizzes: list[QuizPage] = field(default_factory=list)  # with .tagged_questions
    sessions: list[LiveSession] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(lesson.page.estimated_minutes or 0 for lesson in self.lessons)

    @property
    def questions(self) -> int:
        return sum(quiz.tagged_questions for quiz in self.quizzes)

    @property
    def is_empty(self) -> bool:
        return not (self.lessons or self.quizzes or self.sessions)


def coverage_tags(kind: str) -> QuerySet:
    """The rows of a tab, in order: the 23 objectives, or the SDG targets by goal."""
    if kind == "gcm":
        return GCMObjective.objects.order_by("number")
    if kind == "sdg":
        return SDGTarget.objects.select_related("goal").order_by(
            "goal__number", "position"
        )
    raise ValueError(kind)


def tag_label(tag: GCMObjective | SDGTarget) -> str:
    """A tag's short name: "GCM 4" for an objective, "SDG 10.7" for a target."""
    return tag.name if isinstance(tag, GCMObjective) else f"SDG {tag.code}"


def cohort_coverage(cohort, kind: str) -> CoverageMatrix:
    """The coverage matrix of ``cohort``'s curriculum for ``kind`` ("gcm" or "sdg")."""
    vocabulary = _VOCABULARIES[kind]
    modules = cohort_modules(cohort)
    if not modules:
        return CoverageMatrix(kind, [], [])
    tags = list(coverage_tags(kind))
    curriculum = _Curriculum.of(modules, vocabulary)
    paths = list(curriculum.module_paths.values())

    module_totals = {
        row["module_path"]: row
        for row in _lessons_under(paths)
        .values("module_path")
        .annotate(lessons=Count("pk"), minutes=Coalesce(Sum("estimated_minutes"), 0))
        .order_by()
    }
    page = vocabulary.page_field
    tagged_lessons = {
        (row["module_path"], row["tag_pk"]): row
        for row in vocabulary.page_tags.objects.filter(
            **{f"{page}__in": _lessons_under(paths).values("pk")}
        )
        .annotate(module_path=_parent_path(f"{page}__path"))
        .values("module_path", tag_pk=F(f"{vocabulary.page_tag_field}_id"))
        .annotate(
            lessons=Count("pk"),
            minutes=Coalesce(Sum(f"{page}__lessonpage__estimated_minutes"), 0),
        )
        .order_by()
    }

    module_of_quiz = {key: m.key for m in modules for key in m.quiz_keys}
    questions: dict[tuple[UUID, int], int] = defaultdict(int)
    for row in (
        QuestionTag.objects.filter(
            quiz_key__in=list(module_of_quiz),
            **{f"{vocabulary.question_field}__isnull": False},
        )
        .values("quiz_key", tag_pk=F(f"{vocabulary.question_field}_id"))
        .annotate(questions=Count("pk"))
        .order_by()
    ):
        questions[module_of_quiz[row["quiz_key"]], row["tag_pk"]] += row["questions"]

    sessions: dict[tuple[UUID, int], int] = defaultdict(int)
    for row in (
        vocabulary.session_tags.objects.filter(livesession__cohort=cohort)
        .values(
            module_key=F("livesession__module__translation_key"),
            tag_pk=F(f"{vocabulary.session_tag_field}_id"),
        )
        .annotate(sessions=Count("livesession_id"))
        .order_by()
    ):
        key = row["module_key"]
        column = key if key in curriculum.module_paths else NO_MODULE
        sessions[column, row["tag_pk"]] += row["sessions"]

    rows = []
    for tag in tags:
        cells = []
        for module in modules:
            path = curriculum.module_paths.get(module.key)
            if tag.pk in curriculum.tags_of_module(module):
                lessons = module_totals.get(path)
            else:
                lessons = tagged_lessons.get((path, tag.pk))
            cells.append(
                Cell(
                    module.key,
                    lessons=lessons["lessons"] if lessons else 0,
                    minutes=lessons["minutes"] if lessons else 0,
                    questions=questions[module.key, tag.pk],
                    sessions=sessions[module.key, tag.pk],
                )
            )
        no_module = Cell(NO_MODULE, sessions=sessions[NO_MODULE, tag.pk])
        rows.append(CoverageRow(tag, cells, no_module))
    return CoverageMatrix(kind, modules, rows)


def cell_content(cohort, kind: str, tag, module_key: UUID) -> CellContent | None:
    """What one cell of the matrix counts, or None when ``module_key`` is not a
    module of the cohort's curriculum (nor ``NO_MODULE``)."""
    vocabulary = _VOCABULARIES[kind]
    modules = cohort_modules(cohort)
    sessions = LiveSession.objects.filter(
        cohort=cohort, **{vocabulary.session_relation: tag}
    ).order_by("starts_at")
    if module_key == NO_MODULE:
        in_curriculum = [m.key for m in modules]
        return CellContent(
            None,
            sessions=list(
                sessions.filter(
                    Q(module__isnull=True)
                    | ~Q(module__translation_key__in=in_curriculum)
                )
            ),
        )
    module = next((m for m in modules if m.key == module_key), None)
    if module is None:
        return None
    curriculum = _Curriculum.of([module], vocabulary)
    path = curriculum.module_paths.get(module.key)
    if path is None:
        return CellContent(module)

    if tag.pk in curriculum.tags_by_key[module.key]:
        inherited = "module"
    elif tag.pk in curriculum.tags_by_key[module.course_key]:
        inherited = "course"
    else:
        inherited = None
    page = vocabulary.page_field
    lessons = _lessons_under([path]).annotate(
        tagged_itself=Exists(
            vocabulary.page_tags.objects.filter(
                **{page: OuterRef("pk"), vocabulary.page_tag_field: tag}
            )
        )
    )
    if inherited is None:
        lessons = lessons.filter(tagged_itself=True)

    tagged_questions = (
        QuestionTag.objects.filter(
            quiz_key=OuterRef("translation_key"), **{vocabulary.question_field: tag}
        )
        .order_by()
        .values("quiz_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    quizzes = (
        QuizPage.objects.live()
        .filter(translation_key__in=module.quiz_keys, path__startswith=path)
        .annotate(tagged_questions=Coalesce(Subquery(tagged_questions), 0))
        .filter(tagged_questions__gt=0)
        .order_by("path")
    )
    return CellContent(
        module,
        lessons=[
            TaughtLesson(lesson, "lesson" if lesson.tagged_itself else inherited)
            for lesson in lessons.order_by("path")
        ],
        quizzes=list(quizzes),
        sessions=list(sessions.filter(module__translation_key=module.key)),
    )


@dataclass(frozen=True)
class _Vocabulary:
    """Where the tags of one kind live: on pages, on questions, on live sessions."""

    page_tags: type  # the through model of CurriculumPage's tags
    page_field: str
    page_tag_field: str
    question_field: str
    session_tags: type
    session_tag_field: str
    session_relation: str


_VOCABULARIES = {
    "gcm": _Vocabulary(
        page_tags=CurriculumPageGCMObjective,
        page_field="content_object",
        page_tag_field="tag",
        question_field="objective",
        session_tags=LiveSession.gcm_objectives.through,
        session_tag_field="gcmobjective",
        session_relation="gcm_objectives",
    ),
    "sdg": _Vocabulary(
        page_tags=CurriculumPage.sdg_targets.through,
        page_field="curriculumpage",
        page_tag_field="sdgtarget",
        question_field="sdg_target",
        session_tags=LiveSession.sdg_targets.through,
        session_tag_field="sdgtarget",
        session_relation="sdg_targets",
    ),
}


@dataclass
class _Curriculum:
    """The original module pages' paths, and the tags of modules and their courses."""

    module_paths: dict[UUID, str]
    tags_by_key: dict[UUID, set[int]]

    @classmethod
    def of(cls, modules: list[ModuleColumn], vocabulary: _Vocabulary):
        keys = {m.key for m in modules} | {m.course_key for m in modules}
        originals: dict[UUID, tuple[int, str]] = {}
        for pk, key, path in (
            Page.objects.filter(translation_key__in=keys)
            .order_by("pk")
            .values_list("pk", "translation_key", "path")
        ):
            originals.setdefault(key, (pk, path))
        key_of = {pk: key for key, (pk, _path) in originals.items()}
        tags_by_key: dict[UUID, set[int]] = defaultdict(set)
        for page_pk, tag_pk in vocabulary.page_tags.objects.filter(
            **{f"{vocabulary.page_field}_id__in": list(key_of)}
        ).values_list(f"{vocabulary.page_field}_id", f"{vocabulary.page_tag_field}_id"):
            tags_by_key[key_of[page_pk]].add(tag_pk)
        module_paths = {
            m.key: originals[m.key][1] for m in modules if m.key in originals
        }
        return cls(module_paths, tags_by_key)

    def tags_of_module(self, module: ModuleColumn) -> set[int]:
        """Tags that make every lesson of the module count: its own and its course's."""
        return self.tags_by_key[module.key] | self.tags_by_key[module.course_key]


def _parent_path(path: str):
    """The tree path of a page's parent (lessons are children of their module)."""
    return Substr(path, 1, Length(path) - Page.steplen)


def _lessons_under(module_paths: list[str]) -> QuerySet:
    """The live lessons of these (original) modules, with their ``module_path``."""
    return (
        LessonPage.objects.live()
        .annotate(module_path=_parent_path("path"))
        .filter(module_path__in=module_paths)
    )

"""The curriculum as Wagtail pages: catalogue → course → module → lesson."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester, PageViewRestriction
from wagtail.search import index

from lms_toolkit.page_cache import read_once, remembered
from lms_toolkit.personal import serve_personal

from .. import conf
from ..blocks import LessonStreamBlock
from ..catalogue import CatalogueFilterForm
from ..dashboard import course_page_panels
from ..navigation import audience
from ..outline import course_outlines
from ..progress import (
    can_read_lessons,
    learner_enrolments,
    learner_outline,
    record_activity,
)
from .learning import CourseAccess
from .taxonomy import (
    SDG,
    CurriculumPageGCMObjective,
    CurriculumPageSDG,
    CurriculumPageTopic,
    GCMObjective,
    SDGTarget,
)

# Functions taking nothing and returning more page types a module may hold ("app.Model"
# strings or classes): quizzes adds its QuizPage, so courses never imports it.
MODULE_CHILD_PAGE_TYPES_HOOK = "lms_module_child_page_types"


def curriculum_edit_handler(content_panels: list) -> TabbedInterface:
    """Editor tabs of courses, modules and lessons: content, then their tags."""
    tags = MultiFieldPanel(
        [
            FieldPanel("gcm_objectives"),
            FieldPanel("sdgs"),
            FieldPanel("sdg_targets", widget=forms.CheckboxSelectMultiple),
            FieldPanel("topics"),
        ],
        heading=_("Curriculum tags"),
    )
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList([tags], heading=_("Curriculum tags")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


class CourseStructurePermissionTester(PagePermissionTester):
    """What a user may do to a course or module: never reorder a translation of one.

    A course's order is set in its original; the translations follow it (see
    ``lms_courses.authoring``). Wagtail's "Sort menu order" asks only this tester.
    """

    def can_reorder_children(self):
        return (
            super().can_reorder_children()
            and not CoursePage.translations_holding(self.page).exists()
        )


class CurriculumPage(Page):
    """What courses, modules and lessons share: a summary and the curriculum tags."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    gcm_objectives = ClusterTaggableManager(
        through=CurriculumPageGCMObjective,
        blank=True,
        verbose_name=_("GCM objectives"),
        help_text=_(
            "The Global Compact objectives this teaches: type “GCM” and pick, "
            "for example “GCM 11” for integrated border management."
        ),
    )
    sdgs = ClusterTaggableManager(
        through=CurriculumPageSDG,
        blank=True,
        verbose_name=_("SDGs"),
        help_text=_("The Sustainable Development Goals this serves, e.g. “SDG 10”."),
    )
    sdg_targets = ParentalManyToManyField(
        SDGTarget,
        blank=True,
        related_name="curriculum_pages",
        verbose_name=_("SDG targets"),
        help_text=_(
            "The migration targets of the SDGs this teaches, such as 10.7 "
            "(well-managed migration policies)."
        ),
    )
    topics = ClusterTaggableManager(
        through=CurriculumPageTopic,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Free keywords learners may search for, e.g. “labour migration”."),
    )

    is_creatable = False

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("curriculum page")

    def get_view_restrictions(self):
        # Read on every view of the page (two queries): whether there is any is kept
        # until a restriction or a page changes (lms_toolkit/page_cache.py).
        everything = super().get_view_restrictions
        if remembered(f"restricted:{self.pk}", lambda: everything().exists()):
            return everything()
        return PageViewRestriction.objects.none()


class CourseIndexPage(RoutablePageMixin, Page):
    """The public catalogue: courses, filtered by GCM objective, SDG or topic."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list of courses."),
    )

    # Templates keep the app's short folder name, not its label (lms_…).
    template = "courses/course_index_page.html"
    subpage_types = ["lms_courses.CoursePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        return (
            CoursePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("gcm_objectives", "sdgs", "topics")
            .order_by("path")
        )

    def courses_covering(self, courses, criteria: dict):
        """Narrow ``courses`` to those that cover every chosen tag in any of their
        pages (``criteria``: the cleaned ``CatalogueFilterForm``)."""
        lookups = {
            "gcm": ("gcm_objectives__number", criteria.get("gcm")),
            "sdg": ("sdgs__number", criteria.get("sdg")),
            "topic": ("topics__slug", criteria.get("topic")),
        }
        for lookup, value in lookups.values():
            if value in (None, ""):
                continue
            courses = courses.filter(
                path__in=self._course_paths_covering({lookup: value})
            )
        return courses

    def tagged_content(self, field: str, tag) -> list[dict]:
        """Courses, modules and lessons tagged with ``tag``, grouped by course."""
        pages = list(
            CurriculumPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(**{field: tag})
            .order_by("path")
        )
        prefix = self._course_path_length()
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

    @path("")
    def catalogue(self, request):
        objectives, goals = list(GCMObjective.objects.all()), list(SDG.objects.all())
        form = CatalogueFilterForm(
            request.GET or None, objectives=objectives, goals=goals
        )
        status = 200
        courses = self.courses()
        if form.is_bound and not form.is_valid():
            courses = courses.none()
            status = 400
        elif form.is_bound:
            courses = self.courses_covering(courses, form.cleaned_data)
        paginator = Paginator(courses, conf.catalogue_page_size())
        courses_page = paginator.get_page(request.GET.get("page"))
        context = self.get_context(request)
        context.update(
            form=form,
            courses=courses_page,
            paginator=paginator,
            gcm_objectives=objectives,
            sdgs=goals,
        )
        return TemplateResponse(
            request, "courses/course_index_page.html", context, status=status
        )

    @path("gcm/<int:number>/", name="gcm_objective")
    def gcm_objective(self, request, number):
        objective = get_object_or_404(GCMObjective, number=number)
        return self._render_tagged(
            request, objective, "gcm_objectives", "courses/gcm_objective.html"
        )

    @path("sdg/<int:number>/", name="sdg")
    def sdg(self, request, number):
        goal = get_object_or_404(SDG.objects.prefetch_related("targets"), number=number)
        return self._render_tagged(request, goal, "sdgs", "courses/sdg.html")

    def _render_tagged(self, request, tag, field, template):
        context = self.get_context(request)
        context.update(tag=tag, groups=self.tagged_content(field, tag))
        return TemplateResponse(request, template, context)

    def _course_path_length(self) -> int:
        return Page.steplen * (self.depth + 1)

    def _course_paths_covering(self, lookup: dict) -> set[str]:
        prefix = self._course_path_length()
        paths = (
            CurriculumPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(**lookup)
            .values_list("path", flat=True)
        )
        return {path[:prefix] for path in paths}


class CoursePage(CurriculumPage):
    Access = CourseAccess
    # Read with the page when it is served (home.views): the cover is drawn on it.
    serve_select_related = ("image",)

    access = models.CharField(
        _("who may learn"),
        max_length=16,
        choices=Access.choices,
        default=Access.OPEN,
        help_text=_(
            "Lessons of a restricted course are shown only to enrolled learners; "
            "everyone still sees its outline."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("What the course covers, who it is for and what learners will do."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("A landscape picture; it is cropped to fit phone screens."),
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"),
        null=True,
        blank=True,
        help_text=_("About how long the whole course takes a learner."),
    )

    template = "courses/course_page.html"
    parent_page_types = ["lms_courses.CourseIndexPage"]
    subpage_types = ["lms_courses.ModulePage"]
    search_fields = CurriculumPage.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("estimated_hours"),
        FieldPanel("access"),
    ]
    edit_handler = curriculum_edit_handler(content_panels)

    class Meta:
        verbose_name = _("course")

    @classmethod
    def translations_holding(cls, page: Page):
        """The course that is or holds ``page``, when it translates another course.

        The original of a course is its first translation (see
        ``outline.original_page``): the tree every outline reads.
        """
        first = (
            Page.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by("pk")
            .values("pk")[:1]
        )
        return (
            cls.objects.ancestor_of(page, inclusive=True)
            .annotate(original_pk=Subquery(first))
            .exclude(pk=F("original_pk"))
        )

    def permissions_for_user(self, user):
        return CourseStructurePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        personal = self.personal_context(request)
        context.update(
            personal,
            personal=personal,
            catalogue=remembered(f"parent:{self.pk}", self.get_parent),
        )
        return context

    def personal_context(self, request) -> dict:
        """What the learner's own parts of the page are drawn from: their progress, the
        panels the apps add, the outline with their ticks (read once per request;
        ``courses/includes/course_status.html`` and ``course_learner.html``)."""
        return read_once(f"course-personal:{self.pk}", lambda: self._personal(request))

    def _personal(self, request) -> dict:
        outline, enrolment = learner_outline(self, request.user)
        return {
            "page": self,
            "outline": outline,
            "enrolment": enrolment,
            "restricted": outline.access == self.Access.RESTRICTED,
            "panels": [p.render_html() for p in course_page_panels(request, self)],
        }

    def serve(self, request, *args, **kwargs):
        # Kept for every learner of the same roles; their own parts drawn here.
        return serve_personal(
            request,
            audience(request),
            self.personal_context(request),
            lambda: super(CoursePage, self).serve(request, *args, **kwargs),
        )


class ModulePage(CurriculumPage):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("What this module covers and what learners will be able to do."),
    )

    template = "courses/module_page.html"
    parent_page_types = ["lms_courses.CoursePage"]
    subpage_types = [
        "lms_courses.LessonPage"
    ]  # and what MODULE_CHILD_PAGE_TYPES_HOOK adds
    search_fields = CurriculumPage.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    edit_handler = curriculum_edit_handler(content_panels)

    class Meta:
        verbose_name = _("module")

    @classmethod
    def clean_subpage_models(cls):
        # Wagtail caches the list on first use, which comes after every app's
        # wagtail_hooks has registered (get_hooks imports them all).
        if cls._clean_subpage_models is None:
            contributed = [
                resolve_model_string(page_type, cls._meta.app_label)
                for page_types_for in hooks.get_hooks(MODULE_CHILD_PAGE_TYPES_HOOK)
                for page_type in page_types_for()
            ]
            for model in contributed:
                if not issubclass(model, cls.base_page_model):
                    raise LookupError(f"{model} is not a Page subclass")
            cls._clean_subpage_models = super().clean_subpage_models() + contributed
        return cls._clean_subpage_models

    def permissions_for_user(self, user):
        return CourseStructurePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline, enrolment = learner_outline(self.get_parent(), request.user)
        context.update(
            outline=outline,
            enrolment=enrolment,
            course=outline.course,
            module_outline=next(
                (m for m in outline.modules if m.key == self.translation_key), None
            ),
        )
        return context


class LessonPage(CurriculumPage):
    body = StreamField(
        LessonStreamBlock(),
        verbose_name=_("lesson"),
        help_text=_("Build the lesson from text, images, video, documents and cases."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        null=True,
        blank=True,
        help_text=_("About how long the lesson takes to read and watch."),
    )

    template = "courses/lesson_page.html"
    parent_page_types = ["lms_courses.ModulePage"]
    subpage_types: list[str] = []
    search_fields = CurriculumPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    edit_handler = curriculum_edit_handler(content_panels)

    class Meta:
        verbose_name = _("lesson")

    def save(self, *args, **kwargs):
        # List items written without ids (code, imports, old data) are invisible to
        # wagtail-localize: a translation would keep the original's answer choices.
        # Binding every block gives each list item its id before it is stored.
        list(self.body)
        self.body = self.body.get_prep_value()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reading = self.reading_context(request)
        if not reading["can_read"]:
            # The outline shown instead of the lesson carries the learner's ticks.
            reading["outline"] = learner_outline(self._course(), request.user)[0]
        context.update(reading, personal=self.personal_context(request))
        return context

    def personal_context(self, request) -> dict:
        """What the learner's own part of the page is drawn from
        (``courses/includes/lesson_done.html``, lms_toolkit/personal.py)."""
        reading = self.reading_context(request)
        names = ("course", "enrolment", "is_done", "next_item")
        return {"page": self, **{name: reading[name] for name in names}}

    def reading_context(self, request) -> dict:
        """The lesson's place in its course and the reader's standing in it, read once
        per request: enough to draw the learner's part of a kept page."""
        return read_once(f"lesson-reading:{self.pk}", lambda: self._reading(request))

    def _reading(self, request) -> dict:
        course = self._course()
        key = course.translation_key
        outline = course_outlines([key], course.locale_id, read_only=True)[key]
        enrolment = next(
            (e for e in learner_enrolments(request.user) if e.course_key == key), None
        )
        can_read = can_read_lessons(request.user, outline, enrolment)
        if can_read and enrolment is not None and enrolment.is_active:
            record_activity(enrolment)
        module = outline.module_of(self.translation_key)
        previous_item, next_item = outline.neighbours(self.translation_key)
        return {
            "course": outline.course,
            "module": module.page if module else None,
            "outline": outline,
            "enrolment": enrolment,
            "can_read": can_read,
            # A lesson's own tick (what apps add to an outline are other steps).
            "is_done": bool(enrolment and self.translation_key in enrolment.ticked),
            "previous_item": previous_item,
            "next_item": next_item,
        }

    def _course(self) -> Page:
        return remembered(
            f"course-of:{self.pk}",
            lambda: Page.objects.get(path=self.path[: Page.steplen * (self.depth - 2)]),
        )

    def serve(self, request, *args, **kwargs):
        def draw_whole():
            return super(LessonPage, self).serve(request, *args, **kwargs)

        if self.reading_context(request)["can_read"]:
            # Kept for every learner of the same roles; their own part drawn here.
            personal = self.personal_context(request)
            return serve_personal(request, audience(request), personal, draw_whole)
        response = draw_whole()
        if not response.context_data.get("can_read", True):
            response.status_code = 403
        return response

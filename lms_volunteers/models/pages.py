"""The union's pages: its home, its departments and their projects, each read in
the reader's language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

# No circle: lms_volunteers.shifts imports the model modules beside this one, never it.
from ..shifts import open_shifts
from .members import Volunteer


class VolunteersIndexPage(Page):
    """The union's home at /volunteers/: what it does and how to join."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Who the volunteers are and what they do, in a few sentences."),
    )
    founded = models.PositiveSmallIntegerField(
        _("founded in"), null=True, blank=True, help_text=_("For example 2019.")
    )

    # Where it sits is the site's choice (its home page lists it); one per parent,
    # so each language's home holds its own translation.
    max_count_per_parent = 1
    # Templates keep the app's short folder name, not its label (lms_…).
    template = "volunteers/volunteers_index_page.html"
    subpage_types = ["lms_volunteers.DepartmentPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("founded")]

    class Meta:
        verbose_name = _("volunteers' home")

    def departments(self) -> list["DepartmentPage"]:
        """Its live departments, each in the reader's language when translated."""
        return _children_in_reader_language(self, DepartmentPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = self.departments()
        context["volunteer"] = Volunteer.objects.for_user(request.user).first()
        context["active_volunteers"] = Volunteer.objects.active().count()
        return context


class DepartmentPage(Page):
    """One of the union's departments, with its projects."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("What the department does, in one or two sentences."),
    )
    body = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Its work, its people and how volunteers help."),
    )

    template = "volunteers/department_page.html"
    parent_page_types = ["lms_volunteers.VolunteersIndexPage"]
    subpage_types = ["lms_volunteers.ProjectPage"]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("department")

    def projects(self) -> list["ProjectPage"]:
        """Its live projects, each in the reader's language when translated."""
        return _children_in_reader_language(self, ProjectPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = self.projects()
        [context["union"]] = _ancestors_in_reader_language(self, 1)
        return context


class ProjectPage(Page):
    """A donor-funded social project of a department, with its shifts."""

    goal = models.TextField(
        _("goal"),
        max_length=1000,
        help_text=_("What the project changes for migrants, in plain words."),
    )
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("The donor or partner that funds it."),
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In manats, as agreed with the funder."),
    )
    target_beneficiaries = models.PositiveIntegerField(
        _("people to help"),
        null=True,
        blank=True,
        help_text=_("How many migrants the project means to reach."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    body = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What volunteers do in the project."),
    )

    template = "volunteers/project_page.html"
    parent_page_types = ["lms_volunteers.DepartmentPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [index.SearchField("goal")]
    content_panels = Page.content_panels + [
        FieldPanel("goal"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder"), FieldPanel("budget")]),
                FieldPanel("target_beneficiaries"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Funding and dates"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("project")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A project ends after it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its parents are always a department under the union's home.
        context["union"], context["department"] = _ancestors_in_reader_language(self, 2)
        volunteer = Volunteer.objects.for_user(request.user).first()
        context["shifts"] = open_shifts(self, volunteer)
        return context


# Reading pages in the reader's language ------------------------------------


def in_reader_language(model: type[Page], pages: list) -> list:
    """Each page replaced by its live translation in the active language, if any."""
    if not pages:
        return []
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        language = settings.LANGUAGE_CODE
    translations = {
        translation.translation_key: translation
        for translation in model.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
    }
    return [translations.get(page.translation_key, page) for page in pages]


def _children_in_reader_language(page: Page, model: type[Page]) -> list:
    """Live children of the original of ``page``, swapped for their translations.

    As course outlines do, the list is read from the first translation's tree, so every
    language lists the same pages, even those not translated yet. Three queries.
    """
    original = (
        Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()
        or page
    )
    children = list(model.objects.child_of(original).live().order_by("path"))
    return in_reader_language(model, children)


def _ancestors_in_reader_language(page: Page, levels: int) -> list[Page]:
    """The ``levels`` ancestors above ``page``, top first, in the reader's language."""
    ancestors = list(
        Page.objects.ancestor_of(page)
        .filter(depth__gte=page.depth - levels)
        .order_by("depth")
    )
    return in_reader_language(Page, ancestors)

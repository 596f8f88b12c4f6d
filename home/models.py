"""The programme's front door."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms_cohorts.models import Cohort
from lms_courses.models import CourseIndexPage, CoursePage


class HomePage(Page):
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("One line under the title, e.g. what the School is for."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("A short welcome: who the School is for and how it works."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "lms_courses.CourseIndexPage",
        "lms_volunteers.VolunteersIndexPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("tagline"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = CourseIndexPage.objects.live().child_of(self).first()
        context["catalogue"] = catalogue
        context["featured_courses"] = (
            catalogue.courses()[:6] if catalogue else CoursePage.objects.none()
        )
        context["open_calls"] = Cohort.objects.open_for_applications()
        return context

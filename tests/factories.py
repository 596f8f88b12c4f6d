"""Factories for every page type and the people who use them."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from courses.models import (
    SDG,
    CourseIndexPage,
    CoursePage,
    GCMObjective,
    LessonPage,
    ModulePage,
)
from home.models import HomePage


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@school.example")
    first_name = "Leyla"
    last_name = factory.Sequence(lambda n: f"Learner {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse 42")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
        if create:
            self.save()


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    locale = factory.LazyFunction(Locale.get_default)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Migration School"
    slug = factory.Sequence(lambda n: f"home-{n}")


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "What the course covers."


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph_block", "value": "<p>The lesson text.</p>"}]
    )


def tag(page, gcm=(), sdg=(), topics=()):
    """Tag a page with GCM objectives and SDGs (by number) and topics, and save it."""
    page.gcm_objectives.add(*GCMObjective.objects.filter(number__in=gcm))
    page.sdgs.add(*SDG.objects.filter(number__in=sdg))
    page.topics.add(*topics)
    page.save()
    return page

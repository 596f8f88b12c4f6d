"""Factories for cohorts and applications."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from lms_cohorts.models import Application, Cohort, CohortCourse
from tests.factories import UserFactory


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: n + 100)
    name_az = factory.LazyAttribute(lambda c: f"{c.number}-cü Miqrasiya Məktəbi")
    name_en = factory.LazyAttribute(lambda c: f"{c.number}th Migration School")
    name_ru = factory.LazyAttribute(lambda c: f"{c.number}-я Школа миграции")
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    ends_on = factory.LazyAttribute(
        lambda c: c.starts_on + datetime.timedelta(days=180)
    )
    places = 20
    applications_open_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=14)
    )

    @factory.post_generation
    def courses(self, create, courses, **kwargs):
        for order, course in enumerate(courses or []):
            CohortCourse.objects.create(cohort=self, course=course, sort_order=order)


class ApplicationFactory(DjangoModelFactory):
    """A complete application, submitted unless ``status="draft"`` is given."""

    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    applicant = factory.SubFactory(UserFactory)
    status = Application.Status.SUBMITTED
    submitted_at = factory.LazyAttribute(
        lambda a: None if a.status == "draft" else timezone.now()
    )
    field_of_study = Application.Field.LAW
    study_status = Application.StudyStatus.STUDYING
    year = 2024
    university = "Baku State University"
    languages = "Azerbaijani, English, Russian"
    motivation = "I want to work on migration policy."
    proposal_title = "One window for migrant workers"
    proposal = "A single online window where migrant workers file every request."

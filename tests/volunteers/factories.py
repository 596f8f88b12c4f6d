"""Factories for volunteers, their shifts, sign-ups and hours."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Site

from lms_volunteers.models import HoursEntry, Shift, SignUp, Volunteer
from tests.factories import (
    DepartmentPageFactory,
    HomePageFactory,
    ProjectPageFactory,
    UserFactory,
    VolunteersIndexPageFactory,
)


class VolunteerFactory(DjangoModelFactory):
    """An active volunteer unless told otherwise."""

    class Meta:
        model = Volunteer

    user = factory.SubFactory(UserFactory, preferred_language="en")
    status = Volunteer.Status.ACTIVE
    languages = "Azerbaijani, Russian"
    availability = "Weekends"
    motivation = "To help migrants."


def project_page(**kwargs):
    """A live project under a department under the union's home (built once)."""
    from lms_volunteers.models import DepartmentPage

    department = DepartmentPage.objects.first()
    if department is None:
        home = Site.objects.get(is_default_site=True).root_page
        if (
            home.depth == 1
        ):  # no site home yet: make one, as the ``school`` fixture does
            home = HomePageFactory(parent=home)
            Site.objects.update(root_page=home)
        union = VolunteersIndexPageFactory(parent=home)
        department = DepartmentPageFactory(parent=union)
    return ProjectPageFactory(parent=department, **kwargs)


class ShiftFactory(DjangoModelFactory):
    """Tomorrow at ten, for two hours, three places."""

    class Meta:
        model = Shift
        skip_postgeneration_save = True

    project = factory.LazyFunction(project_page)
    title = factory.Sequence(lambda n: f"Help at the desk {n}")
    place = "Service centre, 12 Nizami street"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=2))
    capacity = 3

    @factory.post_generation
    def required_qualifications(self, create, extracted, **kwargs):
        if create and extracted:
            self.required_qualifications.set(extracted)


class SignUpFactory(DjangoModelFactory):
    """A confirmed place, counted on the shift (the way ``shifts.sign_up`` does)."""

    class Meta:
        model = SignUp

    shift = factory.SubFactory(ShiftFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    status = SignUp.Status.CONFIRMED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        sign_up = super()._create(model_class, *args, **kwargs)
        if sign_up.status == SignUp.Status.CONFIRMED:
            Shift.objects.filter(pk=sign_up.shift_id).update(
                places_taken=sign_up.shift.places_taken + 1
            )
            sign_up.shift.refresh_from_db()
        return sign_up


class HoursEntryFactory(DjangoModelFactory):
    """A claim of three hours yesterday, waiting for approval."""

    class Meta:
        model = HoursEntry

    volunteer = factory.SubFactory(VolunteerFactory)
    project = factory.LazyFunction(project_page)
    worked_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=1)
    )
    hours = 3
    description = "Helped two families with their forms."
    source = HoursEntry.Source.CLAIM

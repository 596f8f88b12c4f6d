"""Cohorts of the School and the admission of their students.

A cohort ("4th Migration School") runs for about six months with a curriculum of
courses. People apply while its window is open; coordinators review, interview and
decide. An accepted application is the student's place in the cohort.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable

from lms_toolkit.languages import in_reader_language

from .staff import CohortForm

# The longest free text an applicant or reviewer may write (also a database check).
TEXT_LIMIT = 5000
SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(5)]
# The selection rubric: each reviewer scores every criterion from 1 to 5.
RUBRIC = ["energy", "creativity", "interest", "proposal_quality"]


# How long an ended cohort stays on its trainers' and coordinators' dashboards.
RECENTLY_ENDED = datetime.timedelta(days=90)


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every cohort; a trainer, the cohorts they teach."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("lms_cohorts.change_cohort"):
            return self
        return self.filter(trainers=user)

    def open_for_applications(self, now=None):
        now = now or timezone.now()
        return self.filter(
            applications_open_at__lte=now, applications_close_at__gt=now
        ).order_by("applications_close_at")

    def shown_on_dashboards(self, today=None):
        """Running, to come, or ended in the last ``RECENTLY_ENDED`` days: their
        trainers still write reports on a cohort that has just ended."""
        today = today or timezone.localdate()
        return self.filter(ends_on__gte=today - RECENTLY_ENDED)

    def with_counts(self):
        return self.annotate(
            accepted_count=Count(
                "applications", filter=Q(applications__status="accepted")
            ),
            submitted_count=Count(
                "applications", filter=~Q(applications__status="draft")
            ),
        )


class Cohort(ClusterableModel):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid: in the room and online")
        IN_PERSON = "in_person", _("In person")

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("4 for the 4th Migration School.")
    )
    name_az = models.CharField(
        _("name (Azerbaijani)"),
        max_length=120,
        help_text=_("For example: 4-cü Miqrasiya Məktəbi."),
    )
    name_en = models.CharField(
        _("name (English)"),
        max_length=120,
        help_text=_("For example: 4th Migration School."),
    )
    name_ru = models.CharField(
        _("name (Russian)"),
        max_length=120,
        help_text=_("For example: 4-я Школа миграции."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.HYBRID
    )
    places = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1)],
        help_text=_("How many applicants can be accepted. Never over-filled."),
    )
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="cohorts_taught",
        verbose_name=_("trainers"),
        help_text=_("The people who teach this cohort."),
    )

    objects = CohortQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldRowPanel(
                    [
                        FieldPanel("name_az"),
                        FieldPanel("name_en"),
                        FieldPanel("name_ru"),
                    ]
                ),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("format"),
            ],
            heading=_("The cohort"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("applications_open_at"),
                        FieldPanel("applications_close_at"),
                    ]
                ),
                FieldPanel("places"),
            ],
            heading=_("Call for applications"),
        ),
        InlinePanel(
            "curriculum",
            heading=_("Curriculum"),
            label=_("Course"),
            help_text=_("Accepted applicants are enrolled in every course listed."),
        ),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
    ]
    base_form_class = CohortForm

    class Meta:
        ordering = ["-number"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="cohorts_cohort_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=models.F("applications_open_at")),
                name="cohorts_cohort_window_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1), name="cohorts_cohort_has_places"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_reader_language(self, "name", "name_az")

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The cohort must end after it starts.")
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            errors["applications_close_at"] = _(
                "Applications must close after they open."
            )
        if errors:
            raise ValidationError(errors)

    def is_open_for_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return self.applications_open_at <= now < self.applications_close_at

    def accepted(self):
        return self.applications.filter(status=Application.Status.ACCEPTED)

    def places_left(self) -> int:
        return max(self.places - self.accepted().count(), 0)

    def course_keys(self) -> list:
        """The translation keys of the curriculum's courses, in order (one query)."""
        return list(
            self.curriculum.order_by("sort_order").values_list(
                "course__translation_key", flat=True
            )
        )

    def members(self):
        """The students of the cohort: everyone whose application was accepted."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            applications__cohort=self,
            applications__status=Application.Status.ACCEPTED,
        )


class CohortCourse(Orderable):
    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="curriculum")
    course = models.ForeignKey(
        "lms_courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course"),
        help_text=_("Any language version: enrolment covers them all."),
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course of the curriculum")
        verbose_name_plural = _("courses of the curriculum")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "course"], name="cohorts_course_listed_once"
            )
        ]


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        """What coordinators see: everything an applicant has sent, no drafts."""
        return self.exclude(status=Application.Status.DRAFT)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def with_scores(self):
        return self.annotate(
            review_count=Count("reviews", distinct=True),
            average_score=Avg("reviews__average"),
        ).select_related("applicant", "cohort", "interview")


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        INTERVIEW = "interview", _("Interview scheduled")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Field(models.TextChoices):
        LAW = "law", _("Law")
        POLITICAL_SCIENCE = "political_science", _("Political science")
        INTERNATIONAL_RELATIONS = (
            "international_relations",
            _("International relations"),
        )
        REGIONAL_STUDIES = "regional_studies", _("Regional studies")
        ORIENTAL_STUDIES = "oriental_studies", _("Oriental studies")
        PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
        SOCIOLOGY = "sociology", _("Sociology")
        OTHER = "other", _("Other")

    class StudyStatus(models.TextChoices):
        STUDYING = "studying", _("Studying")
        GRADUATED = "graduated", _("Graduated")

    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("cohort"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    field_of_study = models.CharField(
        _("field of study"), max_length=32, choices=Field.choices, blank=True
    )
    study_status = models.CharField(
        _("studying or graduated"),
        max_length=16,
        choices=StudyStatus.choices,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Your year of study, or the year you graduated."),
    )
    university = models.CharField(_("university"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages you speak, e.g. Azerbaijani, English, Russian."),
    )
    motivation = models.TextField(
        _("motivation"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Why you want to join the Migration School."),
    )
    proposal_title = models.CharField(
        _("title of your proposal"), max_length=200, blank=True
    )
    proposal = models.TextField(
        _("innovative proposal on a migration issue"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("A migration issue you care about and a new way to tackle it."),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [("review_application", _("Can score and decide applications"))]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "applicant"],
                name="cohorts_one_application_per_cohort",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="cohorts_sent_application_has_submitted_at",
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(name), TEXT_LIMIT),
                    name=f"cohorts_application_{name}_limit",
                )
                for name in ("motivation", "proposal")
            ],
        ]

    def __str__(self):
        return (
            f"{self.applicant.get_full_name() or self.applicant.email} · {self.cohort}"
        )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def applicant_name(self) -> str:
        return self.applicant.get_full_name()

    @property
    def applicant_email(self) -> str:
        return self.applicant.email

    @property
    def interview_score(self):
        interview = getattr(self, "interview", None)
        return interview.score if interview else None


class Review(models.Model):
    """One reviewer's scores on the rubric, 1 to 5 each."""

    RUBRIC = RUBRIC

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    energy = models.PositiveSmallIntegerField(
        _("energy and initiative"), validators=SCORE_RANGE
    )
    creativity = models.PositiveSmallIntegerField(
        _("creativity"), validators=SCORE_RANGE
    )
    interest = models.PositiveSmallIntegerField(
        _("interest in migration"), validators=SCORE_RANGE
    )
    proposal_quality = models.PositiveSmallIntegerField(
        _("quality of the proposal"), validators=SCORE_RANGE
    )
    average = models.DecimalField(
        _("average"), max_digits=3, decimal_places=2, editable=False
    )
    comments = models.TextField(_("comments"), max_length=TEXT_LIMIT, blank=True)
    updated_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["updated_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="cohorts_one_review_each"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"cohorts_review_{name}_1_to_5",
                )
                for name in RUBRIC
            ],
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.application}"

    def save(self, *args, **kwargs):
        scores = [getattr(self, name) for name in self.RUBRIC]
        self.average = round(sum(scores) / len(scores), 2)
        super().save(*args, **kwargs)


class Interview(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="interview"
    )
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("A room and address, for an interview in person."),
    )
    video_url = models.URLField(
        _("video link"), blank=True, help_text=_("For an interview online.")
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("interviewers"),
    )
    notes = models.TextField(_("interview notes"), max_length=TEXT_LIMIT, blank=True)
    score = models.PositiveSmallIntegerField(
        _("interview score"),
        null=True,
        blank=True,
        validators=SCORE_RANGE,
        help_text=_("1 to 5, after the interview."),
    )

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="cohorts_interview_score_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(place="", video_url=""),
                name="cohorts_interview_has_place_or_link",
            ),
        ]

    def __str__(self):
        return str(self.application)


class StatusChange(models.Model):
    """Who moved an application from one status to another, and when."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="history"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(
        _("from"), max_length=16, choices=Application.Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=16, choices=Application.Status.choices
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

"""Qualifications a task may require, and who holds them until when.

They are granted by finishing a course or passing a quiz of the learning platform
(keyed by the page's translation key, so any language counts), or by hand with a
reason.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from lms_toolkit.languages import in_reader_language

from .members import Volunteer


class Qualification(models.Model):
    """What a task may require, earned on the learning platform or granted by hand."""

    name_az = models.CharField(_("name (Azerbaijani)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    course = models.ForeignKey(
        "lms_courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course that grants it"),
        help_text=_("Completing every step of this course (any language) grants it."),
    )
    course_key = models.UUIDField(null=True, blank=True, editable=False)
    quiz = models.ForeignKey(
        "lms_quizzes.QuizPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quiz that grants it"),
        help_text=_("Passing this quiz (any language) grants it."),
    )
    quiz_key = models.UUIDField(null=True, blank=True, editable=False)
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: it never expires. 730 for two years."),
    )
    required_to_become_active = models.BooleanField(
        _("required to become active"),
        default=False,
        help_text=_(
            "A volunteer in training becomes active once they hold every "
            "qualification ticked so."
        ),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("name_az"), FieldPanel("name_en"), FieldPanel("name_ru")]
        ),
        FieldRowPanel([FieldPanel("course"), FieldPanel("quiz")]),
        FieldRowPanel(
            [FieldPanel("valid_for_days"), FieldPanel("required_to_become_active")]
        ),
    ]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return in_reader_language(self, "name", "name_az")

    def save(self, *args, **kwargs):
        self.course_key = self.course.translation_key if self.course_id else None
        self.quiz_key = self.quiz.translation_key if self.quiz_id else None
        super().save(*args, **kwargs)

    def expiry_from(self, granted_at: datetime.datetime) -> datetime.datetime | None:
        if self.valid_for_days is None:
            return None
        return granted_at + datetime.timedelta(days=self.valid_for_days)


class QualificationGrantQuerySet(models.QuerySet):
    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class QualificationGrant(models.Model):
    """A volunteer holds a qualification: earned or by hand, until it expires."""

    class Source(models.TextChoices):
        COURSE = "course", _("Completed the course")
        QUIZ = "quiz", _("Passed the quiz")
        HAND = "hand", _("Granted by staff")

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="qualifications"
    )
    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="grants"
    )
    source = models.CharField(
        pgettext_lazy("qualification granted", "how"),
        max_length=8,
        choices=Source.choices,
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    reason = models.CharField(_("why"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = QualificationGrantQuerySet.as_manager()

    class Meta:
        ordering = ["volunteer", "qualification"]
        verbose_name = _("qualification held")
        verbose_name_plural = _("qualifications held")
        constraints = [
            # Renewing replaces the row: one per volunteer and qualification.
            models.UniqueConstraint(
                fields=["volunteer", "qualification"],
                name="volunteers_one_grant_each",
            ),
            models.CheckConstraint(
                condition=~Q(source="hand") | ~Q(reason=""),
                name="volunteers_hand_grant_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.qualification}"

    def is_valid(self, now=None) -> bool:
        return self.expires_at is None or self.expires_at > (now or timezone.now())

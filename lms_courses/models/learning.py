"""Learner records: enrolments in courses and completed lessons.

Records are keyed by a page's ``translation_key``, never by the id of one translation:
a student who switches language keeps every enrolment and every tick.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class CourseAccess(models.TextChoices):
    """Who may learn a course (``CoursePage.access``)."""

    OPEN = "open", _("Open: anyone signed in may enrol")
    RESTRICTED = "restricted", _("Restricted: only learners enrolled by the School")


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Enrolment.Status.ACTIVE)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def for_course(self, course: Page):
        return self.filter(course_key=course.translation_key)

    def with_course_title(self):
        """Annotate the title of the course's original page (the first translation)."""
        original = Page.objects.filter(translation_key=OuterRef("course_key")).order_by(
            "pk"
        )
        return self.annotate(course_title=Subquery(original.values("title")[:1]))


class Enrolment(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        ADMIN = "admin", _("Enrolled by a coordinator")
        COHORT = "cohort", _("Enrolled through a cohort")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course_key = models.UUIDField(
        _("course"),
        db_index=True,
        help_text=_("The course in every language (its translation key)."),
    )
    source = models.CharField(
        _("how"), max_length=16, choices=Source.choices, default=Source.SELF
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"], name="courses_one_enrolment_per_course"
            )
        ]
        permissions = [("view_learner_progress", _("Can see learners' progress"))]

    def __str__(self):
        return f"{self.user} → {getattr(self, 'course_title', self.course_key)}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="completions"
    )
    lesson_key = models.UUIDField(_("lesson"), db_index=True)
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_key"], name="courses_one_completion"
            )
        ]

    def __str__(self):
        return str(self.lesson_key)

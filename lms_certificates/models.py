"""Completion rules, certificates and the final projects coordinators mark done.

A rule belongs to a cohort or to a course (by its translation key, so every language
version is the same course). A certificate keeps what it showed on the day it was
issued (the holder's name, the programme, the dates): changing a course title later
never changes a certificate someone has already printed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms_cohorts.learners import accepted_cohort_ids
from lms_courses.progress import active_course_keys
from lms_toolkit.dates import IssuedOnSiteDays

from . import codes


class CertificateRuleQuerySet(models.QuerySet):
    def for_learner(self, user):
        """The rules that apply to ``user``: their cohorts' and their courses' (from
        their applications and enrolments, read once per request)."""
        if not user.is_authenticated:
            return self.none()
        cohorts = accepted_cohort_ids(user)
        courses = active_course_keys(user)
        return self.filter(
            Q(cohort_id__in=cohorts) | Q(course_key__in=courses)
        ).select_related("cohort", "course")

    def covering(self, course_key):
        """The rules whose programme includes the course with ``course_key``: its own
        rule, and those of cohorts whose curriculum holds it."""
        return self.filter(
            Q(course_key=course_key)
            | Q(cohort__curriculum__course__translation_key=course_key)
        ).distinct()


class CertificateRule(models.Model):
    """What a learner must do to earn the certificate of a cohort or a course."""

    class QuizRequirement(models.TextChoices):
        ALL_PASSED = "all_passed", _("Pass every quiz")
        AVERAGE = "average", _("Reach an average score")
        NONE = "none", _("Quizzes do not count")

    cohort = models.OneToOneField(
        "lms_cohorts.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_rule",
        verbose_name=_("cohort"),
        help_text=_("Its accepted students earn the certificate. Or choose a course."),
    )
    course = models.ForeignKey(
        "lms_courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
        help_text=_(
            "For an open self-paced course: its enrolled learners earn the "
            "certificate (in any language version)."
        ),
    )
    course_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, db_index=True
    )
    programme_name = models.CharField(
        _("programme name"),
        max_length=200,
        blank=True,
        help_text=_(
            "As printed on the certificate, e.g. “Migration School”. Leave it empty "
            "to print the course titles."
        ),
    )
    required_modules = models.ManyToManyField(
        "lms_courses.ModulePage",
        blank=True,
        related_name="+",
        verbose_name=_("required modules"),
        help_text=_(
            "Leave empty to require every module of the programme's courses. A module "
            "is completed when all its lessons are done; quizzes count below."
        ),
    )
    quiz_requirement = models.CharField(
        _("quizzes"),
        max_length=16,
        choices=QuizRequirement.choices,
        default=QuizRequirement.ALL_PASSED,
        help_text=_("The quizzes of the required modules, by their pass marks."),
    )
    min_average_score = models.PositiveSmallIntegerField(
        _("minimum average score (%)"),
        default=60,
        help_text=_(
            "Used with “Reach an average score”: a quiz not taken counts as 0%."
        ),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        help_text=_(
            "Share of the live classes held so far that the learner attended, "
            "online or in the room. 0 means attendance does not count."
        ),
    )
    requires_project = models.BooleanField(
        _("requires a final project or internship"),
        default=False,
        help_text=_("A coordinator marks it done for each learner."),
    )
    project_label = models.CharField(
        _("name of the final project"),
        max_length=120,
        blank=True,
        help_text=_("E.g. “Internship” or “Policy proposal”. Shown to learners."),
    )
    signatories = models.TextField(
        _("signatories"),
        blank=True,
        max_length=500,
        help_text=_(
            "One per line, name then role: “Aysel Məmmədova, Head of the School”. "
            "Printed under the certificate."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CertificateRuleQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("cohort"), FieldPanel("course"), FieldPanel("programme_name")],
            heading=_("Whose certificate"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("required_modules"),
                FieldRowPanel(
                    [FieldPanel("quiz_requirement"), FieldPanel("min_average_score")]
                ),
                FieldPanel("min_attendance_percent"),
                FieldRowPanel(
                    [FieldPanel("requires_project"), FieldPanel("project_label")]
                ),
            ],
            heading=_("What a learner must do"),
        ),
        FieldPanel("signatories"),
    ]

    class Meta:
        verbose_name = _("certificate rule")
        verbose_name_plural = _("certificate rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=False) | Q(course_key__isnull=False),
                name="certificates_rule_has_a_programme",
            ),
            models.CheckConstraint(
                condition=Q(min_average_score__lte=100)
                & Q(min_attendance_percent__lte=100),
                name="certificates_rule_percentages",
            ),
        ]

    def __str__(self):
        return str(self.cohort or self.course or self.course_key)

    def save(self, *args, **kwargs):
        # A rule whose course page was deleted keeps the key: it still applies.
        if self.course_id:
            self.course_key = self.course.translation_key
        if self.cohort_id:
            self.course_key = None
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.cohort_id) == bool(self.course_id):
            raise ValidationError(_("Choose either a cohort or a course."))
        if self.course_id:
            key = self.course.translation_key
            taken = CertificateRule.objects.filter(course_key=key).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"course": _("This course has a rule already.")})

    @property
    def display_title(self) -> str:
        """The programme as learners see it on their dashboard."""
        if self.programme_name:
            return self.programme_name
        if self.cohort_id:
            return self.cohort.name
        return self.course.localized.title if self.course_id else ""

    def course_keys(self) -> list:
        """The courses the rule covers, in curriculum order."""
        if self.cohort_id:
            return self.cohort.course_keys()
        return [self.course_key]

    def signatory_lines(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]


class ProjectCompletion(models.Model):
    """A coordinator's mark that a learner's final project or internship is done."""

    rule = models.ForeignKey(
        CertificateRule,
        on_delete=models.CASCADE,
        related_name="project_completions",
        verbose_name=_("certificate rule"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        verbose_name = _("final project done")
        verbose_name_plural = _("final projects done")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "user"], name="certificates_one_project_mark"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.rule}"


class CertificateQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(IssuedOnSiteDays, models.Model):
    # A deleted account leaves the certificate verifiable under the name it shows.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    cohort = models.ForeignKey(
        "lms_cohorts.Cohort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("cohort"),
    )
    course_key = models.UUIDField(_("course"), null=True, blank=True, db_index=True)
    code = models.CharField(
        _("verification code"),
        max_length=32,
        unique=True,
        default=codes.new_code,
        editable=False,
    )
    holder_name = models.CharField(_("holder's name"), max_length=300)
    # {"az": …, "en": …, "ru": …}: shown in the reader's language.
    programme = models.JSONField(_("programme"), default=dict)
    cohort_name = models.JSONField(_("cohort name"), default=dict, blank=True)
    topics = models.JSONField(_("topics covered"), default=list, blank=True)
    signatories = models.JSONField(_("signatories"), default=list, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty when the rule issued it."),
    )
    issue_reason = models.CharField(_("why issued by hand"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(_("why revoked"), max_length=500, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cohort"],
                condition=Q(cohort__isnull=False),
                name="certificates_one_per_cohort",
            ),
            models.UniqueConstraint(
                fields=["user", "course_key"],
                condition=Q(cohort__isnull=True),
                name="certificates_one_per_course",
            ),
            models.CheckConstraint(
                condition=Q(cohort__isnull=False) | Q(course_key__isnull=False),
                name="certificates_certificate_has_a_programme",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="certificates_revocation_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.programme_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status(self) -> str:
        return str(_("Revoked") if self.is_revoked else _("Valid"))

    @property
    def programme_title(self) -> str:
        return _in_language(self.programme)

    @property
    def cohort_title(self) -> str:
        return _in_language(self.cohort_name)

    @property
    def display_code(self) -> str:
        return codes.display(self.code)


def _in_language(titles: dict) -> str:
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return (
        titles.get(language)
        or titles.get(settings.LANGUAGE_CODE)
        or next(iter(titles.values()), "")
    )

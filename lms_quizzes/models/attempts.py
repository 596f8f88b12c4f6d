"""Learners' attempts at quizzes, their answers and results, and accommodations.

Attempts are keyed by the quiz's ``translation_key`` and questions by their block id,
so a learner who switches language keeps the same attempt.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizOverride(models.Model):
    """An accommodation for one learner: more time, more attempts, a later close."""

    quiz = models.ForeignKey(
        "lms_quizzes.QuizPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("quiz"),
    )
    quiz_key = models.UUIDField(editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra minutes"), default=0, help_text=_("Added to the time limit.")
    )
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=0, help_text=_("Added to the attempts allowed.")
    )
    closes_at = models.DateTimeField(
        _("closes for this learner"),
        null=True,
        blank=True,
        help_text=_("A later close date for this learner only."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quiz accommodation")
        verbose_name_plural = _("quiz accommodations")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz_key", "user"], name="quizzes_one_override_per_learner"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz}"

    def save(self, *args, **kwargs):
        self.quiz_key = self.quiz.translation_key
        super().save(*args, **kwargs)


class AttemptQuerySet(models.QuerySet):
    def writable(self, sequence: int):
        """Attempts a save carrying ``sequence`` may still write to: open, and not
        saved since that sequence was read. (A deadline never moves: a request checks
        it against its own time before it writes.)"""
        return self.filter(status=Attempt.Status.IN_PROGRESS, sequence=sequence)


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        GRADED = "graded", _("Graded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    quiz_key = models.UUIDField(_("quiz"), db_index=True)
    number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    timed_out = models.BooleanField(_("ended by the time limit"), default=False)
    # The questions drawn for this attempt in the order shown, and each choice
    # question's choices in the order shown: the same on every visit.
    question_ids = models.JSONField(default=list)
    choice_order = models.JSONField(default=dict)
    # Raised by every save; a page or request carrying an older value is stale.
    sequence = models.PositiveIntegerField(default=0)
    score = models.DecimalField(
        _("points"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_score = models.DecimalField(
        _("out of"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    percent = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["user", "quiz_key", "number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz_key", "number"], name="quizzes_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz_key"],
                condition=Q(status="in_progress"),
                name="quizzes_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress")
                | Q(percent__isnull=False, submitted_at__isnull=False),
                name="quizzes_graded_attempt_has_score",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_open and self.deadline is not None and now >= self.deadline

    def seconds_left(self, now=None) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))


class Answer(models.Model):
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    response = models.JSONField(null=True)
    saved_at = models.DateTimeField(default=timezone.now)
    fraction = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    points = models.DecimalField(max_digits=8, decimal_places=2, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="quizzes_one_answer_each"
            )
        ]

    def __str__(self):
        return self.question_id


class QuizResult(models.Model):
    """The score that counts for a learner on a quiz, under the quiz's policy."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_results"
    )
    quiz_key = models.UUIDField(db_index=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    passed = models.BooleanField()
    attempts = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz_key"], name="quizzes_one_result_per_quiz"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.percent}%"

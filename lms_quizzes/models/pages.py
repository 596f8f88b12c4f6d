"""Quizzes in the curriculum, and the GCM/SDG tags of their questions."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lms_courses.models import CurriculumPage
from lms_courses.models.pages import curriculum_edit_handler

from ..blocks import QuestionStreamBlock
from ..forms import QuizPageForm
from ..quiz_page import quiz_page_context


class QuizPage(CurriculumPage):
    class Layout(models.TextChoices):
        ALL = "all", _("All questions on one page")
        ONE = "one", _("One question per page")

    class ScorePolicy(models.TextChoices):
        HIGHEST = "highest", _("The highest attempt")
        LAST = "last", _("The last attempt")

    class FeedbackWhen(models.TextChoices):
        NEVER = "never", _("Never: only the score")
        AFTER_SUBMIT = "after_submit", _("As soon as the attempt is graded")
        AFTER_CLOSE = "after_close", _("After the quiz closes")

    intro = RichTextField(
        _("instructions"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What the quiz covers and how it counts."),
    )
    questions = StreamField(
        QuestionStreamBlock(),
        blank=True,
        verbose_name=_("questions"),
        help_text=_("Add questions here, or import a Moodle GIFT file."),
    )
    layout = models.CharField(
        _("layout"), max_length=8, choices=Layout.choices, default=Layout.ALL
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_("The score, in percent, a learner needs to pass."),
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, help_text=_("0 for unlimited attempts.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. The server ends late attempts."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn"),
        null=True,
        blank=True,
        help_text=_("Draw this many questions at random for each attempt; empty: all."),
    )
    score_policy = models.CharField(
        _("score that counts"),
        max_length=8,
        choices=ScorePolicy.choices,
        default=ScorePolicy.HIGHEST,
    )
    feedback_when = models.CharField(
        _("feedback and right answers shown"),
        max_length=16,
        choices=FeedbackWhen.choices,
        default=FeedbackWhen.AFTER_SUBMIT,
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)

    # Templates keep the app's short folder name, not its label (lms_…).
    template = "quizzes/quiz_page.html"
    parent_page_types = ["lms_courses.ModulePage"]
    subpage_types: list[str] = []
    search_fields = CurriculumPage.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]
                ),
                FieldRowPanel(
                    [FieldPanel("time_limit_minutes"), FieldPanel("draw_count")]
                ),
                FieldRowPanel(
                    [FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]
                ),
                FieldPanel("layout"),
                FieldPanel("score_policy"),
                FieldPanel("feedback_when"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Quiz settings"),
        ),
        FieldPanel("questions"),
    ]
    edit_handler = curriculum_edit_handler(content_panels)
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not response.context_data.get("can_read", True):
            response.status_code = 403
        return response

    def question(self, question_id: str):
        return next((q for q in self.questions if q.id == question_id), None)


class QuestionTag(models.Model):
    """A question tagged with one GCM objective or SDG target, and what it is worth.

    Rebuilt from the quiz each time it is published (``lms_quizzes.tagging``), so
    mastery per objective is one SQL join from answers, whatever the number of learners.
    """

    quiz_key = models.UUIDField()
    question_id = models.CharField(max_length=64)
    points = models.DecimalField(max_digits=8, decimal_places=2)
    objective = models.ForeignKey(
        "lms_courses.GCMObjective",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="question_tags",
    )
    sdg_target = models.ForeignKey(
        "lms_courses.SDGTarget",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="question_tags",
    )

    class Meta:
        verbose_name = _("question tag")
        verbose_name_plural = _("question tags")
        indexes = [
            models.Index(
                fields=["quiz_key", "question_id"], name="quizzes_qtag_question"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(objective__isnull=False, sdg_target__isnull=True)
                | Q(objective__isnull=True, sdg_target__isnull=False),
                name="quizzes_question_tag_one_kind",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "question_id", "objective"],
                condition=Q(objective__isnull=False),
                name="quizzes_question_objective_once",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "question_id", "sdg_target"],
                condition=Q(sdg_target__isnull=False),
                name="quizzes_question_target_once",
            ),
        ]

    def __str__(self):
        return f"{self.question_id} · {self.objective or self.sdg_target}"

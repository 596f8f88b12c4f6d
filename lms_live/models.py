"""Live and hybrid classes: sessions, their stored events, polls and attendance.

Every event of a session that matters (chat, questions, votes, polls, hands, the
trainer's moderation) is a ``LiveEvent`` with a per-session sequence number, written
before it is broadcast: a client that reconnects asks for what came after the last
number it saw.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms_cohorts.learners import accepted_cohort_ids
from lms_courses.progress import active_course_keys
from lms_toolkit.languages import in_reader_language


def _learning(user) -> Q:
    courses = active_course_keys(user)
    return Q(cohort_id__in=accepted_cohort_ids(user)) | Q(course_key__in=courses)


class LiveSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now(), ended_at__isnull=True)

    def for_learner(self, user):
        """Sessions of the learner's cohorts and of the courses they are enrolled in
        (from their applications and enrolments, read once per request)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(_learning(user))

    def for_person(self, user):
        """Sessions the user learns in or teaches."""
        if not user.is_authenticated:
            return self.none()
        teaching = LiveSession.trainers.through.objects.filter(user=user).values(
            "livesession_id"
        )
        return self.filter(_learning(user) | Q(pk__in=teaching))


class LiveSession(ClusterableModel):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid: in the room and online")
        IN_ROOM = "in_room", _("In the room")

    title = models.CharField(
        _("title (Azerbaijani)"),
        max_length=200,
        help_text=_("What everyone sees unless their language has its own title."),
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: English readers see the Azerbaijani title."),
    )
    title_ru = models.CharField(
        _("title (Russian)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: Russian readers see the Azerbaijani title."),
    )
    cohort = models.ForeignKey(
        "lms_cohorts.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="live_sessions",
        verbose_name=_("cohort"),
        help_text=_("Its accepted students attend. Or choose a course below."),
    )
    course = models.ForeignKey(
        "lms_courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
        help_text=_("Its enrolled learners attend (any language version)."),
    )
    course_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    module = models.ForeignKey(
        "lms_courses.ModulePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("module"),
        help_text=_("The module this session belongs to, if any."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(
        _("mode"), max_length=16, choices=Mode.choices, default=Mode.HYBRID
    )
    room = models.CharField(
        _("room"),
        max_length=200,
        blank=True,
        help_text=_("Where, for those in the room."),
    )
    video_url = models.URLField(
        _("video room"),
        blank=True,
        help_text=_("The Jitsi, BigBlueButton or Zoom link for those online."),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="live_sessions_taught",
        verbose_name=_("trainers"),
    )
    gcm_objectives = ParentalManyToManyField(
        "lms_courses.GCMObjective",
        blank=True,
        related_name="live_sessions",
        verbose_name=_("GCM objectives"),
        help_text=_("The Global Compact objectives this class teaches."),
    )
    sdg_targets = ParentalManyToManyField(
        "lms_courses.SDGTarget",
        blank=True,
        related_name="live_sessions",
        verbose_name=_("SDG targets"),
        help_text=_("The SDG targets this class teaches, such as 10.7."),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The last sequence number given to an event of this session.
    last_sequence = models.PositiveBigIntegerField(default=0, editable=False)
    # Whose chat the trainer has muted (user ids), read with the session's row lock.
    muted = models.JSONField(default=list, editable=False)

    objects = LiveSessionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("title_en"),
                        FieldPanel("title_ru"),
                    ]
                )
            ],
            heading=_("Title"),
        ),
        MultiFieldPanel(
            [FieldPanel("cohort"), FieldPanel("course"), FieldPanel("module")],
            heading=_("Who attends"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("mode"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("video_url")]),
        FieldPanel("trainers"),
        MultiFieldPanel(
            [
                FieldPanel("gcm_objectives", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdg_targets", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What it teaches"),
        ),
        InlinePanel("agenda", heading=_("Agenda"), label=_("Item")),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="live_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cohort__isnull=False) | Q(course__isnull=False),
                name="live_session_has_audience",
            ),
        ]

    def __str__(self):
        return self.translated_title

    @property
    def translated_title(self) -> str:
        """The title in the active language, or the Azerbaijani one."""
        return in_reader_language(self, "title", "title")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The session must end after it starts.")}
            )
        if not self.cohort_id and not self.course_id:
            raise ValidationError(_("Choose the cohort or the course that attends."))

    def save(self, *args, **kwargs):
        self.course_key = self.course.translation_key if self.course_id else None
        super().save(*args, **kwargs)

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None


class AgendaItem(Orderable):
    session = ParentalKey(LiveSession, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(_("item"), max_length=200)
    material = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("material"),
        help_text=_("A lesson or page shown to everyone with this item."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("Slides or a handout to open with this item, instead of a page."),
    )

    panels = [FieldPanel("title"), FieldPanel("material"), FieldPanel("document")]

    @property
    def material_url(self) -> str:
        if self.material_id:
            return self.material.url
        return self.document.url if self.document_id else ""

    def __str__(self):
        return self.title


class LiveEvent(models.Model):
    """One thing that happened in a session, in order, as the room saw it."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="events"
    )
    sequence = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=32)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sequence"], name="live_event_sequence"
            )
        ]
        # Mutes, polls and questions are looked up by kind: in a long session that
        # should not read every chat message.
        indexes = [
            models.Index(fields=["session", "kind", "sequence"], name="live_event_kind")
        ]

    def __str__(self):
        return f"{self.session_id}#{self.sequence} {self.kind}"


class Vote(models.Model):
    """A student's vote in a poll, or upvote of a question: once each (constraint)."""

    event = models.ForeignKey(LiveEvent, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    choice = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="live_one_vote")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.event_id}"


class Attendance(models.Model):
    session = models.ForeignKey(
        LiveSession,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lms_live_attendance",
        verbose_name=_("learner"),
    )
    first_joined_at = models.DateTimeField(_("first joined"), null=True, blank=True)
    online_seconds = models.PositiveIntegerField(_("seconds online"), default=0)
    connected_since = models.DateTimeField(null=True, blank=True, editable=False)
    connections = models.PositiveSmallIntegerField(default=0, editable=False)
    # Bumped by each open connection every LMS_LIVE_RECHECK_SECONDS: a row still
    # "connected" but not seen for a while belongs to a server that died.
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(
        _("checked in the room"), null=True, blank=True
    )
    present_override = models.BooleanField(
        _("present (corrected)"),
        null=True,
        blank=True,
        help_text=_("Set by a coordinator to correct the record either way."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="live_one_attendance_row"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.session}"

    @property
    def counted_seconds(self) -> int:
        """Seconds online, the open connection included up to when it was last seen
        (so a server that died mid-class still credits the time before it died)."""
        if self.connections and self.connected_since:
            until = min(self.last_seen_at or timezone.now(), timezone.now())
            open_seconds = max(int((until - self.connected_since).total_seconds()), 0)
            return self.online_seconds + open_seconds
        return self.online_seconds

    @property
    def minutes_online(self) -> int:
        return self.counted_seconds // 60

    @property
    def present(self) -> bool:
        """Counted present: in the room, or online for half the session at least."""
        if self.present_override is not None:
            return self.present_override
        if self.checked_in_at:
            return True
        length = (self.session.ends_at - self.session.starts_at).total_seconds()
        return self.counted_seconds >= length / 2

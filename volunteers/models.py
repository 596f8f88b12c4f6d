"""The Migration Volunteers union: its pages, its volunteers and their qualifications.

A volunteer moves through a pipeline (applicant → screened → in training → active, or
declined / paused / left), each move recorded with who, when and why. Qualifications
are granted by finishing a course or passing a quiz of the learning platform (keyed by
the page's translation key, so any language counts), or by hand with a reason.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from certificates.codes import display as display_code
from certificates.codes import new_code

TEXT_LIMIT = 2000


# Pages ---------------------------------------------------------------------


class VolunteersIndexPage(Page):
    """The union's home at /volunteers/: what it does and how to join."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Who the volunteers are and what they do, in a few sentences."),
    )
    founded = models.PositiveSmallIntegerField(
        _("founded in"), null=True, blank=True, help_text=_("For example 2019.")
    )

    # Where it sits is the site's choice (its home page lists it); one per parent,
    # so each language's home holds its own translation.
    max_count_per_parent = 1
    subpage_types = ["volunteers.DepartmentPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("founded")]

    class Meta:
        verbose_name = _("volunteers' home")

    def departments(self) -> list["DepartmentPage"]:
        """Its live departments, each in the reader's language when translated."""
        return _children_in_reader_language(self, DepartmentPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = self.departments()
        context["volunteer"] = Volunteer.objects.for_user(request.user).first()
        context["active_volunteers"] = Volunteer.objects.active().count()
        return context


class DepartmentPage(Page):
    """One of the union's departments, with its projects."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("What the department does, in one or two sentences."),
    )
    body = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Its work, its people and how volunteers help."),
    )

    parent_page_types = ["volunteers.VolunteersIndexPage"]
    subpage_types = ["volunteers.ProjectPage"]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("department")

    def projects(self) -> list["ProjectPage"]:
        """Its live projects, each in the reader's language when translated."""
        return _children_in_reader_language(self, ProjectPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = self.projects()
        [context["union"]] = _ancestors_in_reader_language(self, 1)
        return context


class ProjectPage(Page):
    """A donor-funded social project of a department, with its shifts."""

    goal = models.TextField(
        _("goal"),
        max_length=1000,
        help_text=_("What the project changes for migrants, in plain words."),
    )
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("The donor or partner that funds it."),
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In manats, as agreed with the funder."),
    )
    target_beneficiaries = models.PositiveIntegerField(
        _("people to help"),
        null=True,
        blank=True,
        help_text=_("How many migrants the project means to reach."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    body = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What volunteers do in the project."),
    )

    parent_page_types = ["volunteers.DepartmentPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [index.SearchField("goal")]
    content_panels = Page.content_panels + [
        FieldPanel("goal"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder"), FieldPanel("budget")]),
                FieldPanel("target_beneficiaries"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Funding and dates"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("project")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A project ends after it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .shifts import open_shifts

        # Its parents are always a department under the union's home.
        context["union"], context["department"] = _ancestors_in_reader_language(self, 2)
        volunteer = Volunteer.objects.for_user(request.user).first()
        context["shifts"] = open_shifts(self, volunteer)
        return context


# Volunteers ----------------------------------------------------------------


class VolunteerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Volunteer.Status.ACTIVE)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def joined(self):
        """Those the union took in: in training, active, paused, or since left."""
        return self.filter(
            status__in=[
                VolunteerStatus.IN_TRAINING,
                VolunteerStatus.ACTIVE,
                VolunteerStatus.PAUSED,
                VolunteerStatus.LEFT,
            ]
        )


class VolunteerStatus(models.TextChoices):
    APPLICANT = "applicant", pgettext_lazy("volunteer status", "Applicant")
    SCREENED = "screened", pgettext_lazy("volunteer status", "Screened")
    IN_TRAINING = "in_training", pgettext_lazy("volunteer status", "In training")
    ACTIVE = "active", pgettext_lazy("volunteer status", "Active")
    DECLINED = "declined", pgettext_lazy("volunteer status", "Declined")
    PAUSED = "paused", pgettext_lazy("volunteer status", "Paused")
    LEFT = "left", pgettext_lazy("volunteer status", "Left")


class Volunteer(models.Model):
    """A person in the union's pipeline, from their application on."""

    Status = VolunteerStatus

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLICANT
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        help_text=_("For example: Azerbaijani, Russian, English, Persian."),
    )
    skills = models.TextField(
        _("skills"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("What you can do: translation, law, psychology, driving…"),
    )
    availability = models.CharField(
        _("availability"),
        max_length=200,
        help_text=_("When you can help, e.g. weekday evenings, weekends."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "So that your shift's lead can reach you. Other volunteers never see it."
        ),
    )
    department = models.ForeignKey(
        DepartmentPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department of interest"),
    )
    motivation = models.TextField(
        _("motivation"),
        max_length=TEXT_LIMIT,
        help_text=_("Why you want to volunteer with migrants."),
    )
    fast_tracked = models.BooleanField(
        _("fast-tracked"),
        default=False,
        help_text=_("A Migration School graduate: no screening step."),
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VolunteerStatus.values),
                name="volunteers_known_status",
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email


class StatusChange(models.Model):
    """One move of a volunteer through the pipeline: who, when and why."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"),
        max_length=16,
        choices=Volunteer.Status.choices,
        blank=True,
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"),
        max_length=16,
        choices=Volunteer.Status.choices,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the platform moved it (trainings done)."),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.CharField(_("why"), max_length=500, blank=True)

    class Meta:
        ordering = ["volunteer", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class Pledge(models.Model):
    """One version of the code of conduct or of the confidentiality pledge."""

    class Kind(models.TextChoices):
        CONDUCT = "conduct", _("Code of conduct")
        CONFIDENTIALITY = "confidentiality", _("Confidentiality pledge")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    text = RichTextField(
        _("text"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("What volunteers promise. A new version must be accepted again."),
    )
    published_at = models.DateTimeField(_("in force from"), default=timezone.now)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("version")]),
        FieldPanel("published_at"),
        FieldPanel("text"),
    ]

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="volunteers_one_pledge_version"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class PledgeAcceptance(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="pledges_accepted"
    )
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="acceptances"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "pledge"], name="volunteers_accept_once"
            )
        ]

    def __str__(self):
        return f"{self.volunteer_id} · {self.pledge}"


# Qualifications ------------------------------------------------------------


class Qualification(models.Model):
    """What a task may require, earned on the learning platform or granted by hand."""

    name_az = models.CharField(_("name (Azerbaijani)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course that grants it"),
        help_text=_("Completing every step of this course (any language) grants it."),
    )
    course_key = models.UUIDField(null=True, blank=True, editable=False)
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
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
        from django.utils.translation import get_language

        language = (get_language() or "az")[:2]
        return getattr(self, f"name_{language}", "") or self.name_az

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


# Shifts --------------------------------------------------------------------


class ShiftQuerySet(models.QuerySet):
    def open(self, now=None):
        """Not cancelled and not started yet: what volunteers may still sign up for."""
        return self.filter(
            status=Shift.Status.OPEN, starts_at__gt=now or timezone.now()
        )

    def of_project(self, project: Page):
        """The shifts of a project, whichever translation of its page is given."""
        return self.filter(project_key=project.translation_key)

    def short_of_people(self):
        return self.filter(places_taken__lt=models.F("capacity"))


class Shift(models.Model):
    """A task of a project at a place and time, for a number of volunteers."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("shift status", "Open")
        CANCELLED = "cancelled", pgettext_lazy("shift status", "Cancelled")

    project = models.ForeignKey(
        ProjectPage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("project"),
    )
    # The project's translation key: one project in three languages has one set of
    # shifts, whichever translation staff picked.
    project_key = models.UUIDField(editable=False, db_index=True)
    title = models.CharField(
        _("task"),
        max_length=200,
        help_text=_("What volunteers do, e.g. “Help with residence permit forms”."),
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        help_text=_("Where to come: address, building, room."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), help_text=_("How many volunteers the shift needs.")
    )
    # Kept by the sign-up functions under a row lock; the check constraint below makes
    # over-filling impossible even for code that forgets the lock.
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    required_qualifications = models.ManyToManyField(
        Qualification,
        blank=True,
        related_name="+",
        verbose_name=_("required qualifications"),
        help_text=_("Only volunteers holding all of these (valid) may sign up."),
    )
    required_languages = models.CharField(
        _("required languages"),
        max_length=200,
        blank=True,
        help_text=_(
            "Separated by commas, e.g. “Russian, Persian”: volunteers must speak each."
        ),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shift lead"),
        help_text=_("Confirms who came. Sees the contact details of those signed up."),
    )
    cancel_deadline_hours = models.PositiveSmallIntegerField(
        _("cancel up to (hours before)"),
        default=24,
        help_text=_("Volunteers may cancel until this many hours before the start."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=500, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="volunteers_shift_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="volunteers_shift_has_places"
            ),
            models.CheckConstraint(
                condition=Q(places_taken__lte=models.F("capacity")),
                name="volunteers_shift_never_overfilled",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.project_id:
            self.project_key = self.project.translation_key
        super().save(*args, **kwargs)

    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    def languages_required(self) -> list[str]:
        return [
            part.strip() for part in self.required_languages.split(",") if part.strip()
        ]

    def cancel_deadline(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(hours=self.cancel_deadline_hours)


class SignUpQuerySet(models.QuerySet):
    def holding(self):
        """Confirmed or waiting: the sign-ups that still mean something."""
        return self.filter(
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITLISTED]
        )

    def confirmed(self):
        return self.filter(status=SignUp.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=SignUp.Status.WAITLISTED).order_by(
            "signed_up_at", "pk"
        )


class SignUp(models.Model):
    """A volunteer's place on a shift, or on its waitlist."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("sign-up status", "Signed up")
        WAITLISTED = "waitlisted", pgettext_lazy("sign-up status", "On the waitlist")
        CANCELLED = "cancelled", pgettext_lazy("sign-up status", "Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="sign_ups")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="sign_ups"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    attended = models.BooleanField(
        _("came"), null=True, blank=True, help_text=_("Confirmed by the shift's lead.")
    )
    attendance_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["shift", "signed_up_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # Cancelled rows stay as history; one live sign-up per volunteer and shift.
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="volunteers_one_live_sign_up",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="volunteers_known_sign_up_status",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "status"])]

    def __str__(self):
        return f"{self.volunteer} · {self.shift}"


# Hours ---------------------------------------------------------------------


class HoursEntryQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)

    def pending(self):
        return self.filter(status=HoursEntry.Status.PENDING)


class HoursEntry(models.Model):
    """Hours a volunteer gave: from a shift the lead confirmed, or claimed by them.

    When a volunteer's account is deleted the row stays with no volunteer, so the
    union's totals keep the hours without the person.
    """

    class Source(models.TextChoices):
        SHIFT = "shift", _("Shift attended")
        CLAIM = "claim", _("Claimed by the volunteer")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("hours status", "Waiting for approval")
        APPROVED = "approved", pgettext_lazy("hours status", "Approved")
        REJECTED = "rejected", pgettext_lazy("hours status", "Rejected")

    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("volunteer"),
    )
    project = models.ForeignKey(
        ProjectPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    project_key = models.UUIDField(null=True, blank=True, editable=False)
    shift = models.ForeignKey(
        Shift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("shift"),
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    description = models.CharField(_("what you did"), max_length=500, blank=True)
    source = models.CharField(
        pgettext_lazy("hours recorded", "how"), max_length=8, choices=Source.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        indexes = [models.Index(fields=["status", "worked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="volunteers_hours_within_a_day",
            ),
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(shift__isnull=False, volunteer__isnull=False),
                name="volunteers_shift_hours_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_note=""),
                name="volunteers_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.hours} h · {self.worked_on}"

    def save(self, *args, **kwargs):
        if self.project_id:
            self.project_key = self.project.translation_key
        super().save(*args, **kwargs)


# Letters of service --------------------------------------------------------


class ServiceLetter(models.Model):
    """A letter stating a volunteer's confirmed hours, projects and qualifications.

    What it states is written down when it is issued, so the public verification page
    shows exactly what the paper says. Codes are the certificates' (160 random bits).
    """

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="letters"
    )
    code = models.CharField(
        _("verification code"),
        max_length=32,
        unique=True,
        default=new_code,
        editable=False,
    )
    holder_name = models.CharField(_("name"), max_length=300)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    total_hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    # {"projects": [{"title": {"az":…, "en":…, "ru":…}, "hours": "12.50"}],
    #  "qualifications": [{"az":…, "en":…, "ru":…}], "first_day": "2025-…",
    #  "last_day": "2026-…"}
    statement = models.JSONField(default=dict)
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

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("letter of service")
        verbose_name_plural = _("letters of service")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="volunteers_letter_revocation_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.display_code}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def display_code(self) -> str:
        return display_code(self.code)


# Reading pages in the reader's language ------------------------------------


def _children_in_reader_language(page: Page, model: type[Page]) -> list:
    """Live children of the original of ``page``, swapped for their translations.

    As course outlines do, the list is read from the first translation's tree, so every
    language lists the same pages, even those not translated yet. Three queries.
    """
    original = (
        Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()
        or page
    )
    children = list(model.objects.child_of(original).live().order_by("path"))
    return _in_reader_language(model, children)


def _ancestors_in_reader_language(page: Page, levels: int) -> list[Page]:
    """The ``levels`` ancestors above ``page``, top first, in the reader's language."""
    ancestors = list(
        Page.objects.ancestor_of(page)
        .filter(depth__gte=page.depth - levels)
        .order_by("depth")
    )
    return _in_reader_language(Page, ancestors)


def _in_reader_language(model: type[Page], pages: list) -> list:
    """Each page replaced by its live translation in the active language, if any."""
    if not pages:
        return []
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        language = settings.LANGUAGE_CODE
    translations = {
        translation.translation_key: translation
        for translation in model.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
    }
    return [translations.get(page.translation_key, page) for page in pages]

"""Forms of admission: the applicant's, and the coordinator's review screen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .admission import allowed_statuses
from .models import Application, Interview, Review
from .staff import teaching_staff

# What a submitted application must contain; a draft may leave any of it empty.
REQUIRED_TO_SUBMIT = [
    "field_of_study",
    "study_status",
    "year",
    "university",
    "languages",
    "motivation",
    "proposal_title",
    "proposal",
]


class ApplicationForm(forms.ModelForm):
    """The applicant's form: ``submitting`` decides whether every field is needed."""

    class Meta:
        model = Application
        fields = REQUIRED_TO_SUBMIT
        widgets = {
            "field_of_study": forms.RadioSelect,
            "study_status": forms.RadioSelect,
            "motivation": forms.Textarea(attrs={"rows": 8}),
            "proposal": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_of_study"].choices = Application.Field.choices
        self.fields["study_status"].choices = Application.StudyStatus.choices
        for name, field in self.fields.items():
            field.required = submitting and name in REQUIRED_TO_SUBMIT
            if getattr(field, "max_length", None):
                field.widget.attrs["maxlength"] = field.max_length


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = Review.RUBRIC + ["comments"]
        widgets = {
            name: forms.Select(choices=[("", "—")] + [(i, i) for i in range(1, 6)])
            for name in Review.RUBRIC
        } | {"comments": forms.Textarea(attrs={"rows": 3})}


class InterviewForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("video link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an interview online."),
    )

    class Meta:
        model = Interview
        fields = [
            "scheduled_at",
            "place",
            "video_url",
            "interviewers",
            "notes",
            "score",
        ]
        widgets = {
            "scheduled_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "interviewers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = teaching_staff()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("video_url"):
            raise forms.ValidationError(
                _("Give a place for an interview in person, or a video link.")
            )
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(
        label=_("Note for the record"),
        max_length=500,
        required=False,
        help_text=_("Why: the selection committee may ask later."),
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, Application.Status(status).label)
            for status in allowed_statuses(application)
        ]


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Move the selected applications to"),
        choices=[
            (status, Application.Status(status).label)
            for status in (
                Application.Status.SHORTLISTED,
                Application.Status.WAITLISTED,
                Application.Status.REJECTED,
                Application.Status.ACCEPTED,
            )
        ],
    )
    note = forms.CharField(
        label=_("Note for the record"), max_length=500, required=False
    )

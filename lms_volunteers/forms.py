"""The application to the union, accepting the pledges in force, and claiming hours."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .hours import project_titles
from .models import DepartmentPage, Pledge, ProjectPage, Volunteer


class PledgeFields:
    """One required checkbox per pledge to accept, named ``pledge_<id>``."""

    def __init__(self, *args, pledges: list[Pledge], **kwargs):
        super().__init__(*args, **kwargs)
        self.pledges = pledges
        for pledge in pledges:
            self.fields[_pledge_field(pledge)] = forms.BooleanField(
                label=gettext("I accept the %(pledge)s (version %(version)s)")
                % {"pledge": pledge.get_kind_display(), "version": pledge.version},
                error_messages={
                    "required": gettext("Accept the %(pledge)s to go on.")
                    % {"pledge": pledge.get_kind_display()}
                },
            )

    def pledge_fields(self):
        """(pledge, its bound checkbox), in the order the pledges are shown."""
        return [(pledge, self[_pledge_field(pledge)]) for pledge in self.pledges]


class PledgesForm(PledgeFields, forms.Form):
    """Accepting again the pledges a volunteer has not accepted in this version."""


class ApplicationForm(PledgeFields, forms.ModelForm):
    """What the union asks of someone who joins, and the pledges they accept."""

    class Meta:
        model = Volunteer
        fields = [
            "languages",
            "phone",
            "skills",
            "availability",
            "department",
            "motivation",
        ]
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 4}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, pledges: list[Pledge], **kwargs):
        super().__init__(*args, pledges=pledges, **kwargs)
        department = self.fields["department"]
        # Departments are chosen in the default language; labels follow the reader's.
        department.queryset = DepartmentPage.objects.live().filter(
            locale=Locale.get_default()
        )
        department.label_from_instance = lambda page: page.localized.title
        department.empty_label = _("No preference")

    def answer_fields(self):
        """The bound fields of the answers, without the pledges."""
        return [self[name] for name in self._meta.fields]

    def answers(self) -> dict:
        """The cleaned answers, as ``pipeline.apply`` takes them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def _pledge_field(pledge: Pledge) -> str:
    return f"pledge_{pledge.pk}"


class ClaimForm(forms.Form):
    """What ``hours.claim`` takes; its rules (24 hours a day, no future) live there."""

    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=ProjectPage.objects.none(),
        empty_label=_("Choose a project"),
        error_messages={"invalid_choice": _("Choose one of the union's projects.")},
    )
    worked_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day you did the work."),
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
        help_text=_("For example 2.5 for two and a half hours."),
        error_messages={"invalid": _("Write the hours as a number, e.g. 2.5.")},
    )
    description = forms.CharField(
        label=_("What you did"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("A sentence or two for the union's staff, who approve the hours."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        # Projects are chosen as originals; labels follow the reader's language.
        project.queryset = (
            ProjectPage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("title")
        )
        titles = project_titles(page.translation_key for page in project.queryset)
        project.label_from_instance = lambda page: titles.get(
            page.translation_key, page.title
        )

    def answers(self) -> dict:
        """The cleaned answers, as ``hours.claim`` takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}

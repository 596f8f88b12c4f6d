"""The application to the union, and accepting the pledges in force."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import DepartmentPage, Pledge, Volunteer


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
        fields = ["languages", "skills", "availability", "department", "motivation"]
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

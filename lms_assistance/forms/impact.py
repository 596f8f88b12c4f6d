"""The impact report's filters: a year, and one desk or all."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Desk

FIRST_YEAR = 2000


class ImpactFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR)
    desk = forms.ModelChoiceField(
        label=_("Desk"),
        queryset=Desk.objects.all(),
        required=False,
        empty_label=_("All desks"),
    )

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        if not data.get("year"):  # without a year, this year's report
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)
        self.fields["year"].widget.attrs["max"] = _last_year()

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > _last_year():
            raise forms.ValidationError(
                _("Choose a year up to %(last)s.") % {"last": _last_year()}
            )
        return year


def _last_year() -> int:
    return timezone.localdate().year + 1

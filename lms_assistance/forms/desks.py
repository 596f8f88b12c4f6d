"""The desk's settings form in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import HelpKind


class DeskForm(WagtailAdminModelForm):
    two_volunteers_for = forms.MultipleChoiceField(
        label=_("Home visits need two volunteers for"),
        choices=HelpKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kinds of help whose home visits two volunteers must make."),
    )

"""Form fields that coordinators' admin forms share."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class LearnerEmailField(forms.EmailField):
    """An address typed by a coordinator, cleaned into the learner who signed up
    with it (any case)."""

    default_error_messages = {"unknown": _("Nobody has signed up with this address.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Learner's email"))
        kwargs.setdefault("help_text", _("The address the learner signed up with."))
        super().__init__(**kwargs)

    def clean(self, value):
        email = super().clean(value)
        learner = get_user_model().objects.filter(email__iexact=email).first()
        if learner is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return learner

"""The public verification form and the coordinators' issue and revoke forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms_courses.forms import LearnerEmailField

from . import codes
from .issuing import certificates_of
from .models import CertificateRule


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=80,
        help_text=_(
            "As printed on the certificate, e.g. ABCD-EFGH-…; case and dashes "
            "do not matter."
        ),
    )

    def clean_code(self):
        code = codes.normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A code has 32 letters and digits (2–7). Check what you typed.")
            )
        return code


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the certificate's history; a revocation reason is shown "
            "on the public verification page."
        ),
    )


class IssueForm(ReasonForm):
    learner = LearnerEmailField()
    rule = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=CertificateRule.objects.select_related("cohort", "course"),
        help_text=_("The cohort or course whose certificate to issue."),
    )
    field_order = ["learner", "rule", "reason"]

    def clean(self):
        cleaned = super().clean()
        learner, rule = cleaned.get("learner"), cleaned.get("rule")
        if learner and rule:
            if certificates_of(rule).filter(user=learner).exists():
                raise forms.ValidationError(
                    _(
                        "This learner already has this certificate. Reinstate it if it "
                        "was revoked."
                    )
                )
        return cleaned

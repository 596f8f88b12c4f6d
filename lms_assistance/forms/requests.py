"""Forms for a request: intake, consent, assignment, moves, notes, documents, grants."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .. import conf, documents
from ..models import DELIVERY_KINDS, AssistanceRequest, HelpKind, LegalBasis

# Only form filling and document collection may need an identity document's number.
KINDS_NEEDING_ID_NUMBER = {HelpKind.FORMS, HelpKind.DOCUMENTS}

# A request's fields by subject, in the order the intake form asks and the request
# page shows them.
SECTIONS = [
    (
        _("The person"),
        [
            "given_name",
            "family_name",
            "nationality",
            "residence_status",
            "id_document_kind",
            "id_document_number",
        ],
    ),
    (_("Contact"), ["phone", "preferred_language", "home_visit", "address"]),
    (_("The help needed"), ["reference", "desk", "kind", "service", "needs"]),
    (
        _("Status, legal basis and consent"),
        ["status", "legal_basis", "consent_given", "consent_scope"],
    ),
]


def sectioned(names, shown) -> list[tuple]:
    """``shown(name)`` for each of ``names``, grouped as ``SECTIONS``; empty sections
    are left out."""
    names = set(names)
    return [
        (legend, [shown(name) for name in fields if name in names])
        for legend, fields in SECTIONS
        if names.intersection(fields)
    ]


class IntakeForm(forms.ModelForm):
    class Meta:
        model = AssistanceRequest
        fields = [
            "desk",
            "kind",
            "service",
            "preferred_language",
            "needs",
            "given_name",
            "family_name",
            "phone",
            "home_visit",
            "address",
            "nationality",
            "residence_status",
            "id_document_kind",
            "id_document_number",
            "legal_basis",
            "consent_given",
            "consent_scope",
        ]
        widgets = {"needs": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["desk"].empty_label = None
        self.fields["legal_basis"].initial = LegalBasis.CONSENT
        self.fields["consent_scope"].help_text = _(
            "E.g. “The desk and one volunteer may use my details to fill in my work "
            "permit application.”"
        )

    def sections(self) -> list[tuple]:
        """The form's fields grouped as ``SECTIONS``: one fieldset each."""
        return sectioned(self.fields, self.__getitem__)

    def clean(self):
        answers = super().clean()
        kind = answers.get("kind")
        if answers.get("legal_basis") == LegalBasis.CONSENT and not answers.get(
            "consent_given"
        ):
            self.add_error(
                "consent_given",
                _("The legal basis is consent: tick this once the migrant agrees."),
            )
        if (
            answers.get("consent_given")
            and not answers.get("consent_scope", "").strip()
        ):
            self.add_error("consent_scope", _("Write down what the migrant agreed to."))
        if answers.get("id_document_number") and kind not in KINDS_NEEDING_ID_NUMBER:
            self.add_error(
                "id_document_number",
                _("Only form filling and document collection need this number."),
            )
        if (
            answers.get("address")
            and not answers.get("home_visit")
            and kind not in DELIVERY_KINDS
        ):
            self.add_error(
                "address",
                _("Only home visits and deliveries need the address."),
            )
        return answers


class ConsentForm(forms.Form):
    consent_scope = forms.CharField(label=_("What the consent covers"), max_length=500)


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=get_user_model().objects.none()
    )
    second = forms.ModelChoiceField(
        label=_("Second volunteer (home visits)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(
            pk__in=[volunteer.user_id for volunteer in volunteers]
        )
        self.fields["volunteer"].queryset = users
        self.fields["second"].queryset = users
        labels = {
            volunteer.user_id: _("%(name)s (speaks %(languages)s; %(tasks)s open)")
            % {
                "name": volunteer,
                "languages": volunteer.languages,
                "tasks": volunteer.open_tasks,
            }
            for volunteer in volunteers
        }
        for name in ("volunteer", "second"):
            self.fields[name].label_from_instance = lambda user: labels.get(
                user.pk, str(user)
            )


class MoveForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("start", _("Start work")),
            ("finish", _("Mark done")),
            ("refer", _("Refer to another organisation")),
            ("close", _("Close without help")),
        ]
    )
    referred_to = forms.CharField(
        label=_("Referred to"), max_length=200, required=False
    )
    reason = forms.CharField(label=_("Why closed"), max_length=500, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text. Only what the help needs."),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("What it is"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, DOCX or ODT, up to 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > documents.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if documents.checked_type(upload) is None:
            raise forms.ValidationError(documents.NOT_A_DOCUMENT)
        return upload


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Data-protection officer"), queryset=get_user_model().objects.none()
    )
    reason = forms.CharField(label=_("Why"), max_length=500)
    days = forms.IntegerField(label=_("For how many days"), min_value=1, max_value=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(
            groups__name=conf.dpo_group_name()
        )
        self.fields["days"].initial = conf.grant_days()

"""Forms for a delivery's steps: collection, handover to the migrant, return."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..deliveries import DeliveryRefused, last_characters
from ..models import Delivery, IdDocumentKind


class CollectionForm(forms.Form):
    item = forms.CharField(
        label=_("Item collected"),
        max_length=200,
        help_text=Delivery._meta.get_field("item").help_text,
    )


class HandoverForm(forms.Form):
    delivered_with = forms.ModelChoiceField(
        label=_("Who went with you"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
    )
    id_check_kind = forms.ChoiceField(
        label=_("Document the recipient showed"),
        choices=[("", "—"), *IdDocumentKind.choices],
    )
    last_digits = forms.CharField(
        label=_("Its last four characters"),
        max_length=40,
        required=False,
        help_text=_("Never the whole number: only its last four letters or digits."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 6}),
    )
    confirmed = forms.BooleanField(
        label=_("The recipient confirmed receiving the item"),
        error_messages={
            "required": _(
                "The recipient must confirm receiving the item before it is handed "
                "over."
            )
        },
    )

    def __init__(self, *args, companions, needs_two: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["delivered_with"]
        field.queryset = companions
        if needs_two:
            field.required = True
            field.empty_label = "—"
            field.help_text = _(
                "This desk sends two people to a home visit for this kind of help."
            )
            field.error_messages["required"] = _(
                "This desk sends two people to a home visit for this kind of help: "
                "say who went with you."
            )

    def clean_last_digits(self):
        try:
            return last_characters(self.cleaned_data["last_digits"])
        except DeliveryRefused as refusal:
            # Whatever was typed is not shown back: it may be the whole number.
            self.data = self.data.copy()
            self.data[self.add_prefix("last_digits")] = ""
            raise forms.ValidationError(str(refusal)) from None


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back to the service"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

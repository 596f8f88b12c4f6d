"""Forms of drives: opening one, adding its slots, recording who came, and the
public booking pages (booking a slot, and finding, moving or cancelling it by code)."""

import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from lms_volunteers.models import ProjectPage

from .. import drives
from ..models import Booking, Drive, DriveSlot, Language


class DriveForm(forms.ModelForm):
    """Staff open a drive for one of their desks."""

    class Meta:
        model = Drive
        fields = ["desk", "title", "place", "kind", "project", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"place": _("Where migrants come: address, building, room.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        desks = drives.desks_for(user)
        self.fields["desk"].queryset = desks
        self.fields["desk"].empty_label = None
        self.fields["project"].queryset = _projects_in_reader_language()
        if not self.is_bound:
            first = desks.select_related("project").first()
            if first is not None:
                self.initial.setdefault("place", first.place)
                if first.project_id:
                    self.initial.setdefault("project", first.project_id)


class SlotsForm(forms.Form):
    """A run of slots one after another on one day."""

    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label=_("First slot starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    count = forms.IntegerField(
        label=_("Number of slots"),
        min_value=1,
        max_value=drives.MAX_SLOTS_AT_ONCE,
        initial=8,
    )
    minutes = forms.IntegerField(
        label=_("Minutes per slot"), min_value=5, max_value=480, initial=30
    )
    places = forms.IntegerField(
        label=_("Migrants per slot"),
        min_value=1,
        max_value=100,
        initial=4,
        help_text=_("How many people can be helped at the same time."),
    )
    volunteers = forms.IntegerField(
        label=_("Volunteers needed per slot"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Leave empty for one volunteer for every four migrants."),
    )

    def clean(self):
        cleaned = super().clean()
        day, start = cleaned.get("day"), cleaned.get("start")
        if day and start:
            first = timezone.make_aware(datetime.datetime.combine(day, start))
            if first <= timezone.now():
                self.add_error("start", _("This time has passed. Choose a later one."))
            cleaned["first_starts_at"] = first
        return cleaned


class OpenForm(forms.Form):
    """Open the drive for booking, or stop bookings."""

    is_open = forms.TypedChoiceField(
        label=_("Booking"),
        choices=[("1", _("Open")), ("0", _("Closed"))],
        coerce=lambda value: value == "1",
    )


class MarkForm(forms.Form):
    """Staff record what became of a booking."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (status.value, status.label)
            for status in (Booking.Status.HELPED, Booking.Status.NO_SHOW)
        ],
    )


class SlotChoiceField(forms.ModelChoiceField):
    """A slot shown with its local time and the places it has left."""

    def label_from_instance(self, slot):
        left = slot.places_left()
        places = ngettext("%(left)s place left", "%(left)s places left", left) % {
            "left": left
        }
        return f"{drives.slot_time(slot)} · {places}"


FULL_OR_GONE = _("That time is full or no longer open. Please choose another time.")


class BookingForm(forms.Form):
    """A migrant books a slot; nothing here needs an account."""

    slot = SlotChoiceField(
        label=_("Time"),
        queryset=DriveSlot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": FULL_OR_GONE},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("So that the desk knows whom to expect."),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[
            RegexValidator(
                r"^[0-9+()\-\s]{5,40}$",
                _("A phone number has digits, spaces and + ( ) - only."),
            )
        ],
        help_text=_("Only if the desk may call you about this appointment."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language you prefer"), choices=Language)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        language = (get_language() or "").split("-")[0]
        if language in Language.values:
            self.fields["language"].initial = language


class CodeForm(forms.Form):
    """The booking code, and what to do with the booking it finds."""

    code = forms.CharField(
        label=_("Booking code"),
        max_length=60,
        help_text=_("The code you were given when you booked, e.g. ABCD-EFGH-JKLM."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    action = forms.ChoiceField(
        choices=[("find", "find"), ("cancel", "cancel"), ("move", "move")],
        initial="find",
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_code(self):
        code = drives.normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("Type the code you were given when you booked.")
            )
        return code

    def clean_action(self):
        return self.cleaned_data["action"] or "find"


class MoveForm(forms.Form):
    """Another time of the same drive."""

    slot = SlotChoiceField(
        label=_("New time"),
        queryset=DriveSlot.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": FULL_OR_GONE},
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


def _projects_in_reader_language():
    """Each live project once, in the reader's language when it is translated."""
    language = (get_language() or "").split("-")[0]
    chosen = {}
    for pk, key, code in (
        ProjectPage.objects.live()
        .order_by("path")
        .values_list("pk", "translation_key", "locale__language_code")
    ):
        if key not in chosen or code == language:
            chosen[key] = pk
    return ProjectPage.objects.filter(pk__in=chosen.values()).order_by("title")

"""Sign-up, log-in, profile and password forms of the site's learners."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from lms_background.mail import send_email

from .time_zones import time_zone_choices

User = get_user_model()


class SignupForm(forms.Form):
    # A plain form: a taken address must not be reported here (that would tell
    # strangers who has an account); the view writes to its owner instead.
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "unverified": _(
            "Please confirm your email address first: follow the link we sent you, "
            "or ask for a new one below."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            email = self.cleaned_data.get("username", "")
            password = self.cleaned_data.get("password", "")
            user = User.objects.filter(email__iexact=email, is_active=False).first()
            # Only someone who knows the password learns that the address awaits
            # confirmation.
            if (
                user is not None
                and not user.last_login
                and user.check_password(password)
            ):
                raise forms.ValidationError(
                    self.error_messages["unverified"], code="unverified"
                ) from None
            raise


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Times of live classes are shown in this time zone."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices(
            settings.TIME_ZONE, keep=self.instance.time_zone if self.instance else ""
        )


class LearnerPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through the one email function."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        send_email(
            context["user"],
            "accounts/emails/password_reset",
            {key: context[key] for key in ("protocol", "domain", "uid", "token")},
        )

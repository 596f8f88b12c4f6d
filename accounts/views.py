"""Sign up with email verification, log in, profile, password reset and the
download of one's own data."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy, translate_url
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms_background.mail import send_email
from lms_courses import conf as courses_conf

from . import personal_data
from .forms import (
    LearnerPasswordResetForm,
    LoginForm,
    ProfileForm,
    ResendVerificationForm,
    SignupForm,
)
from .tokens import email_verification_token

User = get_user_model()


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("learning:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            send_email(existing, "accounts/emails/already_registered", _links(request))
        else:
            user = _create_inactive_user(form, request.LANGUAGE_CODE)
            if user is None:  # the same address, signed up a moment ago in another tab
                existing = User.objects.get(email__iexact=email)
                send_email(
                    existing, "accounts/emails/already_registered", _links(request)
                )
            else:
                send_verification(request, user)
        request.session["signup_email"] = email
        return redirect("accounts:signup_done")
    return TemplateResponse(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return TemplateResponse(
        request,
        "accounts/signup_done.html",
        {"email": request.session.get("signup_email", "")},
    )


def verify_email(request, uidb64: str, token: str):
    user = _user_from_uid(uidb64)
    if user is None or not email_verification_token.check_token(user, token):
        return TemplateResponse(
            request,
            "accounts/verify_failed.html",
            {"form": ResendVerificationForm()},
            status=400,
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed. Welcome!"))
    return redirect("learning:dashboard")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], is_active=False, last_login=None
        ).first()
        if user is not None:
            send_verification(request, user)
        request.session["signup_email"] = form.cleaned_data["email"]
        return redirect("accounts:signup_done")
    return TemplateResponse(request, "accounts/resend.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    if form.is_bound:
        messages.error(
            request, _("Your profile is not saved: please check the fields below.")
        )
    return TemplateResponse(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def download_personal_data(request):
    """Everything the School holds about the signed-in person, as one JSON file."""
    copy = personal_data.export(request.user, absolute_url=request.build_absolute_uri)
    body = json.dumps(copy, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def send_verification(request, user) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    send_email(
        user,
        "accounts/emails/verify_email",
        {**_links(request), "uid": uid, "token": token},
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language in dict(settings.LANGUAGES):
            # Continue in the learner's own language, and remember it on this device.
            response["Location"] = translate_url(response["Location"], language)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LearnerPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _create_inactive_user(form, language: str):
    user = User(
        email=form.cleaned_data["email"],
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        is_active=False,
        preferred_language=language,
    )
    user.set_password(form.cleaned_data["password1"])
    try:
        with transaction.atomic():
            user.save()
            user.groups.add(
                *Group.objects.filter(name=courses_conf.students_group_name())
            )
    except IntegrityError:
        return None
    return user


def _user_from_uid(uidb64: str):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def _links(request) -> dict:
    """What an email needs to build absolute links back to this site."""
    return {
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }

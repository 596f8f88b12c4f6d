"""Login throttling (django-axes): whose failures count together, and the page that
someone locked out sees, on the site's login and on the Wagtail admin's."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone


def login_username(request, credentials: dict | None) -> str | None:
    """The address typed at login, compared as the site compares it: case-insensitively.

    Otherwise ``Student@…`` and ``student@…`` would each get their own five tries.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = request.POST.get(field)
    if not isinstance(typed, str):
        return None
    return typed.strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """A page in the visitor's language: locked out, until when, and how to reset.

    Axes calls this with the view's response and the credentials; its asynchronous
    middleware passes them shifted, so only ``request`` is relied on.
    """
    cool_off = get_cool_off(request)
    attempted_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    admin = _is_admin_login(request)
    context = {
        "minutes": math.ceil(cool_off.total_seconds() / 60),
        "retry_at": timezone.localtime(attempted_at + cool_off),
        "password_reset_url": reverse(
            "wagtailadmin_password_reset" if admin else "accounts:password_reset"
        ),
    }
    template = "accounts/admin_locked_out.html" if admin else "accounts/locked_out.html"
    response = TemplateResponse(
        request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


def _is_admin_login(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.url_name == "wagtailadmin_login"
    return request.path_info == reverse("wagtailadmin_login")

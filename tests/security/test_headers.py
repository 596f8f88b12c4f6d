"""Every response carries the Content-Security-Policy and the other security
headers; production adds HSTS and secure cookies (issue 9, item 3)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from tests.conftest import in_english

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k3Jd9-xQ7vLp2mZ8rT5wYb4nHc6fGs1aUe0iOo9PlKjh7Ng3Mq" * 2,
    "ALLOWED_HOSTS": "school.example,.training.example",
    "DATABASE_URL": "postgres://lms@db.example/lms",
    "REDIS_URL": "redis://cache.example:6379/0",
}
# What production resolves, read by a subprocess with the production settings.
READ_PRODUCTION = """
import json
from django.conf import settings
from csp.utils import build_policy
names = [
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS", "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "MIDDLEWARE",
]
found = {name: getattr(settings, name) for name in names}
found["policy"] = build_policy()
print("SETTINGS " + json.dumps(found))
"""
# Inline code that the site's policy would block: scripts without src (JSON data
# blocks excepted), event-handler and style attributes, javascript: URLs.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"
    r"|\son[a-z]+\s*=|\sstyle\s*=|javascript:",
    re.IGNORECASE,
)
PROJECT_TEMPLATES = [
    path
    for folder in ROOT.iterdir()
    if folder.is_dir() and folder.name not in {".venv", "var", "tests", "bench"}
    for path in folder.glob("**/templates/**/*.html")
]


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture(scope="module")
def production():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="lms.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", READ_PRODUCTION],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("SETTINGS "))
    return json.loads(line.removeprefix("SETTINGS "))


@pytest.mark.django_db
def test_a_public_page_allows_only_the_sites_own_scripts_styles_and_frames(
    client, school
):
    response = client.get(in_english(school["lessons"][0].url))

    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert "https://www.youtube.com" in directives["frame-src"]
    assert "'self'" not in directives["frame-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_a_public_page_cannot_be_framed_sniffed_or_leak_its_address(client, school):
    response = client.get(in_english(school["catalogue"].url))

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_only_the_wagtail_admin_may_run_inline_scripts_and_styles(client):
    directives = policy(client.get("/admin/login/"))

    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'self'" in directives["frame-src"]  # the preview panel
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


@pytest.mark.django_db
def test_a_page_previewed_in_the_admin_keeps_the_site_policy_inside_the_admin_frame(
    school,
):
    lesson = school["lessons"][0]

    response = lesson.make_preview_request(RequestFactory().get("/admin/"))

    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_site_templates_hold_no_inline_script_handler_or_style():
    assert PROJECT_TEMPLATES
    offending = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in PROJECT_TEMPLATES
        for match in INLINE_CODE.finditer(path.read_text())
    ]
    assert offending == []


def test_production_sends_hsts_and_only_secure_cookies(production):
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["LANGUAGE_COOKIE_SECURE"] is True


def test_production_forbids_framing_sniffing_and_cross_origin_openers(production):
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_production_sends_the_content_security_policy(production):
    assert "home.middleware.ContentSecurityPolicyMiddleware" in production["MIDDLEWARE"]
    directives = {
        name: sources
        for name, *sources in (p.split() for p in production["policy"].split(";"))
    }
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert "https://video.example" not in directives["frame-src"]
    # The live classroom's socket, named for browsers where 'self' misses wss://.
    assert directives["connect-src"] == [
        "'self'",
        "wss://school.example",
        "wss://training.example",
        "wss://*.training.example",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/az/", "/en/courses/", "/ru/no-such-page/"])
def test_a_host_header_the_site_does_not_serve_gets_a_400_not_an_error(
    client, school, django_user_model, path
):
    """Scanners send any Host header: the answer is Django's 400 page, for a visitor
    (the page cache keys pages by host) and for a signed-in user (the header's links
    are kept by host too), never a 500 that pages an operator."""
    for signed_in in (False, True):
        if signed_in:
            client.force_login(
                django_user_model.objects.create_user("x@school.example")
            )
        response = client.get(path, HTTP_HOST="attacker.example")
        assert response.status_code == 400
        assert "Age" not in response
    assert client.get(path).status_code in (200, 404)

"""Every piece of user-supplied HTML goes through one bleach-based sanitizer."""

import pytest
from django.template import Context, Template

from courses.sanitizer import sanitize_html

DANGEROUS = [
    ("<script>alert(1)</script><p>Hello</p>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<p onclick="steal()">Hi</p>', "onclick"),
    ('<a href="javascript:alert(1)">click</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">click</a>', "javascript:"),
    ('<a href="&#106;avascript:alert(1)">click</a>', "avascript"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
    ('<div style="background:url(javascript:alert(1))">x</div>', "style="),
    ("<style>body{display:none}</style>", "<style"),
    ('<form action="https://evil.example"><input name="p"></form>', "<form"),
]


@pytest.mark.parametrize(("html", "forbidden"), DANGEROUS)
def test_sanitizer_removes_scripts_handlers_and_dangerous_urls(html, forbidden):
    cleaned = sanitize_html(html)
    assert forbidden.lower() not in cleaned.lower()


def test_sanitizer_keeps_simple_formatting_and_safe_links():
    html = (
        "<p>Read <strong>Objective 11</strong> at "
        '<a href="https://example.org/gcm">the UN</a>.</p>'
    )
    cleaned = sanitize_html(html)
    assert "<strong>Objective 11</strong>" in cleaned
    assert 'href="https://example.org/gcm"' in cleaned
    assert 'rel="nofollow"' in cleaned


def test_sanitizer_keeps_azerbaijani_and_cyrillic_text():
    assert sanitize_html("<p>Ə ə Ğ ğ I ı İ i Ş ş Ç ç Ö ö Ü ü — миграция</p>") == (
        "<p>Ə ə Ğ ğ I ı İ i Ş ş Ç ç Ö ö Ü ü — миграция</p>"
    )


@pytest.mark.parametrize("empty", [None, ""])
def test_sanitizer_accepts_nothing(empty):
    assert sanitize_html(empty) == ""


def test_template_filter_uses_the_same_sanitizer():
    template = Template("{% load courses_tags %}{{ html|sanitize }}")
    rendered = template.render(Context({"html": '<b onmouseover="x()">bold</b>'}))
    assert rendered == "<b>bold</b>"

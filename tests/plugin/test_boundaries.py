"""LMS apps never import our site project: they must work inside any Wagtail site."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LMS_APPS = [
    "courses",
    "quizzes",
    "live",
    "cohorts",
    "certificates",
    "background",
    "insights",
    "volunteers",
    "assistance",
]
SITE_PACKAGES = {"lms", "home", "accounts", "tests", "bench"}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("app", LMS_APPS)
def test_no_lms_app_imports_the_site_project(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & SITE_PACKAGES)
        for path in (ROOT / app).rglob("*.py")
        if imported_packages(path) & SITE_PACKAGES
    }
    assert offenders == {}


@pytest.mark.parametrize("app", LMS_APPS)
def test_no_lms_app_template_names_a_site_url(app):
    """Templates link to the apps' own URLs, and to the login page by LOGIN_URL."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app / "templates").rglob("*.*")
        if "{% url 'accounts:" in path.read_text(encoding="utf-8")
        or "{% url 'home" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []

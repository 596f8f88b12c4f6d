"""The apps as a plugin: the built wheel installs into a fresh `wagtail start` site,
set up as docs/plugin.md says, and serves a course, a lesson, a quiz, a classroom, the
union's pages and a volunteer's own, the assistance desk, and a cohort's insights,
beside the host's own app named and labelled `courses`.

Dependencies come from this environment; the LMS apps come from the wheel only (the
repository is not on the host site's path), so an app that imports the site project,
or needs a setting without a default, fails here.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every app the wheel ships, and our site, which it must not.
LMS_APPS = [
    "lms_courses",
    "lms_quizzes",
    "lms_live",
    "lms_cohorts",
    "lms_certificates",
    "lms_background",
    "lms_insights",
    "lms_volunteers",
    "lms_assistance",
    "lms_toolkit",
]
SITE_PACKAGES = ["lms", "home", "accounts", "demo", "tests", "bench"]
# The host site's own `courses` app (`manage.py startapp courses`).
HOST_COURSES_MODELS = """from django.db import models


class Course(models.Model):
    name = models.CharField(max_length=100)
"""


def run(command, cwd, env=None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def doc_blocks() -> dict[str, str]:
    """The code blocks of docs/plugin.md, by the comment on their first line."""
    text = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    blocks = {}
    for code in re.findall(r"```(?:python|django)\n(.*?)```", text, re.DOTALL):
        first, _, rest = code.partition("\n")
        name = first.strip("#{} ").strip()
        blocks[name] = rest
    return blocks


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    """A `wagtail start` site with the wheel installed, as docs/plugin.md says."""
    tmp = tmp_path_factory.mktemp("plugin")
    run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        + ["--outdir", tmp / "dist", "."],
        cwd=ROOT,
    )
    # setuptools leaves its work in the source tree: not for other tests to find.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    for leftover in ROOT.glob("*.egg-info"):
        shutil.rmtree(leftover)
    [wheel] = (tmp / "dist").glob("*.whl")
    # A fresh virtual environment that borrows this one's packages (Wagtail, Django,
    # Channels...) through a .pth file, so nothing is downloaded; the LMS apps come
    # from the wheel alone.
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp)
    python = venv / "bin" / "python"
    [packages] = (venv / "lib").glob("python3*/site-packages")
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (packages / "borrowed.pth").write_text("\n".join(borrowed) + "\n")
    run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel],
        cwd=tmp,
    )
    site = tmp / "site"
    site.mkdir()
    run([python, "-m", "wagtail.bin.wagtail", "start", "mysite", site], cwd=tmp)
    blocks = doc_blocks()
    with open(site / "mysite" / "settings" / "base.py", "a", encoding="utf-8") as f:
        f.write("\n" + blocks["settings"])
    with open(site / "mysite" / "urls.py", "a", encoding="utf-8") as f:
        f.write("\n" + blocks["urls"])
    (site / "mysite" / "asgi.py").write_text(blocks["asgi"], encoding="utf-8")
    templates = site / "mysite" / "templates"
    (templates / "lms_base.html").write_text(blocks["base template"], encoding="utf-8")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "DJANGO_SETTINGS_MODULE": "mysite.settings.dev",
    }
    # The host has an app of its own named and labelled `courses`, as a site that
    # teaches anything may: ours is `lms_courses`, so both install side by side.
    run([python, "manage.py", "startapp", "courses"], site, env)
    (site / "courses" / "models.py").write_text(HOST_COURSES_MODELS, encoding="utf-8")
    with open(site / "mysite" / "settings" / "base.py", "a", encoding="utf-8") as f:
        f.write('\nINSTALLED_APPS += ["courses"]\n')
    run([python, "manage.py", "makemigrations", "courses", "-v", "0"], site, env)
    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], site, env)
    return site, env, python, packages


@pytest.fixture(scope="module")
def visited(host_site) -> dict:
    """What host_site_script.py found, building content and visiting its pages."""
    site, env, python, _packages = host_site
    script = Path(__file__).with_name("host_site_script.py")
    output = run([python, script], site, {**env, "PYTHONPATH": str(site)})
    return json.loads(output.strip().splitlines()[-1])


def shipped_files(app: str, pattern: str) -> list[str]:
    """The files of ``app`` in this repository that the wheel must hold."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / app).glob(pattern)
        if "__pycache__" not in path.parts
    )


@pytest.mark.parametrize("app", LMS_APPS)
def test_the_wheel_holds_each_app_whole(host_site, app):
    """Its modules and migrations, templates, static files, fonts and translations."""
    _site, _env, _python, packages = host_site
    for pattern in [
        "**/*.py",
        "templates/**/*.*",
        "static/**/*.*",
        "fonts/*",
        "**/*.mo",
    ]:
        wanted = shipped_files(app, pattern)
        missing = [name for name in wanted if not (packages / name).exists()]
        assert missing == [], pattern


def test_the_wheel_holds_every_app_s_migrations_and_azerbaijani_translations(
    host_site,
):
    _site, _env, _python, packages = host_site
    for app in LMS_APPS:
        if app == "lms_toolkit":  # no models, no words of its own
            continue
        assert (packages / app / "migrations" / "__init__.py").exists(), app
        assert (packages / app / "locale" / "az" / "LC_MESSAGES" / "django.mo").exists()
    assert (packages / "lms_volunteers" / "migrations" / "0001_initial.py").exists()
    assert (packages / "lms_assistance" / "migrations" / "0001_initial.py").exists()
    assert (packages / "lms_toolkit" / "calendar.py").exists()
    assert (packages / "lms_toolkit" / "throttle.py").exists()
    assert (packages / "lms_quizzes" / "static" / "quizzes" / "attempt.js").exists()
    assert (packages / "lms_certificates" / "fonts" / "DejaVuSerif.ttf").exists()


def test_the_wheel_holds_none_of_the_site(host_site):
    _site, _env, _python, packages = host_site
    for absent in SITE_PACKAGES:
        assert not (packages / absent).exists(), absent


def test_the_host_site_passes_django_s_checks(host_site):
    site, env, python, _packages = host_site
    run([python, "manage.py", "check"], site, env)
    run([python, "manage.py", "makemigrations", "--check", "--dry-run"], site, env)


IN_THE_HOST_LAYOUT = {"status": 200, "title_shown": True, "inside_host_layout": True}


def test_a_course_lesson_quiz_and_classroom_work_inside_the_host_site(
    host_site, visited
):
    _site, _env, _python, packages = host_site
    assert visited["lms_courses_from"].startswith(str(packages))
    for title in [
        "Courses",
        "Migration basics",
        "What the Compact is",
        "Check yourself",
    ]:
        assert visited["pages"][title] == IN_THE_HOST_LAYOUT, title
    assert visited["dashboard"] == 200
    assert visited["personal_data"]["enrolments"] == 1
    assert visited["classroom"] == {"connected": True, "first": "welcome"}


def test_the_union_s_pages_and_a_volunteer_s_own_work_inside_the_host_site(visited):
    for title in [
        "Migration Volunteers",
        "Legal help",
        "Forms without fear",
        "My volunteering",
        "My shifts",
        "Become a volunteer",
    ]:
        assert visited["pages"][title] == IN_THE_HOST_LAYOUT, title


def test_the_desk_works_inside_the_host_site_for_its_staff_and_migrants(visited):
    for title in [
        "The desk's requests",
        "A request",
        "Record a request",
        "A drive's booking page",
        "A booking made",
    ]:
        assert visited["pages"][title] == IN_THE_HOST_LAYOUT, title
    assert visited["desk_for_a_student"] == 404


def test_a_trainer_and_a_coordinator_see_a_cohort_s_insights_in_the_host_admin(
    visited,
):
    for view, seen in visited["insights"].items():
        assert seen == {"status": 200, "shown": True}, view


def test_dates_read_as_each_language_writes_them_inside_the_host_site(visited):
    assert visited["dates"] == {
        "az": ["21 yanvar 2027", "yanvar 2027"],
        "en": ["21 January 2027", "January 2027"],
        "ru": ["21 января 2027", "январь 2027"],
    }


def test_the_host_site_s_own_courses_app_works_beside_ours(host_site, visited):
    site, _env, _python, packages = host_site
    host = visited["host_courses"]
    assert host["from"].startswith(str(site / "courses"))
    assert host["labels"] == {"courses": "courses", "lms_courses": "lms_courses"}
    assert host["names"] == ["Cooking for beginners"]
    assert visited["lms_courses_from"].startswith(str(packages / "lms_courses"))

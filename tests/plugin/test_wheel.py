"""The apps as a plugin: the built wheel installs into a fresh `wagtail start` site,
set up as docs/plugin.md says, and serves a course, a lesson, a quiz and a classroom.

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
    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], site, env)
    return site, env, python, packages


def test_the_wheel_holds_the_apps_and_not_the_site(host_site):
    _site, _env, _python, packages = host_site
    for app in ["courses", "quizzes", "live", "cohorts", "certificates", "background"]:
        assert (packages / app / "migrations" / "0001_initial.py").exists()
        assert (packages / app / "locale" / "az" / "LC_MESSAGES" / "django.mo").exists()
    assert (packages / "quizzes" / "static" / "quizzes" / "attempt.js").exists()
    assert (packages / "certificates" / "fonts" / "DejaVuSerif.ttf").exists()
    for absent in ["lms", "home", "accounts", "tests", "bench"]:
        assert not (packages / absent).exists()


def test_the_host_site_passes_django_s_checks(host_site):
    site, env, python, _packages = host_site
    run([python, "manage.py", "check"], site, env)
    run([python, "manage.py", "makemigrations", "--check", "--dry-run"], site, env)


def test_a_course_lesson_quiz_and_classroom_work_inside_the_host_site(host_site):
    site, env, python, packages = host_site
    script = Path(__file__).with_name("host_site_script.py")
    output = run([python, script], site, {**env, "PYTHONPATH": str(site)})
    found = json.loads(output.strip().splitlines()[-1])
    assert found["courses_from"].startswith(str(packages))
    for title, page in found["pages"].items():
        assert page == {
            "status": 200,
            "title_shown": True,
            "inside_host_layout": True,
        }, title
    assert found["dashboard"] == 200
    assert found["classroom"] == {"connected": True, "first": "welcome"}

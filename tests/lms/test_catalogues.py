"""Every interface string ships in Azerbaijani and Russian, compiled and current.

The site's own strings are in locale/; each LMS app carries its own catalogues in
<app>/locale/, so that the app leaves with its translations (docs/plugin.md).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["az", "ru"]


DOMAINS = ["django", "djangojs"]
LOCALE_DIRS = [ROOT / "locale"] + sorted(ROOT.glob("*/locale"))
SOURCES = [
    po.relative_to(ROOT)
    for directory in LOCALE_DIRS
    for po in sorted(directory.glob("*/LC_MESSAGES/*.po"))
    if ".venv" not in po.parts
]


def messages(entries) -> dict:
    found = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid)
        found[key] = entry.msgstr_plural or entry.msgstr
    return found


def test_every_lms_app_carries_its_catalogues():
    for app in [
        "lms_courses",
        "lms_quizzes",
        "lms_live",
        "lms_cohorts",
        "lms_certificates",
        "lms_background",
        "lms_toolkit",  # the month names of lms_toolkit/formats
    ]:
        for language in LANGUAGES:
            assert (
                ROOT / app / "locale" / language / "LC_MESSAGES" / "django.mo"
            ).exists()


@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_no_entry_is_empty_or_fuzzy(source):
    po = polib.pofile(str(ROOT / source))
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_the_compiled_catalogue_matches_its_source(source):
    compiled = messages(polib.mofile(str(ROOT / source.with_suffix(".mo"))))
    source = messages(polib.pofile(str(ROOT / source)))
    assert compiled == source, "run `make messages` to compile the catalogues"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_every_marked_string_is_in_the_catalogues(tmp_path):
    """makemessages on a copy of the code finds nothing the catalogues lack."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "*.pyc"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "az",
            "--add-location",
            "file",
        ]
        + ["-i", "tests/*", "-i", "bench/*", "-i", "var/*"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-d", "djangojs", "-l", "az"]
        + ["-i", "tests/*", "-i", "bench/*", "-i", "var/*"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    for source in SOURCES:
        if source.parts[-3] != "az":
            continue
        fresh = set(messages(polib.pofile(str(copy / source))))
        committed = set(messages(polib.pofile(str(ROOT / source))))
        assert not fresh - committed, (
            f"{source}: run `make messages`, translate the new strings"
        )


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 курс"), (2, "2 курса"), (5, "5 курсов"), (21, "21 курс")],
)
def test_russian_plurals_follow_the_number(count, expected):
    with translation.override("ru"):
        text = translation.ngettext(
            "%(counter)s course", "%(counter)s courses", count
        ) % {"counter": count}
    assert text == expected


def test_azerbaijani_interface_is_used():
    with translation.override("az"):
        assert translation.gettext("Courses") == "Kurslar"
    with translation.override("ru"):
        assert translation.gettext("Courses") == "Курсы"

"""Every interface string ships in Azerbaijani and Russian, compiled and current."""

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


def catalogue(language: str, suffix: str = "po", domain: str = "django") -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.{suffix}"


def messages(entries) -> dict:
    found = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid)
        found[key] = entry.msgstr_plural or entry.msgstr
    return found


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_empty_or_fuzzy(language, domain):
    po = polib.pofile(str(catalogue(language, domain=domain)))
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language, domain):
    compiled = messages(polib.mofile(str(catalogue(language, "mo", domain))))
    source = messages(polib.pofile(str(catalogue(language, "po", domain))))
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
    for domain in DOMAINS:
        fresh_po = copy / "locale" / "az" / "LC_MESSAGES" / f"{domain}.po"
        fresh = set(messages(polib.pofile(str(fresh_po))))
        committed = set(messages(polib.pofile(str(catalogue("az", domain=domain)))))
        assert not fresh - committed, "run `make messages`, translate the new strings"


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


@pytest.mark.parametrize(
    ("language", "expected"),
    [("az", "29 noyabr 2026"), ("ru", "29 ноября 2026 г."), ("en", "Nov. 29, 2026")],
)
def test_dates_read_as_each_language_writes_them(language, expected):
    from datetime import date

    from django.utils import formats

    with translation.override(language):
        assert formats.date_format(date(2026, 11, 29), "DATE_FORMAT") == expected

"""One date style per language: the seven named formats of lms_toolkit/formats.

Russian and Azerbaijani write a month beside its day in the genitive and in lower case
("21 января 2027", "21 yanvar 2027"), a month alone in the nominative ("январь 2027");
English writes "21 January 2027"; every time is on a 24-hour clock, and no date is
written in figures and slashes. Templates and code name their formats, so a new
literal one ("j F Y") cannot creep back in.
"""

import ast
import datetime
import gettext
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation

from lms_toolkit.dates import site_date
from lms_toolkit.formats import NAMED_FORMATS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["az", "en", "ru"]
# 21 January 2027, 21:30 in the site's zone (Asia/Baku), given naive to the formats.
MOMENT = datetime.datetime(2027, 1, 21, 21, 30)

EXPECTED = {
    "az": {
        "DATE_FORMAT": "21 yanvar 2027",
        "DATETIME_FORMAT": "21 yanvar 2027, 21:30",
        "SHORT_DATE_FORMAT": "21.01.2027",
        "SHORT_DATETIME_FORMAT": "21.01.2027 21:30",
        "TIME_FORMAT": "21:30",
        "YEAR_MONTH_FORMAT": "yanvar 2027",
        "MONTH_DAY_FORMAT": "21 yanvar",
    },
    "en": {
        "DATE_FORMAT": "21 January 2027",
        "DATETIME_FORMAT": "21 January 2027, 21:30",
        "SHORT_DATE_FORMAT": "21 Jan 2027",
        "SHORT_DATETIME_FORMAT": "21 Jan 2027, 21:30",
        "TIME_FORMAT": "21:30",
        "YEAR_MONTH_FORMAT": "January 2027",
        "MONTH_DAY_FORMAT": "21 January",
    },
    "ru": {
        "DATE_FORMAT": "21 января 2027",
        "DATETIME_FORMAT": "21 января 2027, 21:30",
        "SHORT_DATE_FORMAT": "21.01.2027",
        "SHORT_DATETIME_FORMAT": "21.01.2027 21:30",
        "TIME_FORMAT": "21:30",
        "YEAR_MONTH_FORMAT": "январь 2027",
        "MONTH_DAY_FORMAT": "21 января",
    },
}

GENITIVE = {
    "az": "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr "
    "dekabr",
    "en": "January February March April May June July August September October "
    "November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября "
    "ноября декабря",
}
NOMINATIVE = GENITIVE | {
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь "
    "декабрь",
}

# What a template may pass to |date and |time besides a named format: the machine
# formats of datetime attributes, calendar files and headers.
MACHINE_FORMATS = {"c", "r", "U", "Y-m-d", "Ymd", "Y-m-d\\TH:i:sO"}
TEMPLATE_DIRS = sorted(ROOT.glob("lms_*/templates")) + [
    ROOT / "templates",
    ROOT / "accounts" / "templates",
    ROOT / "home" / "templates",
]
# |date:"…", |date:'…' or |date:variable (the argument in groups 2, 3 or 4).
DATE_FILTER = re.compile(
    r"""\|\s*(date|time)\s*:\s*(?:"([^"]*)"|'([^']*)'|(\S+?))(?=[\s|}%])"""
)
NOW_TAG = re.compile(r"""\{%\s*now\s+(?:"([^"]*)"|'([^']*)')""")


def test_the_site_reads_the_toolkit_s_format_modules():
    assert settings.FORMAT_MODULE_PATH == ["lms_toolkit.formats"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_names_every_format_itself(language):
    module = importlib.import_module(f"lms_toolkit.formats.{language}.formats")
    assert {name for name in NAMED_FORMATS if hasattr(module, name)} == set(
        NAMED_FORMATS
    )


@pytest.mark.parametrize(
    ("language", "name"),
    [(language, name) for language in LANGUAGES for name in NAMED_FORMATS],
)
def test_each_format_reads_as_its_language_writes_it(language, name):
    expected = EXPECTED[language][name]
    with translation.override(language):
        assert formats.date_format(MOMENT, name) == expected
        rendered = Template("{{ when|date:name }}").render(
            Context({"when": MOMENT, "name": name})
        )
        assert rendered == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_time_has_two_digit_hours_on_a_24_hour_clock(language):
    morning = datetime.datetime(2027, 1, 21, 9, 5)
    with translation.override(language):
        assert formats.time_format(morning, "TIME_FORMAT") == "09:05"
        assert formats.date_format(morning, "DATETIME_FORMAT").endswith(", 09:05")
        rendered = Template('{{ when|time:"TIME_FORMAT" }}').render(
            Context({"when": morning})
        )
    assert rendered == "09:05"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_month_beside_its_day_is_genitive_and_alone_nominative(language):
    beside, alone = [], []
    with translation.override(language):
        for month in range(1, 13):
            day = datetime.date(2027, month, 5)
            beside.append(formats.date_format(day, "DATE_FORMAT").split()[1])
            assert (
                formats.date_format(day, "MONTH_DAY_FORMAT").split()[1] == (beside[-1])
            )
            alone.append(formats.date_format(day, "YEAR_MONTH_FORMAT").split()[0])
    assert beside == GENITIVE[language].split()
    assert alone == NOMINATIVE[language].split()


def test_russian_never_writes_a_nominative_month_after_its_day():
    with translation.override("ru"):
        for name in ["DATE_FORMAT", "DATETIME_FORMAT", "MONTH_DAY_FORMAT"]:
            text = formats.date_format(MOMENT, name)
            assert "январь" not in text.lower(), name
            assert "г." not in text, name


@pytest.mark.parametrize("name", NAMED_FORMATS)
def test_english_writes_no_american_dates(name):
    with translation.override("en"):
        for month in range(1, 13):
            text = formats.date_format(datetime.datetime(2027, month, 3, 15, 0), name)
            assert "/" not in text, (name, text)
            assert "a.m." not in text and "p.m." not in text, (name, text)
            assert not re.match(r"[A-Z][a-z]+\.? \d{1,2}\b", text), (name, text)


@pytest.mark.parametrize("language", ["az", "ru"])
def test_the_toolkit_s_own_catalogue_lower_cases_the_months(language):
    """The plugin brings its month names: a host site has no catalogue of ours."""
    catalogue = gettext.translation(
        "django", ROOT / "lms_toolkit" / "locale", languages=[language]
    )
    english = NOMINATIVE["en"].split()
    assert [catalogue.pgettext("alt. month", m) for m in english] == GENITIVE[
        language
    ].split()
    assert [catalogue.gettext(m) for m in english] == NOMINATIVE[language].split()


def test_an_aware_moment_is_shown_in_the_site_s_time_zone():
    late = datetime.datetime(2027, 1, 21, 22, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        rendered = Template('{{ when|date:"DATETIME_FORMAT" }}').render(
            Context({"when": late})
        )
    assert rendered == "22 January 2027, 02:30"  # Asia/Baku, UTC+4


def test_site_date_counts_the_day_in_the_site_s_time_zone():
    late = datetime.datetime(2027, 1, 21, 22, 30, tzinfo=datetime.UTC)
    assert site_date(late) == datetime.date(2027, 1, 22)
    assert site_date(None) is None
    with timezone.override("America/New_York"):  # a reader far away
        assert site_date(late) == datetime.date(2027, 1, 22)


# No literal format creeps in --------------------------------------------------


def template_files() -> list[Path]:
    return sorted(
        path
        for directory in TEMPLATE_DIRS
        if directory.is_dir()
        for path in directory.rglob("*")
        if path.suffix in {".html", ".txt", ".xml", ".ics"}
    )


def literal_formats(text: str) -> list[str]:
    found = []
    for match in DATE_FILTER.finditer(text):
        argument = match.group(2) or match.group(3) or match.group(4) or ""
        quoted = match.group(4) is None
        if not quoted or argument not in set(NAMED_FORMATS) | MACHINE_FORMATS:
            found.append(match.group(0))
    for match in NOW_TAG.finditer(text):
        argument = match.group(1) or match.group(2)
        if argument not in set(NAMED_FORMATS) | MACHINE_FORMATS:
            found.append(match.group(0))
    return found


def test_the_scan_finds_a_literal_format():
    assert literal_formats("{{ a|date:\"j F Y\" }} {{ b|time:'H:i' }}") == [
        '|date:"j F Y"',
        "|time:'H:i'",
    ]
    assert literal_formats("{{ a|date:some_format }}") == ["|date:some_format"]
    assert literal_formats('{% now "j F Y" %}') == ['{% now "j F Y"']
    assert not literal_formats(
        '{{ a|date:"DATE_FORMAT" }} {{ a|date:\'c\' }} {{ a|time:"TIME_FORMAT" }} '
        "{{ a|date }} {{ a|date:'Y-m-d' }}"
    )


def test_no_template_writes_a_date_in_a_format_of_its_own():
    files = template_files()
    assert len(files) > 50
    found = {
        str(path.relative_to(ROOT)): literal
        for path in files
        if (literal := literal_formats(path.read_text(encoding="utf-8")))
    }
    assert not found, "use a named format (lms_toolkit/formats)"


def test_no_code_writes_a_date_in_a_format_of_its_own():
    """formats.date_format / time_format in the apps take a named format."""
    found = []
    sources = [
        path
        for pattern in ["lms_*/**/*.py", "accounts/**/*.py", "home/**/*.py"]
        for path in ROOT.glob(pattern)
        if "migrations" not in path.parts
    ]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in {"date_format", "time_format"}:
                continue
            arguments = node.args[1:2] + [
                k.value for k in node.keywords if k.arg == "format"
            ]
            for argument in arguments:
                if isinstance(argument, ast.Constant) and (
                    argument.value not in NAMED_FORMATS
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "use a named format (lms_toolkit/formats)"

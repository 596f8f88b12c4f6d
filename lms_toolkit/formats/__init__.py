"""The dates and times of every page, email and PDF, one small set per language.

Point ``FORMAT_MODULE_PATH`` at this package (docs/plugin.md) and every named format
(``{{ when|date:"DATETIME_FORMAT" }}``, ``formats.date_format(day)``) reads as below.
Each module sets only the seven names; what it leaves out (input formats, number
separators, the first day of the week) stays Django's for the language.

…_FORMAT          az                     en                      ru
DATE              21 yanvar 2027         21 January 2027         21 января 2027
DATETIME          21 yanvar 2027, 14:30  21 January 2027, 14:30  21 января 2027, 14:30
SHORT_DATE        21.01.2027             21 Jan 2027             21.01.2027
SHORT_DATETIME    21.01.2027 14:30       21 Jan 2027, 14:30      21.01.2027 14:30
TIME              14:30                  14:30                   14:30
YEAR_MONTH        yanvar 2027            January 2027            январь 2027
MONTH_DAY         21 yanvar              21 January              21 января

A month beside its day takes ``E`` (Russian genitive, "января"); a month standing
alone takes ``F`` (nominative, "январь"). Azerbaijani and Russian write month names in
lower case: ``lms_toolkit.month_names`` puts them in this app's catalogues, which take
precedence over Django's ("Yanvar", "Январь"). Times are 24-hour in every language.
Django's own English formats are American ("Jan. 21, 2027", "01/21/2027", "2:30 p.m."),
so English is written the way the rest of the site writes dates.
"""

NAMED_FORMATS = [
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
]

"""Month names as Azerbaijani and Russian write them, in lower case.

Nothing imports this module: marking the strings here puts them in lms_toolkit's
catalogues, which take precedence over Django's own. ``E`` (a month beside its day,
"21 yanvar 2027", "21 января 2027") reads the "alt. month" names; ``F`` (a month
alone, "yanvar 2027", "январь 2027") reads the plain ones. Django's catalogues
capitalise both in Azerbaijani ("Yanvar") and the nominative in Russian ("Январь").
See lms_toolkit/formats/.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# A month beside its day: "21 yanvar 2027", "21 января 2027".
MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

# A month standing alone: "yanvar 2027", "январь 2027".
MONTHS_ALONE = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

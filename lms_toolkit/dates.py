"""The calendar date of a moment, as the site counts days.

A certificate or a letter of service issued at 22:30 UTC was issued the next day in
Baku: its PDF and its verification page both give the date in the site's time zone
(``settings.TIME_ZONE``), whoever reads them and wherever they are.
"""

import datetime

from django.utils import timezone


def site_date(moment: datetime.datetime | None) -> datetime.date | None:
    """The day of ``moment`` in the site's time zone (a naive one is taken as in it)."""
    if moment is None:
        return None
    zone = timezone.get_default_timezone()
    if timezone.is_naive(moment):
        return moment.date()
    return timezone.localtime(moment, zone).date()


class IssuedOnSiteDays:
    """For a document with ``issued_at`` and ``revoked_at`` (a certificate, a letter of
    service): the days they fall on in the site's time zone, the dates its PDF and its
    verification page give, whoever reads them."""

    @property
    def issued_on(self) -> datetime.date | None:
        return site_date(self.issued_at)

    @property
    def revoked_on(self) -> datetime.date | None:
        return site_date(self.revoked_at)

"""Times in the signed-in person's own time zone (their profile's choice)."""

import zoneinfo

from django.utils import timezone


class UserTimeZoneMiddleware:
    """Show dates and times in ``user.time_zone``; everyone else sees the site's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(getattr(request, "user", None), "time_zone", "")
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()  # no profile, or a zone this machine lacks
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

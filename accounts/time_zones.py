"""The time zones a person may pick: the current IANA zones, grouped by region, with
the site's own zone first.

Legacy aliases ("US/Eastern", "Etc/GMT+4", "Asia/Calcutta") stay valid if someone
already has one, but are not offered: the tz database's zone.tab lists the current
name of each zone where it is installed, and the regions below drop the rest.
"""

from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, available_timezones

from django.utils.translation import pgettext_lazy

REGIONS = {
    "Africa": pgettext_lazy("time zone region", "Africa"),
    "America": pgettext_lazy("time zone region", "America"),
    "Antarctica": pgettext_lazy("time zone region", "Antarctica"),
    "Arctic": pgettext_lazy("time zone region", "Arctic"),
    "Asia": pgettext_lazy("time zone region", "Asia"),
    "Atlantic": pgettext_lazy("time zone region", "Atlantic"),
    "Australia": pgettext_lazy("time zone region", "Australia"),
    "Europe": pgettext_lazy("time zone region", "Europe"),
    "Indian": pgettext_lazy("time zone region", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone region", "Pacific"),
}


def time_zone_choices(default: str, keep: str = "") -> list:
    """Choices for a select: ``default`` first, then one group per region.

    ``keep`` is a zone the person already has: offered too (under its region, or at
    the end) even when it is a legacy name, so that saving the form does not fail.
    """
    zones = set(current_zones())
    valid = available_timezones()
    if keep in valid:
        zones.add(keep)
    zones.discard(default)
    groups = []
    for region, label in REGIONS.items():
        members = sorted(zone for zone in zones if zone.split("/")[0] == region)
        if members:
            groups.append((label, [(zone, _city(zone)) for zone in members]))
    others = sorted(zone for zone in zones if zone.split("/")[0] not in REGIONS)
    first = [(default, default)] if default in valid else []
    return first + groups + [(zone, zone) for zone in others]


@cache
def current_zones() -> tuple[str, ...]:
    """The current zone names: zone.tab's where installed, else every zone of a
    region (which leaves out "US/…", "Etc/…" and the bare abbreviations), and UTC."""
    valid = available_timezones()
    listed = _zone_tab()
    zones = (
        listed & valid
        if listed
        else {zone for zone in valid if zone.split("/")[0] in REGIONS}
    )
    return tuple(sorted(zones | ({"UTC"} & valid)))


def _city(zone: str) -> str:
    """ "America/Argentina/Buenos_Aires" → "Argentina/Buenos Aires"."""
    return zone.split("/", 1)[1].replace("_", " ")


def _zone_tab() -> set[str]:
    for directory in TZPATH:
        path = Path(directory) / "zone.tab"
        if path.exists():
            return {
                line.split("\t")[2].strip()
                for line in path.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")
            }
    return set()

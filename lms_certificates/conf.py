"""Settings of the certificates app, each with a default so it fits any Wagtail site."""

from django.conf import settings


def issuer() -> str:
    """The organisation that issues certificates, printed on each one."""
    return str(
        getattr(settings, "LMS_CERTIFICATE_ISSUER", None)
        or getattr(settings, "WAGTAIL_SITE_NAME", "")
    )


def verify_rate() -> tuple[int, int]:
    """At most this many verification lookups per client in this many seconds."""
    return getattr(settings, "LMS_CERTIFICATE_VERIFY_RATE", (20, 60))

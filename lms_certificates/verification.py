"""Other documents the verification page checks, such as volunteers' letters.

An app that prints codes of its own (made with ``codes.new_code``) registers a lookup
with ``@hooks.register("lms_certificate_lookups")``: a function that takes the stored
form of a code and returns a ``VerifiedDocument`` or None. Its documents are verified
at the same address as certificates, with the same rate limit, and the certificates
app never imports it.
"""

from dataclasses import dataclass, field

from wagtail import hooks

LOOKUPS_HOOK = "lms_certificate_lookups"


@dataclass(frozen=True)
class VerifiedDocument:
    """What the verification page shows for a code: a template and its context."""

    template_name: str
    display_code: str
    context: dict = field(default_factory=dict)


def find(code: str) -> VerifiedDocument | None:
    """The first document another app knows by this (normalised) code, if any."""
    for lookup in hooks.get_hooks(LOOKUPS_HOOK):
        document = lookup(code)
        if document is not None:
            return document
    return None

"""Other documents the verification page checks, such as volunteers' letters.

An app that prints codes of its own (made with ``codes.new_code``) registers a lookup
here, and its documents are verified at the same address as certificates, with the
same rate limit: the certificates app never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class VerifiedDocument:
    """What the verification page shows for a code: a template and its context."""

    template_name: str
    display_code: str
    context: dict = field(default_factory=dict)


Lookup = Callable[[str], VerifiedDocument | None]
_lookups: list[Lookup] = []


def register(lookup: Lookup) -> Lookup:
    """Ask ``lookup(code)`` (the stored form of a code) about codes no certificate
    has. Registering twice is harmless, so ``AppConfig.ready`` may run again."""
    if lookup not in _lookups:
        _lookups.append(lookup)
    return lookup


def find(code: str) -> VerifiedDocument | None:
    """The first registered document with this (normalised) code, if any."""
    for lookup in _lookups:
        document = lookup(code)
        if document is not None:
            return document
    return None

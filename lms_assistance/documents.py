"""The kinds of file a request's document may be, told by the file's bytes, never by
its name or by what the browser says, and the type each document is served with.

``filetype`` reads the bytes (it is pinned already: Wagtail's images use it). It looks
inside a ZIP for ``word/`` or ODF's ``mimetype`` entry, so a DOCX or an ODT is told
from any other ZIP; puremagic 1.x tells those only by the file's name (2.x needs
Python 3.12) and python-magic needs the C libmagic. A file it cannot tell is refused:
HTML or SVG named ``.pdf`` never reaches storage.
"""

from pathlib import PurePath

import filetype
from django.utils.translation import gettext_lazy as _

# Accepted types and the extension a stored file of each type gets.
ACCEPTED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}
UNKNOWN = "application/octet-stream"
MAX_BYTES = 10 * 1024 * 1024
# filetype reads no further than this into a file.
HEAD_BYTES = 8192
NOT_A_DOCUMENT = _(
    "This file is not a PDF, JPEG, PNG, DOCX or ODT document, whatever its name "
    "says. Save or scan it as one of these, then upload it again."
)

_BY_EXTENSION = {extension: mime for mime, extension in ACCEPTED.items()} | {
    "jpeg": "image/jpeg"
}


def checked_type(upload) -> str | None:
    """The accepted type the upload's bytes are, or None for anything else. The
    upload is left at its start, ready to be saved."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(bytes(head)) if head else None
    if kind is None or kind.mime not in ACCEPTED:
        return None
    return kind.mime


def extension_for(content_type: str) -> str:
    """The extension a document of ``content_type`` is stored and downloaded with."""
    return ACCEPTED.get(content_type, "bin")


def type_from_name(name: str) -> str:
    """The type a document stored before contents were checked is served with: its
    extension's accepted type, or a download that no browser renders."""
    return _BY_EXTENSION.get(PurePath(name).suffix.lower().lstrip("."), UNKNOWN)


def served_type(document) -> str:
    """The Content-Type a stored document leaves with."""
    if document.content_type in ACCEPTED:
        return document.content_type
    return type_from_name(document.file.name)

"""Private storage for request documents: a folder outside MEDIA_ROOT, with no URL,
so a file leaves only through the permission-checked download view."""

import os

from django.core.files.storage import FileSystemStorage

from . import conf


def document_storage() -> "DocumentStorage":
    """The storage of request documents; a callable, so migrations name this
    function and not a folder of one machine."""
    return DocumentStorage()


class DocumentStorage(FileSystemStorage):
    """Reads its folder from the settings on every use, so a changed setting (a
    test's temporary folder) takes effect at once."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return conf.document_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Request documents have no URL.")

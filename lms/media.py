"""Uploaded media in development or with ``LMS_SERVE_MEDIA``, without private folders.

Documents come out only through Wagtail's ``/documents/`` view, which checks collection
privacy. The same file must not come out of ``/media/`` under another spelling of its
path: ``//``, ``./`` and ``../`` (percent-encoded too: Django decodes the path before
it gets here) are resolved before the folder is checked, never after.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Folders of MEDIA_ROOT that only a permission-checking view may serve.
PRIVATE_FOLDERS = {"documents"}


def serve_media(request, path: str):
    """The file at ``path`` under MEDIA_ROOT, unless it lies in a private folder."""
    # Rooted first, so that "../" cannot climb above MEDIA_ROOT: "/../x" is "/x".
    resolved = posixpath.normpath("/" + path).lstrip("/")
    # Folded: on a case-insensitive disk (a Mac), "Documents/" is "documents/".
    if resolved.split("/", 1)[0].casefold() in PRIVATE_FOLDERS:
        raise Http404
    return serve(request, resolved, document_root=settings.MEDIA_ROOT)

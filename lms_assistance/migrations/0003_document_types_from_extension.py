"""Documents stored before their bytes were checked keep the type their browser
claimed; from now on a document is served with the type it was checked to be. Those
older rows, whose extension alone was checked at upload, get that extension's type
(or a plain download), never the browser's word."""

from django.db import migrations
from django.db.models import Q

# The desk's accepted types when this migration was written (lms_assistance/documents.py).
BY_EXTENSION = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
UNKNOWN = "application/octet-stream"


def types_from_extension(apps, schema_editor):
    documents = apps.get_model("lms_assistance", "RequestDocument").objects
    known = Q()
    for extension, content_type in BY_EXTENSION.items():
        named = Q(file__iendswith=f".{extension}")
        documents.filter(named).update(content_type=content_type)
        known |= named
    documents.exclude(known).update(content_type=UNKNOWN)


class Migration(migrations.Migration):
    dependencies = [("lms_assistance", "0002_audit_is_append_only")]

    operations = [migrations.RunPython(types_from_extension, migrations.RunPython.noop)]

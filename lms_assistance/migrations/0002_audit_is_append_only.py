"""The database itself refuses to change or delete an audit entry.

Row triggers, so that a test database can still be flushed (TRUNCATE); in production
the site's database role is not given TRUNCATE on the table (docs/security.md).
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER assistance_audit_no_update BEFORE UPDATE ON lms_assistance_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    """CREATE TRIGGER assistance_audit_no_delete BEFORE DELETE ON lms_assistance_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER assistance_audit_no_update",
    "DROP TRIGGER assistance_audit_no_delete",
]
POSTGRESQL = [
    """CREATE FUNCTION assistance_audit_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit entries are append-only'; END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER assistance_audit_append_only
    BEFORE UPDATE OR DELETE ON lms_assistance_auditentry
    FOR EACH ROW EXECUTE FUNCTION assistance_audit_append_only()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER assistance_audit_append_only ON lms_assistance_auditentry",
    "DROP FUNCTION assistance_audit_append_only()",
]


def forwards(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, reverse=True):
        schema_editor.execute(statement)


def _statements(vendor: str, reverse: bool = False) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_REVERSE if reverse else SQLITE
    if vendor == "postgresql":
        return POSTGRESQL_REVERSE if reverse else POSTGRESQL
    return []


class Migration(migrations.Migration):
    dependencies = [("lms_assistance", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]

"""The audit table refuses UPDATE and DELETE at the database level (see core/audit_guard.py)."""

from django.db import migrations

from core import audit_guard


def install_guard(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def remove_guard(apps, schema_editor):
    audit_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(install_guard, remove_guard, elidable=False)]

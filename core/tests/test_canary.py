"""Canary: a value stored through an encrypted field is nowhere in the database in clear text."""

import subprocess
from pathlib import Path

import pytest
from django.db import connection

from core.models import AuditAction, AuditEntry
from core.services import record_audit
from core.tests.secret_note import (  # noqa: F401  (fixtures)
    SecretNote,
    field_keys,
    secret_note_table,
)

CANARY = "Canary-Ђорђе-7731"
# Stored in a clear column: proves the scan below would find a clear value if there were one.
CONTROL = "Control-Љиљана-4410"

# Committed data (transactional_db), so a checkpoint and another process (pg_dump) see it.
pytestmark = pytest.mark.usefixtures("field_keys", "secret_note_table", "transactional_db")


@pytest.fixture
def canary_note() -> SecretNote:
    note = SecretNote.objects.create(body=CANARY, phone=CANARY, label=CONTROL)
    record_audit(action=AuditAction.CREATE, obj=note, summary="note created")
    return note


def sqlite_file_bytes() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = Path(connection.settings_dict["NAME"])
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def postgresql_dump() -> bytes:
    db = connection.settings_dict
    command = ["/usr/bin/pg_dump", "--data-only", "--no-owner", "--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [option, str(db[key])]
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, check=True, capture_output=True, env=env, timeout=120).stdout


def test_canary_reads_back_through_the_field(canary_note):
    assert SecretNote.objects.get(pk=canary_note.pk).body == CANARY


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_database_files_hold_no_clear_canary(canary_note):
    content = sqlite_file_bytes()
    assert SecretNote.objects.filter(pk=canary_note.pk).exists()
    assert CONTROL.encode() in content
    assert CANARY.encode() not in content


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_dump_holds_no_clear_canary(canary_note):
    dump = postgresql_dump()
    assert CONTROL.encode() in dump
    assert CANARY.encode() not in dump


def test_audit_log_holds_no_clear_canary(canary_note):
    entries = list(AuditEntry.objects.values_list("summary", "object_type", "object_id"))
    assert entries == [("note created", "core.secretnote", str(canary_note.pk))]
    assert not any(CANARY in value for entry in entries for value in entry)

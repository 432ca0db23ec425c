"""`manage.py rotate_keys`: every encrypted value moves to the first key, nothing is lost."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.crypto import DecryptionError, key_id_of
from core.models import AuditAction, AuditEntry
from core.tests.secret_note import (  # noqa: F401  (fixtures)
    KEY_A,
    KEY_B,
    SecretNote,
    field_keys,
    secret_note_table,
)

pytestmark = pytest.mark.usefixtures("field_keys", "secret_note_table")


def stored(column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM core_secretnote WHERE {column} <> '' ORDER BY id"  # noqa: S608
        )
        return [row[0] for row in cursor.fetchall()]


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def notes_under_key_a(db) -> list[SecretNote]:  # type: ignore[no-untyped-def]
    notes = [SecretNote(body=f"note {n} Ђорђе", phone=f"+381 11 {n:03d}") for n in range(7)]
    notes.append(SecretNote(body=None, phone=""))
    return SecretNote.objects.bulk_create(notes)


def test_rotated_values_read_back_with_only_the_new_key(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    rotate("--batch-size", "3")
    settings.FIELD_ENCRYPTION_KEYS = KEY_B
    notes = list(SecretNote.objects.order_by("id"))
    assert [note.body for note in notes] == [f"note {n} Ђорђе" for n in range(7)] + [None]
    assert [note.phone for note in notes] == [f"+381 11 {n:03d}" for n in range(7)] + [""]


def test_rotated_values_are_unreadable_with_only_the_old_key(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    rotate()
    settings.FIELD_ENCRYPTION_KEYS = KEY_A
    with pytest.raises(DecryptionError, match="key 'b'"):
        list(SecretNote.objects.all())


def test_rotation_keeps_null_and_empty_values(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    rotate()
    assert SecretNote.objects.filter(body__isnull=True).count() == 1
    assert len(stored("phone")) == 7


def test_rotation_reports_what_it_rewrote_and_a_second_run_rewrites_nothing(
    settings, notes_under_key_a
):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    assert "core.secretnote.body: 7 re-encrypted" in rotate()
    assert "core.secretnote.body: 0 re-encrypted" in rotate()
    assert {key_id_of(token) for token in stored("body") + stored("phone")} == {"b"}


def test_rotation_is_written_to_the_audit_log(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    rotate()
    entry = AuditEntry.objects.get(action=AuditAction.KEY_ROTATION)
    assert entry.summary == "Re-encrypted 14 values under key b"


def test_check_counts_values_per_key_and_changes_nothing(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    SecretNote.objects.create(body="written after the new key was added")
    before = stored("body")
    output = rotate("--check")
    assert "core.secretnote.body: a=7, b=1" in output
    assert "core.secretnote.phone: a=7" in output
    assert stored("body") == before
    assert not AuditEntry.objects.filter(action=AuditAction.KEY_ROTATION).exists()


def test_rotation_stops_at_a_value_no_listed_key_opens(settings, notes_under_key_a):
    settings.FIELD_ENCRYPTION_KEYS = KEY_B
    with pytest.raises(CommandError, match=r"core.secretnote.body #\d+: .*key 'a'"):
        rotate()
    assert {key_id_of(token) for token in stored("body")} == {"a"}


def test_interrupted_rotation_leaves_every_value_readable(settings, notes_under_key_a):
    # A rotation stopped after some batches: rows under both keys, all readable while both are listed.
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    first_three = notes_under_key_a[:3]
    for note in first_three:
        note.body = note.body
    SecretNote.objects.bulk_update(first_three, ["body"])
    assert {key_id_of(token) for token in stored("body")} == {"a", "b"}
    assert SecretNote.objects.order_by("id").first().body == "note 0 Ђорђе"
    assert "core.secretnote.body: 4 re-encrypted" in rotate()

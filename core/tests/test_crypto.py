"""Encrypted fields and blind indexes: what the database holds and what a reader gets back."""

import pytest
from django import forms
from django.core.exceptions import FieldError
from django.db import connection
from django.db.migrations.writer import MigrationWriter

from core.crypto import (
    DecryptionError,
    EncryptedTextField,
    EncryptionError,
    blind_index,
    decrypt,
    decrypt_bytes,
    encrypt,
    encrypt_bytes,
    key_id_of,
    normalise_email,
    normalise_phone,
)
from core.tests.secret_note import (  # noqa: F401  (fixtures)
    KEY_A,
    KEY_B,
    SecretNote,
    field_keys,
    secret_note_table,
)

pytestmark = pytest.mark.usefixtures("field_keys")


def raw_column(note: SecretNote, column: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM core_secretnote WHERE id = %s", [note.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_encrypted_value_reads_back_as_the_original_text():
    token = encrypt("Ђорђе Petrović", "cases.person.name")
    assert decrypt(token, "cases.person.name") == "Ђорђе Petrović"


def test_stored_form_names_version_and_key_and_hides_the_value():
    token = encrypt("Ђорђе Petrović", "cases.person.name")
    assert token.startswith("enc1:a:")
    assert "Petrovi" not in token
    assert key_id_of(token) == "a"


def test_same_value_encrypts_differently_each_time():
    assert encrypt("same", "x.y.z") != encrypt("same", "x.y.z")


def test_value_moved_to_another_column_does_not_decrypt():
    token = encrypt("secret", "cases.person.name")
    with pytest.raises(DecryptionError, match="moved from another column"):
        decrypt(token, "hotline.contact.caller_name")


def test_altered_ciphertext_does_not_decrypt():
    token = encrypt("secret", "x.y.z")
    altered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(DecryptionError):
        decrypt(altered, "x.y.z")


def test_value_under_an_unknown_key_id_raises(settings):
    token = encrypt("secret", "x.y.z")
    settings.FIELD_ENCRYPTION_KEYS = KEY_B
    with pytest.raises(DecryptionError, match="key 'a'"):
        decrypt(token, "x.y.z")


def test_value_under_a_wrong_key_with_the_same_id_raises(settings):
    token = encrypt("secret", "x.y.z")
    settings.FIELD_ENCRYPTION_KEYS = "a:" + KEY_B.split(":")[1]
    with pytest.raises(DecryptionError, match="wrong key"):
        decrypt(token, "x.y.z")


def test_missing_keys_raise_on_write_and_on_read(settings):
    token = encrypt("secret", "x.y.z")
    settings.FIELD_ENCRYPTION_KEYS = ""
    with pytest.raises(EncryptionError, match="not set"):
        encrypt("secret", "x.y.z")
    with pytest.raises(DecryptionError, match="not set"):
        decrypt(token, "x.y.z")


@pytest.mark.parametrize(
    "keys",
    ["a", "a:short", "a b:" + KEY_A.split(":")[1], KEY_A + "," + KEY_A],
    ids=["no key", "short key", "bad id", "duplicate id"],
)
def test_malformed_key_configuration_is_refused(settings, keys):
    settings.FIELD_ENCRYPTION_KEYS = keys
    with pytest.raises(EncryptionError):
        encrypt("secret", "x.y.z")


def test_clear_text_in_an_encrypted_column_is_an_error_not_a_value():
    with pytest.raises(DecryptionError, match="not in the encrypted-field format"):
        decrypt("plain text someone wrote by hand", "x.y.z")


def test_first_key_encrypts_and_every_listed_key_decrypts(settings):
    old = encrypt("old secret", "x.y.z")
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    new = encrypt("new secret", "x.y.z")
    assert key_id_of(new) == "b"
    assert decrypt(old, "x.y.z") == "old secret"
    assert decrypt(new, "x.y.z") == "new secret"


@pytest.mark.usefixtures("secret_note_table")
def test_field_stores_ciphertext_and_reads_clear_text(db):
    note = SecretNote.objects.create(body="Ђорђе lives at Knez Mihailova 1", label="x")
    stored = raw_column(note, "body")
    assert stored.startswith("enc1:a:")
    assert "Mihailova" not in stored
    assert SecretNote.objects.get(pk=note.pk).body == "Ђорђе lives at Knez Mihailova 1"


@pytest.mark.usefixtures("secret_note_table")
def test_field_keeps_null_and_empty_as_they_are(db):
    note = SecretNote.objects.create(body=None, phone="")
    assert raw_column(note, "body") is None
    assert raw_column(note, "phone") == ""
    fresh = SecretNote.objects.get(pk=note.pk)
    assert fresh.body is None
    assert fresh.phone == ""


@pytest.mark.usefixtures("secret_note_table")
def test_field_is_bound_to_its_own_column(db):
    note = SecretNote.objects.create(body="secret body", phone="+381 11 123")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_secretnote SET phone = body WHERE id = %s", [note.pk])
    with pytest.raises(DecryptionError):
        SecretNote.objects.get(pk=note.pk)


@pytest.mark.usefixtures("secret_note_table")
def test_field_can_be_filtered_by_isnull_only(db):
    SecretNote.objects.create(body=None)
    SecretNote.objects.create(body="x")
    assert SecretNote.objects.filter(body__isnull=True).count() == 1
    with pytest.raises(FieldError, match="only `isnull`"):
        SecretNote.objects.filter(body="x").count()
    with pytest.raises(FieldError, match="encrypted"):
        SecretNote.objects.filter(body__icontains="x").count()


@pytest.mark.usefixtures("secret_note_table")
def test_bulk_update_encrypts_too(db):
    note = SecretNote.objects.create(body="before")
    note.body = "after"
    SecretNote.objects.bulk_update([note], ["body"])
    assert raw_column(note, "body").startswith("enc1:")
    assert SecretNote.objects.get(pk=note.pk).body == "after"


def test_field_deconstructs_for_migrations():
    field = EncryptedTextField(max_length=40, blank=True, context="cases.person.name")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "core.crypto.EncryptedTextField"
    assert kwargs == {"max_length": 40, "blank": True, "context": "cases.person.name"}
    source, imports = MigrationWriter.serialize(field)
    assert "core.crypto.EncryptedTextField(" in source
    assert "import core.crypto" in imports


def test_explicit_context_survives_a_rename():
    token = encrypt("kept", "cases.person.name")
    field = EncryptedTextField(context="cases.person.name")
    assert field.from_db_value(token, None, connection) == "kept"


def test_short_field_gets_a_one_line_input_with_its_length():
    form_field = SecretNote._meta.get_field("phone").formfield()
    assert isinstance(form_field, forms.CharField)
    assert form_field.max_length == 40
    assert isinstance(form_field.widget, forms.TextInput)


def test_long_field_gets_a_textarea():
    form_field = SecretNote._meta.get_field("body").formfield()
    assert isinstance(form_field.widget, forms.Textarea)


def test_blind_index_is_hex_and_matches_the_same_value_however_written():
    index = blind_index("  Jelena   PETROVIĆ ", "cases.person.name")
    assert len(index) == 64
    assert int(index, 16) >= 0
    assert index == blind_index("jelena petrović", "cases.person.name")


def test_blind_index_differs_by_purpose():
    assert blind_index("jelena", "a.b.name") != blind_index("jelena", "a.b.nickname")


def test_blind_index_depends_on_the_key(settings):
    before = blind_index("jelena", "a.b.name")
    settings.BLIND_INDEX_KEY = KEY_B.split(":")[1]
    assert blind_index("jelena", "a.b.name") != before


def test_blind_index_of_phone_numbers_ignores_formatting():
    ours = blind_index("+381 (11) 123-4567", "x.phone", normalise_phone)
    assert ours == blind_index("00381111234567", "x.phone", normalise_phone)
    assert ours != blind_index("+381 11 123 4568", "x.phone", normalise_phone)


def test_blind_index_of_email_ignores_case_and_spaces():
    ours = blind_index(" Ana@Example.ORG ", "x.email", normalise_email)
    assert ours == blind_index("ana@example.org", "x.email", normalise_email)


def test_blind_index_of_an_empty_value_is_empty():
    assert blind_index("   ", "x.name") == ""
    assert blind_index(None, "x.name") == ""


def test_blind_index_without_key_raises(settings):
    settings.BLIND_INDEX_KEY = ""
    with pytest.raises(EncryptionError, match="BLIND_INDEX_KEY"):
        blind_index("jelena", "x.name")


def test_file_bytes_round_trip_and_are_bound_to_their_column():
    data = b"%PDF-1.7 Jelena Petrovic, rodjena 2009"
    sealed = encrypt_bytes(data, "cases.casedocument.content")

    assert data not in sealed and b"Petrovic" not in sealed
    assert decrypt_bytes(sealed, "cases.casedocument.content") == data
    with pytest.raises(DecryptionError):
        decrypt_bytes(sealed, "hotline.contact.notes")
    with pytest.raises(DecryptionError):
        decrypt_bytes(sealed[:-1] + bytes([sealed[-1] ^ 1]), "cases.casedocument.content")

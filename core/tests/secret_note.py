"""A model used only by the encryption tests; its table exists only while they run.

Defined once here (not in each test module) because a model class can be registered only once
per app; the table is made with the schema editor, the way Django's own tests do it.
"""

from collections.abc import Iterator

import pytest
from django.db import connection, models

from core.crypto import EncryptedTextField

KEY_A = "a:" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE"  # 32 bytes of "A"
KEY_B = "b:" + "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI"  # 32 bytes of "B"
BLIND_KEY = "SVNJU0lTSVNJU0lTSVNJU0lTSVNJU0lTSVNJU0lTSVM"


class SecretNote(models.Model):
    body = EncryptedTextField(null=True, blank=True)
    phone = EncryptedTextField(max_length=40, blank=True)
    # Clear text on purpose: the canary tests' proof that a scan would find a clear value.
    label = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "core"

    def __str__(self) -> str:
        return self.label


def _table_exists() -> bool:
    return SecretNote._meta.db_table in connection.introspection.table_names()


@pytest.fixture(scope="session")
def secret_note_table(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Each test module that imports this fixture gets its own session-scoped copy, hence the
    # existence checks. Outside any transaction: SQLite's schema editor refuses to run in one.
    with django_db_blocker.unblock():
        if not _table_exists():
            with connection.schema_editor() as editor:
                editor.create_model(SecretNote)
        yield
        if _table_exists():
            with connection.schema_editor() as editor:
                editor.delete_model(SecretNote)


@pytest.fixture
def field_keys(settings) -> None:  # type: ignore[no-untyped-def]
    """Known keys for the test, whatever var/secrets.env holds."""
    settings.FIELD_ENCRYPTION_KEYS = KEY_A
    settings.BLIND_INDEX_KEY = BLIND_KEY

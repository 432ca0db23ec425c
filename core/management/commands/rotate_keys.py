"""Re-encrypt every encrypted field under the current (first) key of FIELD_ENCRYPTION_KEYS.

Rows are rewritten in batches, one transaction each, with raw UPDATEs by primary key (no
save(), so no model side effects). Stopping half-way loses nothing: every row is under the old
or the new key, and both are listed until the rotation is finished (docs/security.md).
"""

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction

from core.crypto import DecryptionError, EncryptedTextField, key_id_of, key_ring, reencrypt
from core.models import AuditAction
from core.services import record_audit


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted column once: proxies share their table, parents own inherited fields."""
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, EncryptedTextField) and field.concrete and field.model is model:
                yield model, field


def stored_values(
    model: type[models.Model], field: EncryptedTextField, batch_size: int
) -> Iterator[list[tuple[Any, str]]]:
    """(pk, stored ciphertext) in primary-key order, a batch at a time, bypassing decryption."""
    quote = connection.ops.quote_name
    table, pk, column = (
        quote(model._meta.db_table),
        quote(model._meta.pk.column),
        quote(field.column),
    )
    select = (
        f"SELECT {pk}, {column} FROM {table} "  # noqa: S608  (quoted identifiers only)
        f"WHERE {column} IS NOT NULL AND {column} <> '' {{after}} ORDER BY {pk} LIMIT %s"
    )
    last = None
    while True:
        with connection.cursor() as cursor:
            if last is None:
                cursor.execute(select.format(after=""), [batch_size])
            else:
                cursor.execute(select.format(after=f"AND {pk} > %s"), [last, batch_size])
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields under the first key of PUTOKAZ_FIELD_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only count the values under each key id, per field; change nothing.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, check: bool, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        current = key_ring().current_key_id
        if check:
            self.count_keys(batch_size)
            return
        total = 0
        for model, field in encrypted_fields():
            rewritten = self.rotate_field(model, field, batch_size)
            total += rewritten
            self.stdout.write(f"{model._meta.label_lower}.{field.name}: {rewritten} re-encrypted")
        record_audit(
            action=AuditAction.KEY_ROTATION,
            summary=f"Re-encrypted {total} values under key {current}",
        )
        self.stdout.write(
            self.style.SUCCESS(f"{total} values re-encrypted; every value is under key {current}.")
        )

    def count_keys(self, batch_size: int) -> None:
        for model, field in encrypted_fields():
            counts: Counter[str] = Counter()
            for rows in stored_values(model, field, batch_size):
                for _pk, token in rows:
                    try:
                        counts[key_id_of(token)] += 1
                    except DecryptionError:
                        counts["(not encrypted)"] += 1
            summary = ", ".join(f"{kid}={n}" for kid, n in sorted(counts.items())) or "empty"
            self.stdout.write(f"{model._meta.label_lower}.{field.name}: {summary}")

    def rotate_field(
        self, model: type[models.Model], field: EncryptedTextField, batch_size: int
    ) -> int:
        quote = connection.ops.quote_name
        update = (
            f"UPDATE {quote(model._meta.db_table)} SET {quote(field.column)} = %s "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s AND {quote(field.column)} = %s"
        )
        rewritten = 0
        for rows in stored_values(model, field, batch_size):
            changes = []
            for pk, token in rows:
                try:
                    fresh = reencrypt(token, field.context)
                except DecryptionError as error:
                    label = f"{model._meta.label_lower}.{field.name} #{pk}"
                    raise CommandError(f"{label}: {error} Nothing after it was changed.") from error
                if fresh is not None:
                    changes.append((fresh, pk, token))
            if changes:
                # Matching the old ciphertext skips rows the application rewrote meanwhile
                # (already under the current key).
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.executemany(update, changes)
                rewritten += len(changes)
        return rewritten

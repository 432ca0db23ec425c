"""The audit log: append-only in the database, hash-chained, verified by `manage.py verify_audit`."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from core import audit_guard
from core.models import AuditAction, AuditEntry
from core.services import record_audit


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue().strip()


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def three_entries(db) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return [
        record_audit(action=AuditAction.CREATE, summary=f"entry {n}", ip_address="10.0.0.1")
        for n in (1, 2, 3)
    ]


@pytest.fixture
def unguarded(db) -> None:  # type: ignore[no-untyped-def]
    # The test's transaction is rolled back afterwards, and the dropped triggers with it.
    audit_guard.remove(connection)


def test_intact_chain_verifies(three_entries):
    assert verify() == "OK: 3 entries verified"


def test_empty_log_verifies(db):
    assert verify() == "OK: 0 entries verified"


@pytest.mark.usefixtures("unguarded")
def test_altered_summary_is_reported_at_its_entry(three_entries):
    raw("UPDATE core_auditentry SET summary = 'nothing happened' WHERE sequence = 2")
    with pytest.raises(CommandError, match=r"^BROKEN at entry #2: entry was altered$"):
        verify()


@pytest.mark.usefixtures("unguarded")
def test_deleted_middle_entry_is_reported(three_entries):
    raw("DELETE FROM core_auditentry WHERE sequence = 2")
    with pytest.raises(CommandError, match=r"^BROKEN at entry #2: missing entry$"):
        verify()


@pytest.mark.usefixtures("unguarded")
def test_deleted_last_entry_is_reported_against_the_chain_head(three_entries):
    raw("DELETE FROM core_auditentry WHERE sequence = 3")
    with pytest.raises(CommandError, match=r"^BROKEN at entry #3: entries missing at the end"):
        verify()


@pytest.mark.usefixtures("unguarded")
def test_removed_chain_head_with_entries_is_reported(three_entries):
    raw("DELETE FROM core_auditchainhead")
    with pytest.raises(CommandError, match=r"^BROKEN at entry #4: "):
        verify()


def test_verify_audit_exits_with_status_1_when_broken(three_entries, unguarded):
    raw("UPDATE core_auditentry SET action = 'read' WHERE sequence = 1")
    with pytest.raises(CommandError) as caught:
        verify()
    assert caught.value.returncode == 1


def test_database_refuses_raw_update_of_an_audit_entry(three_entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("UPDATE core_auditentry SET summary = 'x' WHERE sequence = 1")
    assert AuditEntry.objects.get(sequence=1).summary == "entry 1"


def test_database_refuses_raw_delete_of_an_audit_entry(three_entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("DELETE FROM core_auditentry WHERE sequence = 3")
    assert AuditEntry.objects.count() == 3


def test_database_refuses_orm_delete_of_the_audit_log(three_entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 3


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate_of_the_audit_log(three_entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("TRUNCATE core_auditentry")
    assert AuditEntry.objects.count() == 3


def test_guard_is_installed_by_migrations(db):
    assert audit_guard.is_installed(connection)


def test_core_flush_command_replaces_djangos():
    assert get_commands()["flush"] == "core"


def test_flush_empties_the_audit_log_and_restores_the_guard(transactional_db):
    record_audit(action=AuditAction.CREATE, summary="before flush")
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    assert audit_guard.is_installed(connection)
    assert record_audit(action=AuditAction.CREATE).sequence == 1
    assert verify() == "OK: 1 entries verified"


def test_transactional_tests_can_write_audit_entries(transactional_db):
    # Teardown flushes the tables: it fails if the guard were not lifted for it.
    record_audit(action=AuditAction.CREATE, summary="committed")
    assert AuditEntry.objects.count() == 1


def test_concurrent_appends_keep_one_unbroken_chain(transactional_db):
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for n in range(10):
                record_audit(action=AuditAction.READ, summary=f"worker {worker} read {n}")
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == list(
        range(1, 51)
    )
    assert verify() == "OK: 50 entries verified"


@pytest.mark.parametrize("address", ["2001:0DB8:0000::0001", "::ffff:192.0.2.1", "192.0.2.1"])
def test_chain_verifies_whatever_form_the_ip_address_was_given_in(db, address):
    record_audit(action=AuditAction.LOGIN, ip_address=address)
    assert verify() == "OK: 1 entries verified"

"""Database triggers that make the audit table append-only (DESIGN.md §5).

Shared by migration 0002 (which installs them) and the `flush` command (which lifts them for
the one administrative act of emptying the whole database, then puts them back).
"""

from typing import Any

MESSAGE = "audit log is append-only"

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]

# SQLSTATE 23000 (integrity constraint violation) so both databases raise IntegrityError.
# TRUNCATE fires no row triggers, hence its own statement-level trigger.
_POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
    END
    $$""",
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    """CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()""",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    """CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()""",
]
_POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]

_STATEMENTS = {
    "sqlite": (_SQLITE_INSTALL, _SQLITE_REMOVE),
    "postgresql": (_POSTGRESQL_INSTALL, _POSTGRESQL_REMOVE),
}


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: Any) -> None:
    """Make core_auditentry refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
    install_sql, _ = _STATEMENTS.get(connection.vendor, ([], []))
    _run(connection, install_sql)


def remove(connection: Any) -> None:
    """Drop the guard; only for emptying the whole database or for tests that tamper on purpose."""
    _, remove_sql = _STATEMENTS.get(connection.vendor, ([], []))
    _run(connection, remove_sql)


def is_installed(connection: Any) -> bool:
    """Whether the guard's triggers exist on this database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name IN ('core_auditentry_no_update', 'core_auditentry_no_delete')"
            )
            return bool(cursor.fetchone()[0] == 2)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('core_auditentry') "
                "AND tgname IN ('core_auditentry_append_only', 'core_auditentry_no_truncate')"
            )
            return bool(cursor.fetchone()[0] == 2)
    return False

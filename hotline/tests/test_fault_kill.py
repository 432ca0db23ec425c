"""Faults: killing the server process while contacts are being saved loses no acknowledged
contact and leaves no half-written one.

The production server (gunicorn serving putokaz.wsgi, no config file: no task worker or
scheduler beside it) runs in its own process group on a copy of this test's database, taken
after the consultant, their second-factor session and the drafts were committed. Several
threads record the drafts through HTTP with full forms (two indicators, two actions, a
follow-up each); once some saves were acknowledged, the whole process group is killed with
SIGKILL. The database is then opened directly: every contact the server acknowledged (302 to
its page) is recorded with exactly its rows and its audit entry, every other one is either that
too (recorded, the answer lost) or still an untouched draft, and the audit chain verifies.
"""

import contextlib
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.server import free_port
from conftest import sign_in
from core.models import Role
from core.tests.factories import MembershipFactory, OrganisationFactory, TOTPDeviceFactory
from hotline.services.contacts import start_contact

BASE_DIR = Path(__file__).resolve().parents[2]
DRAFTS = 400
SENDERS = 6
# Kill once this many saves were acknowledged (so the kill falls mid-stream however fast or slow
# the machine is), waiting at most ACKNOWLEDGED_WITHIN seconds for them.
KILL_AFTER_ACKNOWLEDGED = 15
ACKNOWLEDGED_WITHIN = 30
STARTUP_SECONDS = 30

pytestmark = pytest.mark.django_db(transaction=True)

# The server's settings: production settings, except that static files need no manifest (this
# test does not run collectstatic; pages it might render must not fail for that).
SERVER_SETTINGS = """
from putokaz.settings import *  # noqa: F403
from putokaz.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
"""


@pytest.fixture
def shift(organisation_for_kill) -> dict[str, Any]:
    """An SOS consultant signed in with the second factor, and their drafts, committed."""
    organisation = organisation_for_kill
    membership = MembershipFactory(organisation=organisation, role=Role.SOS_CONSULTANT)
    TOTPDeviceFactory(user=membership.user)
    client = sign_in(Client(), membership.user)
    drafts = [start_contact(organisation, membership.user).pk for _ in range(DRAFTS)]
    return {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "drafts": drafts}


@pytest.fixture
def organisation_for_kill():
    return OrganisationFactory(slug="fault-kill")


@pytest.fixture
def server_database(shift, tmp_path) -> Iterator[dict[str, str]]:
    """Environment of a server on a copy of the test database as it is now."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    (tmp_path / "fault_settings.py").write_text(SERVER_SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fault_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(BASE_DIR)]),
        "PUTOKAZ_VAR_DIR": str(var_dir),
        "PUTOKAZ_DEBUG": "false",
        "PUTOKAZ_HTTPS": "false",
        "PUTOKAZ_SECRET_KEY": settings.SECRET_KEY,
        "PUTOKAZ_FIELD_KEYS": settings.FIELD_ENCRYPTION_KEYS,
        "PUTOKAZ_BLIND_INDEX_KEY": settings.BLIND_INDEX_KEY,
    }
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(var_dir / "putokaz.sqlite3")
        original = sqlite3.connect(source["NAME"])
        original.backup(copy)
        original.close()
        copy.close()
        yield {**env, "DATABASE_URL": ""}
        return
    name = f"{source['NAME']}_kill"[:63]
    # A copy by dump and restore: CREATE DATABASE … TEMPLATE would need the test database to
    # have no other session, and earlier tests of this worker may have left one open.
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    options = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if source.get(key):
            options += [option, str(source[key])]
    pg_env = {"PGPASSWORD": source.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    dump = subprocess.run(
        ["/usr/bin/pg_dump", "--no-owner", *options, "--dbname", source["NAME"]],
        check=True,
        capture_output=True,
        env=pg_env,
        timeout=120,
    ).stdout
    subprocess.run(
        ["/usr/bin/psql", "--quiet", "--set", "ON_ERROR_STOP=1", *options, "--dbname", name],
        input=dump,
        check=True,
        capture_output=True,
        env=pg_env,
        timeout=120,
    )
    user, password = quote(source["USER"] or "", safe=""), quote(source["PASSWORD"] or "", safe="")
    url = f"postgres://{user}:{password}@{source['HOST'] or 'localhost'}:{source['PORT'] or 5432}/{name}"
    try:
        yield {**env, "DATABASE_URL": url}
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "putokaz.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--error-logfile",
        "-",
    ]
    with log.open("ab") as output:
        # Its own session: one process group holds the arbiter and its workers, killed at once.
        process = subprocess.Popen(
            command,
            env=env,
            cwd=BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited while starting:\n{log.read_text()}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process, url
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    kill(process)
    raise AssertionError(f"gunicorn did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the server's whole process group: no worker gets to finish anything."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def contact_form(csrf: str) -> str:
    now = timezone.localtime()
    return urlencode(
        [
            ("csrfmiddlewaretoken", csrf),
            ("line", "sos"),
            ("channel", "phone"),
            ("started_at", (now - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")),
            ("duration", "12:30"),
            ("caller_type", "family_member"),
            ("caller_gender", "Feminine"),
            ("caller_age_band", "35-49"),
            ("caller_citizenship", "RS"),
            ("caller_place", "Čačak"),
            ("caller_name", "Milica Jovanović"),
            ("caller_phone", "+381 63 555 0199"),
            ("caller_email", "milica@example.rs"),
            ("subject", "suspected_trafficking"),
            ("indicators", "WithholdsDocuments"),
            ("indicators", "DebtBondage"),
            ("risk_level", "high"),
            ("actions", "information_given"),
            ("actions", "referral_police"),
            ("notes", "Sestra radi u Beču, poslodavac joj je uzeo pasoš."),
            ("follow_up_description", "Pozvati ponovo za dva dana."),
            ("follow_up_due", (now + timedelta(days=2)).strftime("%Y-%m-%d")),
        ]
    )


class Senders:
    """SENDERS threads recording the drafts over HTTP, one POST per draft, until the drafts
    run out or the server dies. A save whose answer never came is neither acknowledged nor
    "other": it may or may not have been written, and either must be whole."""

    def __init__(self, url: str, session: str, drafts: list[int]) -> None:
        csrf = "k" * 32  # an unmasked token equal to the cookie's secret
        self.body = contact_form(csrf).encode()
        self.headers = {
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.port = int(url.rsplit(":", 1)[1])
        self.pending = list(reversed(drafts))
        self.acknowledged: set[int] = set()
        self.other: dict[int, str] = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.send, daemon=True) for _ in range(SENDERS)]
        for thread in self.threads:
            thread.start()

    def send(self) -> None:
        while True:
            with self.lock:
                if not self.pending:
                    return
                pk = self.pending.pop()
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                path = f"/hotline/contacts/{pk}/edit/"
                conn.request("POST", path, body=self.body, headers=self.headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            finally:
                conn.close()
            location = response.getheader("Location", "")
            with self.lock:
                if response.status == 302 and re.search(rf"/hotline/contacts/{pk}/$", location):
                    self.acknowledged.add(pk)
                else:
                    self.other[pk] = f"{response.status} {location}"

    def wait_for(self, acknowledged: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and len(self.acknowledged) < acknowledged:
            time.sleep(0.01)

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=15)


def rows_by_contact(env: dict[str, str], drafts: list[int]) -> dict[int, dict[str, Any]]:
    """Per contact: status, indicators, actions, follow-ups, "contact recorded" audit entries,
    read straight from the server's database after the kill."""
    queries = {
        "status": "SELECT id, status FROM hotline_contact WHERE organisation_id = "
        "(SELECT id FROM core_organisation WHERE slug = 'fault-kill')",
        "indicators": "SELECT contact_id, COUNT(*) FROM hotline_contactindicator GROUP BY contact_id",
        "actions": "SELECT contact_id, COUNT(*) FROM hotline_contactaction GROUP BY contact_id",
        "follow_ups": "SELECT contact_id, COUNT(*) FROM hotline_followup GROUP BY contact_id",
        "recorded_audits": "SELECT object_id, COUNT(*) FROM core_auditentry WHERE object_type = "
        "'hotline.contact' AND summary = 'contact recorded' GROUP BY object_id",
    }
    results: dict[str, dict[Any, Any]] = {}
    if env["DATABASE_URL"]:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as database, database.cursor() as cursor:
            for key, sql in queries.items():
                cursor.execute(sql)
                results[key] = dict(cursor.fetchall())
    else:
        database = sqlite3.connect(Path(env["PUTOKAZ_VAR_DIR"]) / "putokaz.sqlite3")
        try:
            for key, sql in queries.items():
                results[key] = dict(database.execute(sql).fetchall())
        finally:
            database.close()
    return {
        pk: {
            "status": results["status"].get(pk),
            "indicators": results["indicators"].get(pk, 0),
            "actions": results["actions"].get(pk, 0),
            "follow_ups": results["follow_ups"].get(pk, 0),
            "recorded_audits": results["recorded_audits"].get(str(pk), 0),
        }
        for pk in drafts
    }


RECORDED_IN_FULL = {
    "status": "recorded",
    "indicators": 2,
    "actions": 2,
    "follow_ups": 1,
    "recorded_audits": 1,
}
UNTOUCHED_DRAFT = {
    "status": "draft",
    "indicators": 0,
    "actions": 0,
    "follow_ups": 0,
    "recorded_audits": 0,
}


def test_killing_the_server_mid_save_loses_no_acknowledged_contact_and_half_writes_none(
    shift, server_database, tmp_path
):
    server, url = start_server(server_database, tmp_path / "gunicorn.log")
    try:
        senders = Senders(url, shift["session"], shift["drafts"])
        senders.wait_for(KILL_AFTER_ACKNOWLEDGED, ACKNOWLEDGED_WITHIN)
    finally:
        kill(server)
    senders.join()

    assert not senders.other, f"answers other than the redirect to the contact: {senders.other}"
    acknowledged = senders.acknowledged
    assert acknowledged, "no save was acknowledged before the kill: nothing was tested"
    contacts = rows_by_contact(server_database, shift["drafts"])
    assert len(acknowledged) < len(contacts), "every save finished before the kill"
    for pk in acknowledged:
        assert contacts[pk] == RECORDED_IN_FULL, f"acknowledged contact {pk}: {contacts[pk]}"
    half_written = {
        pk: rows for pk, rows in contacts.items() if rows not in (RECORDED_IN_FULL, UNTOUCHED_DRAFT)
    }
    assert not half_written
    recorded = [pk for pk, rows in contacts.items() if rows == RECORDED_IN_FULL]
    print(f"{len(acknowledged)} acknowledged, {len(recorded)} recorded, {len(contacts)} drafts")
    verified = subprocess.run(
        [sys.executable, "manage.py", "verify_audit"],
        env=server_database,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "OK" in verified.stdout

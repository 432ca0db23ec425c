"""Staff sign-in: the audit log records it, repeated failures lock the account (django-axes)."""

import pytest
from django.db import connection
from django.urls import reverse

from core.models import AuditAction, AuditEntry, Role
from core.tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "Tajna-Lozinka-1234"


def database_dump():
    """Every row of every table as text: what a stolen backup would show."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(rows)


def sign_in_form(client, username, password):
    return client.post(reverse("core:login"), {"username": username, "password": password})


@pytest.fixture
def trainer(organisation):
    return MembershipFactory(role=Role.TRAINER, organisation=organisation).user


def test_right_password_signs_in_and_opens_the_dashboard(client, trainer):
    response = sign_in_form(client, trainer.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_sign_in_is_recorded_in_the_audit_log(client, trainer):
    sign_in_form(client, trainer.username, PASSWORD)

    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.actor == trainer
    assert entry.ip_address == "127.0.0.1"


def test_wrong_password_shows_an_error_and_stays_signed_out(client, trainer):
    response = sign_in_form(client, trainer.username, WRONG_PASSWORD)

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_failed_sign_in_is_audited_with_the_username_only(client, trainer):
    sign_in_form(client, trainer.username, WRONG_PASSWORD)

    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.summary == trainer.username
    assert entry.actor is None


def test_the_typed_password_of_a_failed_sign_in_is_stored_nowhere(client, trainer):
    sign_in_form(client, trainer.username, WRONG_PASSWORD)

    dump = database_dump()
    assert trainer.username in dump  # the dump does see what was recorded
    assert WRONG_PASSWORD not in dump


def test_sixth_attempt_is_refused_even_with_the_right_password(client, trainer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in_form(client, trainer.username, WRONG_PASSWORD)

    response = sign_in_form(client, trainer.username, PASSWORD)

    assert response.status_code in (403, 429)
    assert "Sign-in locked" in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_lockout_does_not_affect_other_accounts(client, trainer, organisation, settings):
    colleague = MembershipFactory(role=Role.TRAINER, organisation=organisation).user
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in_form(client, trainer.username, WRONG_PASSWORD)

    response = sign_in_form(client, colleague.username, PASSWORD)

    assert response.status_code == 302


def test_sign_out_is_recorded_and_ends_the_session(client, trainer):
    sign_in_form(client, trainer.username, PASSWORD)

    response = client.post(reverse("core:logout"))

    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor=trainer).exists()
    assert client.get(reverse("core:dashboard")).status_code == 302

"""Administrators browse their organisation's audit log, its members' sign-ins included."""

import datetime

import pytest
from django.urls import reverse

from core.models import AuditAction, Role
from core.services import record_audit
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AUDIT = reverse("core:audit_log")


@pytest.fixture
def admin_client(client_as):
    return client_as(Role.ADMINISTRATOR)


def rows(response):
    return [entry.summary for entry in response.context["page"]]


def test_administrator_sees_the_organisations_entries(admin_client, organisation):
    record_audit(action=AuditAction.UPDATE, organisation=organisation, summary="changed programme")

    assert "changed programme" in admin_client.get(AUDIT).content.decode()


def test_another_organisations_entries_never_appear(admin_client, other_organisation, member):
    outsider = member(Role.TRAINER, other_organisation)
    record_audit(action=AuditAction.UPDATE, organisation=other_organisation, summary="their secret")
    record_audit(action=AuditAction.LOGIN, actor=outsider, summary="their sign-in")
    record_audit(action=AuditAction.LOGIN_FAILED, summary=outsider.username)

    response = admin_client.get(AUDIT)

    assert not {"their secret", "their sign-in", outsider.username} & set(rows(response))


def test_members_sign_ins_appear_though_they_belong_to_no_organisation(admin_client, member):
    trainer = member(Role.TRAINER)
    record_audit(action=AuditAction.LOGIN, actor=trainer, summary="trainer signed in")

    assert "trainer signed in" in rows(admin_client.get(AUDIT))


def test_failed_sign_ins_with_a_members_username_appear(admin_client, member):
    trainer = member(Role.TRAINER)
    record_audit(action=AuditAction.LOGIN_FAILED, summary=trainer.username)

    assert trainer.username in rows(admin_client.get(AUDIT))


def test_a_person_in_both_organisations_shows_only_this_organisations_work(
    admin_client, member, organisation, other_organisation
):
    shared = member(Role.TRAINER)
    record_audit(
        action=AuditAction.UPDATE,
        actor=shared,
        organisation=other_organisation,
        summary="elsewhere",
    )
    record_audit(action=AuditAction.UPDATE, actor=shared, organisation=organisation, summary="here")

    summaries = rows(admin_client.get(AUDIT))

    assert "here" in summaries
    assert "elsewhere" not in summaries


def test_filter_by_action(admin_client, organisation):
    record_audit(action=AuditAction.UPDATE, organisation=organisation, summary="an update")
    record_audit(action=AuditAction.EXPORT, organisation=organisation, summary="an export")

    summaries = rows(admin_client.get(AUDIT, {"action": AuditAction.EXPORT}))

    assert summaries == ["an export"]


def test_filter_by_user(admin_client, organisation):
    ana = UserFactory(username="ana")
    record_audit(action=AuditAction.UPDATE, actor=ana, organisation=organisation, summary="by ana")
    record_audit(action=AuditAction.UPDATE, organisation=organisation, summary="by system")

    assert rows(admin_client.get(AUDIT, {"actor": "ana"})) == ["by ana"]


def test_filter_by_record(admin_client, organisation):
    record_audit(
        action=AuditAction.UPDATE,
        organisation=organisation,
        object_type="catalogue.programme",
        object_id="7",
        summary="programme 7",
    )
    record_audit(
        action=AuditAction.UPDATE,
        organisation=organisation,
        object_type="catalogue.programme",
        object_id="8",
        summary="programme 8",
    )

    response = admin_client.get(AUDIT, {"object_type": "catalogue.programme", "object_id": "7"})

    assert rows(response) == ["programme 7"]


def test_filter_by_date_range(admin_client, organisation):
    record_audit(action=AuditAction.UPDATE, organisation=organisation, summary="today")
    today = datetime.date.today()

    assert rows(admin_client.get(AUDIT, {"since": today + datetime.timedelta(days=1)})) == []
    assert "today" in rows(
        admin_client.get(
            AUDIT,
            {
                "since": today - datetime.timedelta(days=1),
                "until": today + datetime.timedelta(days=1),
            },
        )
    )


def test_audit_log_is_paginated_with_constant_queries(
    admin_client, organisation, member, django_assert_max_num_queries
):
    trainer = member(Role.TRAINER)
    for number in range(60):
        record_audit(action=AuditAction.LOGIN, actor=trainer, summary=f"in {number}")
        record_audit(action=AuditAction.UPDATE, organisation=organisation, summary=f"work {number}")

    with django_assert_max_num_queries(12):
        response = admin_client.get(AUDIT)

    assert len(response.context["page"]) == 50
    assert "Page 1 of 3" in response.content.decode()


def test_people_without_the_capability_cannot_open_the_audit_log(client_as):
    assert client_as(Role.EDUCATION_COORDINATOR).get(AUDIT).status_code == 403

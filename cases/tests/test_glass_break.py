"""Emergency access: a case manager of another team sees only the code, may break the glass with
a reason, then sees the case; it is audited and the administrators are told without the reason."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cases.models import GlassBreak
from cases.services.persons import set_identity
from conftest import sign_in
from core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db

REASON = "Police called at night: she is in danger, her case manager is unreachable."


@pytest.fixture
def named_case(case):  # type: ignore[no-untyped-def]
    set_identity(case.person, given_name="Slobodanka", family_name="Đorđević")
    return case


@pytest.fixture
def outsider(member):  # type: ignore[no-untyped-def]
    """A case manager of the organisation, not on the case's team."""
    return member(Role.CASE_MANAGER)


@pytest.fixture
def outsider_client(outsider):  # type: ignore[no-untyped-def]
    from django.test import Client

    return sign_in(Client(), outsider)


def test_another_teams_case_manager_sees_only_the_code(outsider_client, named_case):
    response = outsider_client.get(reverse("cases:case_detail", args=[named_case.pk]))

    text = response.content.decode()
    assert response.status_code == 403
    assert named_case.code in text
    assert "Slobodanka" not in text and "Đorđević" not in text
    assert "Open the case in an emergency" in text
    assert "4 hours" in text


def test_breaking_the_glass_opens_the_case_audits_and_tells_the_administrators(
    outsider_client, outsider, named_case, member, settings
):
    admin = member(Role.ADMINISTRATOR)
    admin.email = "admin@example.org"
    admin.save()

    response = outsider_client.post(
        reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON}, follow=True
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Slobodanka" in text
    assert "Emergency access" in text
    glass_break = GlassBreak.objects.get()
    assert (glass_break.user, glass_break.case) == (outsider, named_case)
    assert glass_break.expires_at > timezone.now() + timedelta(hours=3)
    assert (
        AuditEntry.objects.filter(actor=outsider, summary__contains="break the glass").count() >= 2
    )  # the access and the page read under it
    (message,) = mail.outbox
    assert message.to == ["admin@example.org"]
    assert named_case.code in message.subject + message.body
    assert outsider.get_username() in message.body or outsider.get_full_name() in message.body
    assert "danger" not in message.body and "Police" not in message.body
    assert reverse("cases:glass_breaks") in message.body


def test_the_access_ends_after_the_hours(outsider_client, outsider, named_case):
    outsider_client.post(reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON})
    GlassBreak.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = outsider_client.get(reverse("cases:case_detail", args=[named_case.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("reason", ["", "urgent"])
def test_a_missing_or_short_reason_is_refused(outsider_client, named_case, reason):
    response = outsider_client.post(
        reverse("cases:break_glass", args=[named_case.pk]), {"reason": reason}
    )

    assert response.status_code == 400
    assert "Slobodanka" not in response.content.decode()
    assert GlassBreak.objects.count() == 0
    assert len(mail.outbox) == 0


def test_an_sos_consultant_sees_the_list_but_not_the_case(client_as, named_case):
    client = client_as(Role.SOS_CONSULTANT)

    listing = client.get(reverse("cases:case_list"))
    assert listing.status_code == 200
    assert named_case.code in listing.content.decode()
    assert client.get(reverse("cases:case_detail", args=[named_case.pk])).status_code == 403
    response = client.post(reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON})
    assert response.status_code == 403
    assert GlassBreak.objects.count() == 0


def test_another_organisation_cannot_break_the_glass(client_as, other_organisation, named_case):
    client = client_as(Role.CASE_MANAGER, other_organisation)

    response = client.post(reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON})

    assert response.status_code == 404
    assert GlassBreak.objects.count() == 0


def test_administrators_read_who_opened_which_case_and_why(outsider_client, named_case, client_as):
    outsider_client.post(reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON})
    admin_client = client_as(Role.ADMINISTRATOR)

    response = admin_client.get(reverse("cases:glass_breaks"))

    text = response.content.decode()
    assert response.status_code == 200
    assert named_case.code in text and "her case manager is unreachable" in text
    assert "Slobodanka" not in text


def test_a_case_manager_cannot_read_the_emergency_access_log(case_manager_client):
    assert case_manager_client.get(reverse("cases:glass_breaks")).status_code == 403


def test_the_reason_is_stored_encrypted(outsider_client, named_case):
    from django.db import connection

    outsider_client.post(reverse("cases:break_glass", args=[named_case.pk]), {"reason": REASON})

    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_glassbreak")
        (stored,) = cursor.fetchone()
    assert "danger" not in stored

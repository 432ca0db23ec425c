"""The structure of traffickers: per case, each with gender, age band, citizenship, relation to
the person and role; never a name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.codes import CaseStatus, TraffickerRelation, TraffickerRole
from cases.models import Trafficker
from cases.services.profile import add_trafficker
from cases.tests.factories import CaseFactory
from core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

RECRUITER = {
    "gender": "Masculine",
    "age_band": "25-34",
    "citizenship": "RS",
    "relation": TraffickerRelation.PARTNER,
    "role": TraffickerRole.RECRUITER,
}


def _url(case):
    return reverse("cases:traffickers", args=[case.pk])


def _delete_url(case, trafficker):
    return reverse("cases:trafficker_delete", args=[case.pk, trafficker.pk])


def test_a_trafficker_is_recorded_and_listed(case_manager_client, case):
    response = case_manager_client.post(_url(case), RECRUITER)

    assert response.status_code == 302
    trafficker = Trafficker.objects.get(case=case)
    assert (trafficker.role, trafficker.relation, trafficker.age_band) == (
        TraffickerRole.RECRUITER,
        TraffickerRelation.PARTNER,
        "25-34",
    )
    page = case_manager_client.get(_url(case)).content.decode()
    assert "Recruiter or intermediary" in page
    assert "Partner" in page
    assert "25–34" in page
    assert "Serbia" in page


def test_the_form_asks_for_no_name(case_manager_client, case):
    page = case_manager_client.get(_url(case)).content.decode()

    assert 'name="name"' not in page
    assert "No names are recorded." in page


@pytest.mark.parametrize("field", ["gender", "age_band", "citizenship", "relation", "role"])
def test_a_made_up_code_is_refused(case_manager_client, case, field):
    response = case_manager_client.post(_url(case), RECRUITER | {field: "boss"})

    assert response.status_code == 400
    assert "Choose one of the options offered on the page." in response.content.decode()
    assert not Trafficker.objects.exists()


def test_role_and_relation_are_needed(case_manager_client, case):
    response = case_manager_client.post(_url(case), RECRUITER | {"role": "", "relation": ""})

    assert response.status_code == 400
    assert not Trafficker.objects.exists()


def test_a_trafficker_is_deleted_after_confirmation(case_manager_client, case, case_manager):
    trafficker = add_trafficker(case, case_manager, RECRUITER)

    case_manager_client.post(_delete_url(case, trafficker), {})
    assert Trafficker.objects.filter(pk=trafficker.pk).exists()

    response = case_manager_client.post(
        _delete_url(case, trafficker), {"confirm": "on"}, follow=True
    )

    assert "The trafficker was deleted." in response.content.decode()
    assert not Trafficker.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, summary__endswith=f"trafficker #{trafficker.pk}"
    ).exists()


def test_another_cases_trafficker_is_not_found(case_manager_client, case, organisation):
    other_case = CaseFactory(organisation=organisation)
    theirs = add_trafficker(other_case, other_case.case_manager, RECRUITER)

    response = case_manager_client.post(_delete_url(case, theirs), {"confirm": "on"})

    assert response.status_code == 404
    assert Trafficker.objects.filter(pk=theirs.pk).exists()


def test_a_closed_case_refuses_traffickers(case_manager_client, case, case_manager):
    trafficker = add_trafficker(case, case_manager, RECRUITER)
    case.status = CaseStatus.CLOSED_REFERRED
    case.save()

    added = case_manager_client.post(_url(case), RECRUITER)
    deleted = case_manager_client.post(
        _delete_url(case, trafficker), {"confirm": "on"}, follow=True
    )

    assert added.status_code == 400
    assert "This case is closed." in added.content.decode()
    assert "This case is closed." in deleted.content.decode()
    assert Trafficker.objects.count() == 1


def test_adding_is_audited_with_codes_only(case_manager_client, case):
    case_manager_client.post(_url(case), RECRUITER)

    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert entry.summary.endswith(f"{TraffickerRole.RECRUITER}/{TraffickerRelation.PARTNER}")


def test_the_page_needs_as_many_queries_for_many_traffickers_as_for_one(
    case_manager_client, case, case_manager
):
    add_trafficker(case, case_manager, RECRUITER)
    case_manager_client.get(_url(case))
    with CaptureQueriesContext(connection) as one:
        assert case_manager_client.get(_url(case)).status_code == 200
    for _ in range(20):
        add_trafficker(case, case_manager, RECRUITER)
    with CaptureQueriesContext(connection) as many:
        assert case_manager_client.get(_url(case)).status_code == 200

    assert len(many) == len(one)

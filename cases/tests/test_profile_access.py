"""The profile pages of a case are the case team's: another case manager of the organisation
gets the code only (403) and cannot write; another organisation's case is not found."""

import pytest
from django.urls import reverse

from cases.models import CourtProceeding, Exploitation
from cases.tests.factories import CaseFactory
from conftest import sign_in
from core.models import Role

pytestmark = pytest.mark.django_db

PAGES = ["identification", "exploitation", "traffickers", "court"]


@pytest.mark.parametrize("name", PAGES)
def test_a_case_manager_outside_the_team_sees_only_the_code(client, member, case, name):
    outsider = sign_in(client, member(Role.CASE_MANAGER))
    url = reverse(f"cases:{name}", args=[case.pk])

    response = outsider.get(url)
    posted = outsider.post(
        url, {"form": "SexualExploitation", "court": "Viši sud", "role": "witness"}
    )

    assert response.status_code == posted.status_code == 403
    assert case.code in response.content.decode()
    assert not Exploitation.objects.exists()
    assert not CourtProceeding.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_another_organisations_case_is_not_found(case_manager_client, other_organisation, name):
    theirs = CaseFactory(organisation=other_organisation)

    response = case_manager_client.get(reverse(f"cases:{name}", args=[theirs.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_each_page_opens_empty_for_the_team(case_manager_client, case, name):
    response = case_manager_client.get(reverse(f"cases:{name}", args=[case.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1

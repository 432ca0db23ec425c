"""Services delivered to the person: what, when, by whom and how many times, newest first,
with the totals per kind of service."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import ConsentPurpose, LegalBasis, ServiceKind
from cases.models import Consent, Service
from cases.services.assistance import record_service

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _form(**change: str) -> dict[str, str]:
    return {
        "kind": ServiceKind.PSYCHOLOGICAL,
        "delivered_on": TODAY.isoformat(),
        "provider": "Psihološko savetovalište Atina",
        "count": "4",
        "note": "Sessions on Tuesdays.",
    } | change


def test_a_service_is_recorded_and_listed(case_manager_client, case):
    url = reverse("cases:services", args=[case.pk])

    response = case_manager_client.post(url, _form(), follow=True)

    service = Service.objects.get(case=case)
    assert (service.kind, service.count, service.delivered_on) == (
        ServiceKind.PSYCHOLOGICAL,
        4,
        TODAY,
    )
    page = response.content.decode()
    assert "The service was recorded." in page
    assert "Psihološko savetovalište Atina" in page and "Sessions on Tuesdays." in page


def test_totals_add_up_the_counts_of_each_kind(case_manager_client, case, case_manager):
    for kind, count in [("legal_aid", 2), ("legal_aid", 3), ("medical", 1)]:
        record_service(case, case_manager, kind, TODAY, "", count)

    response = case_manager_client.get(reverse("cases:services", args=[case.pk]))

    totals = {(t.kind, t.records, t.count) for t in response.context["totals"]}
    assert totals == {("legal_aid", 2, 5), ("medical", 1, 1)}
    assert (
        '<tr><th scope="row">Legal aid</th><td>2</td><td>5</td></tr>' in response.content.decode()
    )


def test_newest_services_come_first(case_manager_client, case, case_manager):
    record_service(case, case_manager, "medical", TODAY - timedelta(days=5), "Dom zdravlja", 1)
    record_service(case, case_manager, "education", TODAY, "Škola", 1)

    page = case_manager_client.get(reverse("cases:services", args=[case.pk])).content.decode()

    assert page.index("Škola") < page.index("Dom zdravlja")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"count": "0"}, "greater than or equal to 1"),
        ({"count": "1000"}, "less than or equal to 999"),
        ({"delivered_on": (TODAY + timedelta(days=1)).isoformat()}, "This date is in the future."),
        ({"delivered_on": "2026-03-01"}, "This date is before the case was opened"),
        ({"kind": "massage"}, "Choose one of the services."),
        ({"kind": ""}, "Choose the service."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(case_manager_client, case, change, message):
    response = case_manager_client.post(reverse("cases:services", args=[case.pk]), _form(**change))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Service.objects.exists()


def test_no_service_while_consent_to_assistance_is_withdrawn(
    case_manager_client, case, case_manager
):
    Consent.objects.create(
        case=case,
        purpose=ConsentPurpose.ASSISTANCE,
        legal_basis=LegalBasis.CONSENT,
        given_on=case.opened_on,
        withdrawn_on=TODAY,
        recorded_by=case_manager,
    )

    response = case_manager_client.post(
        reverse("cases:services", args=[case.pk]), _form(), follow=True
    )

    assert "withdrawn their consent to assistance" in response.content.decode()
    assert not Service.objects.exists()


def test_the_services_page_costs_the_same_queries_with_one_or_many_services(
    case_manager_client, case, case_manager
):
    url = reverse("cases:services", args=[case.pk])
    record_service(case, case_manager, "medical", TODAY, "", 1)
    case_manager_client.get(url)
    with CaptureQueriesContext(connection) as one:
        case_manager_client.get(url)
    for kind in list(ServiceKind.values) * 5:
        record_service(case, case_manager, kind, TODAY, "", 2)
    with CaptureQueriesContext(connection) as many:
        response = case_manager_client.get(url)
    assert len(many) == len(one)
    assert len(response.context["page"].object_list) == 50

"""The Consent page of a case: the list (purpose, recipient, legal basis, given and withdrawn on)
and recording a consent; consent to sharing names one recipient, a partner organisation of
Putokaz or an institution by name; no other purpose names one."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import ConsentPurpose, LegalBasis
from cases.models import Consent
from cases.services import CaseRefused
from cases.services.consents import partner_organisations, record_consent
from core.models import AuditEntry, Role
from core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:consents", args=[case.pk])


def _data(**overrides):
    data = {
        "purpose": ConsentPurpose.SHARING,
        "partner": "",
        "institution_name": "",
        "legal_basis": LegalBasis.CONSENT,
        "given_on": "2026-03-02",
    }
    return {**data, **overrides}


def test_a_sharing_consent_naming_the_partner_is_recorded_and_listed(
    case, case_manager, case_manager_client, partner_organisation, partner_user
):
    response = case_manager_client.post(
        _url(case), _data(partner=partner_organisation.pk), follow=True
    )

    consent = Consent.objects.get()
    assert (consent.purpose, consent.partner, consent.recorded_by) == (
        ConsentPurpose.SHARING,
        partner_organisation,
        case_manager,
    )
    page = response.content.decode()
    assert "The consent was recorded." in page
    assert "Partner Shelter" in page
    assert "Consent of the person (or their guardian)" in page
    assert AuditEntry.objects.filter(summary__contains=f"consent #{consent.pk} sharing").exists()


def test_a_sharing_consent_may_name_an_institution_instead(case, case_manager_client):
    case_manager_client.post(_url(case), _data(institution_name="Centar za socijalni rad Niš"))

    assert Consent.objects.get().institution_name == "Centar za socijalni rad Niš"


def test_partner_choices_are_other_organisations_with_an_active_partner_user(
    organisation, member, partner_organisation, partner_user
):
    idle = OrganisationFactory(name="Idle Partner", slug="idle")
    idle_user = member(Role.PARTNER, idle)
    idle_user.is_active = False
    idle_user.save()
    member(Role.PARTNER, organisation)  # our own partner role does not make us our partner
    OrganisationFactory(name="No Partners", slug="none")

    assert list(partner_organisations(organisation)) == [partner_organisation]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({}, "Name who may receive the data"),
        ({"partner": "PARTNER", "institution_name": "Dom zdravlja"}, "Name one recipient"),
        (
            {"purpose": ConsentPurpose.STATISTICS, "institution_name": "Dom zdravlja"},
            "Only consent",
        ),
        ({"purpose": "marketing"}, "Choose one of the options in the list."),
        ({"legal_basis": "whim"}, "Choose one of the options in the list."),
        ({"partner": "OTHER"}, "Choose one of the partner organisations in the list."),
        ({"partner": "999999"}, "Choose one of the partner organisations in the list."),
        ({"given_on": "FUTURE", "institution_name": "Dom zdravlja"}, "This date is in the future."),
        ({"given_on": "2026-13-01", "institution_name": "Dom zdravlja"}, "Enter a valid date."),
    ],
)
def test_bad_consent_input_is_a_clear_error_and_nothing_is_written(
    case,
    case_manager_client,
    partner_organisation,
    partner_user,
    other_organisation,
    overrides,
    error,
):
    substitutes = {
        "PARTNER": str(partner_organisation.pk),
        "OTHER": str(other_organisation.pk),  # not a partner organisation (no partner user)
        "FUTURE": (timezone.localdate() + timedelta(days=1)).isoformat(),
    }
    data = {k: substitutes.get(v, v) for k, v in _data(**overrides).items()}

    response = case_manager_client.post(_url(case), data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Consent.objects.exists()


def test_the_service_refuses_a_partner_that_is_not_a_partner_organisation(
    case, case_manager, other_organisation
):
    with pytest.raises(CaseRefused):
        record_consent(
            case,
            case_manager,
            ConsentPurpose.SHARING,
            LegalBasis.CONSENT,
            date(2026, 3, 2),
            partner=other_organisation,
        )
    assert not Consent.objects.exists()


def test_the_consent_page_makes_as_many_queries_with_one_or_twenty_consents(
    case, case_manager, case_manager_client, partner_organisation, partner_user
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert case_manager_client.get(_url(case)).status_code == 200
        return len(queries)

    record_consent(
        case,
        case_manager,
        ConsentPurpose.SHARING,
        LegalBasis.CONSENT,
        date(2026, 3, 2),
        partner=partner_organisation,
    )
    count()  # the first request of a session makes a few more (its set-up)
    one = count()
    for _ in range(19):
        record_consent(
            case,
            case_manager,
            ConsentPurpose.SHARING,
            LegalBasis.CONSENT,
            date(2026, 3, 2),
            partner=partner_organisation,
        )
    assert count() == one

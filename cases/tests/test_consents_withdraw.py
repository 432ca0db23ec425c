"""Consent per purpose, and its withdrawal taking effect everywhere it applies: the referrals
relying on a sharing consent are withdrawn (the partner loses them at once), a statistics consent
takes the case out of the statistics, an assistance consent stops new assistance."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.codes import ConsentPurpose, LegalBasis, ReferralDirection, ReferralStatus
from cases.models import Consent, Referral
from cases.queries import incoming_referrals_for
from cases.services import CaseRefused, require_assistance_consent
from cases.services.consents import record_consent, withdraw_consent
from cases.services.referrals import make_referral
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

GIVEN = date(2026, 3, 2)


def _consent(case, actor, purpose, **kwargs):
    return record_consent(case, actor, purpose, LegalBasis.CONSENT, GIVEN, **kwargs)


def _withdraw(client, case, consent, when):
    return client.post(
        reverse("cases:consent_withdraw", args=[case.pk, consent.pk]),
        {"withdrawn_on": when.isoformat()},
    )


def _referral_to_partner(case, actor, partner, consent):
    return make_referral(
        case,
        actor,
        ReferralDirection.OUTGOING,
        partner=partner,
        reason_code="AdditionalServicesRequired",
        shared_summary="Needs a safe place to stay.",
        sent_on=GIVEN + timedelta(days=1),
        consent=consent,
    )


def test_withdrawing_sharing_consent_withdraws_the_referral_and_hides_it_from_the_partner(
    case, case_manager, case_manager_client, partner_organisation, partner_user, partner_client
):
    consent = _consent(case, case_manager, ConsentPurpose.SHARING, partner=partner_organisation)
    referral = _referral_to_partner(case, case_manager, partner_organisation, consent)
    detail = reverse("cases:incoming_detail", args=[referral.pk])
    assert partner_client.get(detail).status_code == 200

    response = _withdraw(case_manager_client, case, consent, timezone.localdate())

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert partner_client.get(detail).status_code == 404
    assert not incoming_referrals_for(partner_organisation).exists()
    page = case_manager_client.get(reverse("cases:referrals", args=[case.pk])).content.decode()
    assert "Withdrawn" in page
    summaries = AuditEntry.objects.values_list("summary", flat=True)
    assert any(f"referral #{referral.pk} sent->withdrawn" in s for s in summaries)


def test_withdrawal_leaves_finished_referrals_as_they_were(
    case, case_manager, partner_organisation, partner_user
):
    consent = _consent(case, case_manager, ConsentPurpose.SHARING, partner=partner_organisation)
    referral = _referral_to_partner(case, case_manager, partner_organisation, consent)
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.COMPLETED)

    withdraw_consent(consent, case_manager, timezone.localdate())

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED


def test_statistics_consent_withdrawn_takes_the_case_out_of_statistics_and_back_in(
    case, case_manager, case_manager_client
):
    consent = _consent(case, case_manager, ConsentPurpose.STATISTICS)

    _withdraw(case_manager_client, case, consent, timezone.localdate())

    case.refresh_from_db()
    assert case.counts_in_statistics is False
    page = case_manager_client.get(reverse("cases:consents", args=[case.pk])).content.decode()
    assert "This case is not counted in the statistics." in page

    _consent(case, case_manager, ConsentPurpose.STATISTICS)
    case.refresh_from_db()
    assert case.counts_in_statistics is True


def test_assistance_consent_withdrawn_refuses_new_assistance(case, case_manager):
    consent = _consent(case, case_manager, ConsentPurpose.ASSISTANCE)
    require_assistance_consent(case)

    withdraw_consent(consent, case_manager, timezone.localdate())

    with pytest.raises(CaseRefused):
        require_assistance_consent(case)
    with pytest.raises(CaseRefused):
        make_referral(
            case,
            case_manager,
            ReferralDirection.OUTGOING,
            institution_name="Centar za socijalni rad",
            reason_code="Other",
            sent_on=timezone.localdate(),
        )


def test_withdrawing_twice_is_refused_and_keeps_the_first_date(
    case, case_manager, case_manager_client
):
    consent = _consent(case, case_manager, ConsentPurpose.ASSISTANCE)
    first = GIVEN + timedelta(days=3)
    _withdraw(case_manager_client, case, consent, first)

    response = _withdraw(case_manager_client, case, consent, timezone.localdate())

    assert response.status_code == 400
    assert "This consent has already been withdrawn." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on == first


def test_a_withdrawal_before_the_consent_was_given_is_refused(
    case, case_manager, case_manager_client
):
    consent = _consent(case, case_manager, ConsentPurpose.STATISTICS)

    response = _withdraw(case_manager_client, case, consent, GIVEN - timedelta(days=1))

    assert response.status_code == 400
    assert "cannot be withdrawn before it was given" in response.content.decode()
    consent.refresh_from_db()
    case.refresh_from_db()
    assert (consent.withdrawn_on, case.counts_in_statistics) == (None, True)


def test_a_withdrawal_in_the_future_or_without_a_date_is_refused(
    case, case_manager, case_manager_client
):
    consent = _consent(case, case_manager, ConsentPurpose.STATISTICS)
    url = reverse("cases:consent_withdraw", args=[case.pk, consent.pk])

    future = case_manager_client.post(
        url, {"withdrawn_on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    )
    empty = case_manager_client.post(url, {})
    nonsense = case_manager_client.post(url, {"withdrawn_on": "2026-02-30"})

    assert [r.status_code for r in (future, empty, nonsense)] == [400, 400, 400]
    assert "This date is in the future." in future.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_another_cases_consent_is_not_found(case, case_manager, case_manager_client):
    from cases.tests.factories import CaseFactory

    other = CaseFactory(organisation=case.organisation, case_manager=case_manager)
    consent = _consent(other, case_manager, ConsentPurpose.STATISTICS)

    response = _withdraw(case_manager_client, case, consent, timezone.localdate())

    assert response.status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None

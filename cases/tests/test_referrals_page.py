"""The Referrals page of a case: referring the person to a partner organisation (only with their
consent to share with it, and with what is referred), to an institution by name, or recording
that an institution referred them to us; following the answer and withdrawing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import ConsentPurpose, LegalBasis, ReferralDirection, ReferralStatus
from cases.models import Referral
from cases.services import CaseRefused
from cases.services.consents import record_consent
from cases.services.referrals import make_referral, set_referral_status
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

SENT = "2026-03-10"


@pytest.fixture
def sharing_consent(case, case_manager, partner_organisation, partner_user):
    return record_consent(
        case,
        case_manager,
        ConsentPurpose.SHARING,
        LegalBasis.CONSENT,
        date(2026, 3, 2),
        partner=partner_organisation,
    )


def _url(case):
    return reverse("cases:referrals", args=[case.pk])


def _to_partner(partner_organisation, sharing_consent, **overrides):
    data = {
        "direction": ReferralDirection.OUTGOING,
        "partner": partner_organisation.pk,
        "institution_name": "",
        "consent": sharing_consent.pk,
        "reason_code": "AdditionalServicesRequired",
        "reason": "Needs a shelter closer to her school.",
        "shared_summary": "Safe accommodation for a girl of 16, from next week.",
        "sent_on": SENT,
    }
    return {**data, **overrides}


def test_a_referral_to_the_partner_is_sent_and_the_partner_is_told(
    case, case_manager_client, partner_organisation, partner_user, sharing_consent
):
    response = case_manager_client.post(
        _url(case), _to_partner(partner_organisation, sharing_consent), follow=True
    )

    referral = Referral.objects.get()
    assert (referral.status, referral.partner, referral.consent) == (
        ReferralStatus.SENT,
        partner_organisation,
        sharing_consent,
    )
    page = response.content.decode()
    assert "The referral was recorded." in page
    assert "Partner Shelter" in page and "Sent" in page
    assert [m.to for m in mail.outbox] == [[partner_user.email]]
    assert AuditEntry.objects.filter(summary__contains=f"referral #{referral.pk} outgoing").exists()


def test_the_consent_choices_are_the_cases_active_sharing_consents(
    case, case_manager, case_manager_client, sharing_consent
):
    statistics = record_consent(
        case, case_manager, ConsentPurpose.STATISTICS, LegalBasis.CONSENT, date(2026, 3, 2)
    )

    page = case_manager_client.get(_url(case)).content.decode()

    choices = page.split('name="consent"')[1].split("</select>")[0]
    assert f'<option value="{sharing_consent.pk}">Partner Shelter' in choices
    assert f'<option value="{statistics.pk}"' not in choices


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"consent": ""}, "needs the person&#x27;s consent to share with that organisation"),
        ({"shared_summary": "  "}, "Write what is referred"),
        ({"reason_code": "Vacation"}, "Choose one of the options in the list."),
        ({"direction": "sideways"}, "Choose one of the options in the list."),
        ({"partner": "OTHER"}, "Choose one of the partner organisations in the list."),
        ({"institution_name": "Dom zdravlja"}, "not both"),
        ({"sent_on": "FUTURE"}, "This date is in the future."),
        ({"sent_on": "2026-02-30"}, "Enter a valid date."),
        ({"consent": "999999"}, "Choose one of this case"),
    ],
)
def test_bad_referral_input_is_a_clear_error_and_nothing_is_written(
    case,
    case_manager_client,
    partner_organisation,
    other_organisation,
    sharing_consent,
    overrides,
    error,
):
    substitutes = {
        "OTHER": other_organisation.pk,
        "FUTURE": (timezone.localdate() + timedelta(days=1)).isoformat(),
    }
    data = {
        k: substitutes.get(v, v) if isinstance(v, str) else v
        for k, v in _to_partner(partner_organisation, sharing_consent, **overrides).items()
    }

    response = case_manager_client.post(_url(case), data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Referral.objects.exists()
    assert not mail.outbox


def test_a_withdrawn_consent_or_one_naming_another_recipient_is_refused(
    case, case_manager, partner_organisation, partner_user, sharing_consent
):
    other = record_consent(
        case,
        case_manager,
        ConsentPurpose.SHARING,
        LegalBasis.CONSENT,
        date(2026, 3, 2),
        institution_name="Dom zdravlja",
    )
    for consent in (other, None):
        with pytest.raises(CaseRefused):
            make_referral(
                case,
                case_manager,
                ReferralDirection.OUTGOING,
                partner=partner_organisation,
                reason_code="Other",
                shared_summary="Help with documents.",
                sent_on=date(2026, 3, 10),
                consent=consent,
            )
    assert not Referral.objects.exists()


def test_the_service_refuses_an_organisation_that_is_not_a_partner(
    case, case_manager, other_organisation
):
    with pytest.raises(CaseRefused, match="not a partner organisation"):
        make_referral(
            case,
            case_manager,
            ReferralDirection.OUTGOING,
            partner=other_organisation,
            reason_code="Other",
            shared_summary="Help with documents.",
            sent_on=date(2026, 3, 10),
        )
    assert not Referral.objects.exists()


def test_a_referral_to_an_institution_by_name_needs_no_consent_and_no_email(
    case, case_manager_client
):
    case_manager_client.post(
        _url(case),
        {
            "direction": ReferralDirection.OUTGOING,
            "institution_name": "Centar za socijalni rad Niš",
            "reason_code": "AdditionalServicesRequired",
            "sent_on": SENT,
        },
    )

    referral = Referral.objects.get()
    assert (referral.institution_name, referral.status) == (
        "Centar za socijalni rad Niš",
        ReferralStatus.SENT,
    )
    assert not mail.outbox


def test_a_referral_to_us_by_the_centre_starts_accepted(case, case_manager_client):
    response = case_manager_client.post(
        _url(case),
        {
            "direction": ReferralDirection.INCOMING,
            "institution_name": "Centar za zaštitu žrtava trgovine ljudima",
            "reason_code": "AdditionalServicesRequired",
            "sent_on": "2026-02-20",
        },
        follow=True,
    )

    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.ACCEPTED
    assert "Referred to us" in response.content.decode()


def test_a_referral_to_us_needs_the_institutions_name(case, case_manager_client):
    response = case_manager_client.post(
        _url(case),
        {"direction": ReferralDirection.INCOMING, "reason_code": "Other", "sent_on": SENT},
    )

    assert response.status_code == 400
    assert "Name the institution that referred the person to us." in response.content.decode()
    assert not Referral.objects.exists()


def _institution_referral(case, actor):
    return make_referral(
        case,
        actor,
        ReferralDirection.OUTGOING,
        institution_name="Dom zdravlja Niš",
        reason_code="Other",
        sent_on=date(2026, 3, 10),
    )


def test_the_team_records_an_institutions_answer_with_feedback(
    case, case_manager, case_manager_client
):
    referral = _institution_referral(case, case_manager)
    url = reverse("cases:referral_status", args=[case.pk, referral.pk])

    response = case_manager_client.post(
        url, {"status": "accepted", "feedback": "Appointment on Monday."}, follow=True
    )

    referral.refresh_from_db()
    assert (referral.status, referral.feedback, referral.responded_by) == (
        ReferralStatus.ACCEPTED,
        "Appointment on Monday.",
        case_manager,
    )
    page = response.content.decode()
    assert "The referral is now “Accepted”." in page
    assert "Appointment on Monday." in page


def test_a_transition_the_rules_do_not_allow_is_refused(case, case_manager, case_manager_client):
    referral = _institution_referral(case, case_manager)
    set_referral_status(referral, case_manager, ReferralStatus.ACCEPTED)
    set_referral_status(referral, case_manager, ReferralStatus.COMPLETED)
    url = reverse("cases:referral_status", args=[case.pk, referral.pk])

    response = case_manager_client.post(url, {"status": "withdrawn"}, follow=True)
    unknown = case_manager_client.post(url, {"status": "sent"})

    assert "cannot become" in response.content.decode()
    assert unknown.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    with pytest.raises(CaseRefused):
        set_referral_status(referral, case_manager, ReferralStatus.SENT)


def test_the_team_can_only_withdraw_a_partner_referral(
    case, case_manager, partner_organisation, sharing_consent
):
    referral = make_referral(
        case,
        case_manager,
        ReferralDirection.OUTGOING,
        partner=partner_organisation,
        reason_code="Other",
        shared_summary="Help with documents.",
        sent_on=date(2026, 3, 10),
        consent=sharing_consent,
    )
    with pytest.raises(CaseRefused, match="answers this referral itself"):
        set_referral_status(referral, case_manager, ReferralStatus.ACCEPTED)

    set_referral_status(referral, case_manager, ReferralStatus.WITHDRAWN)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_a_tampered_referral_id_is_not_found(case, case_manager, case_manager_client):
    from cases.tests.factories import CaseFactory

    other_case = CaseFactory(organisation=case.organisation, case_manager=case_manager)
    referral = _institution_referral(other_case, case_manager)

    response = case_manager_client.post(
        reverse("cases:referral_status", args=[case.pk, referral.pk]), {"status": "accepted"}
    )

    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_referrals_page_makes_as_many_queries_with_one_or_twenty_referrals(
    case, case_manager, case_manager_client, partner_organisation, sharing_consent
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert case_manager_client.get(_url(case)).status_code == 200
        return len(queries)

    def refer() -> None:
        make_referral(
            case,
            case_manager,
            ReferralDirection.OUTGOING,
            partner=partner_organisation,
            reason_code="Other",
            shared_summary="Help with documents.",
            sent_on=date(2026, 3, 10),
            consent=sharing_consent,
        )

    refer()
    count()  # the first request of a session makes a few more (its set-up)
    one = count()
    for _ in range(19):
        refer()
    assert count() == one


def test_a_referral_by_us_before_the_case_was_opened_is_refused(case, case_manager_client):
    response = case_manager_client.post(
        _url(case),
        {
            "direction": ReferralDirection.OUTGOING,
            "institution_name": "Dom zdravlja Niš",
            "reason_code": "Other",
            "sent_on": "2026-01-15",  # the case was opened on 2 March 2026
        },
    )

    assert response.status_code == 400
    assert "cannot be made before the case was opened" in response.content.decode()
    assert not Referral.objects.exists()

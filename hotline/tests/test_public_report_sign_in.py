"""The reporter comes back with the reference and passphrase: one message for every wrong pair,
a limit on attempts, and a grant for that one report only."""

import pytest
from django.test import Client
from django.urls import reverse

from hotline.tests.factories_online import send_report

pytestmark = pytest.mark.django_db

URL = reverse("hotline:report_sign_in")
NOT_CORRECT = "The reference or passphrase is not correct."


@pytest.fixture
def sent(organisation):
    return send_report(organisation)


def test_the_right_reference_and_passphrase_open_the_report(client, sent):
    report, passphrase = sent

    response = client.post(URL, {"reference": report.reference, "passphrase": passphrase})

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:report_thread", args=[report.reference])
    assert client.get(response["Location"]).status_code == 200


def test_the_codes_may_be_typed_in_lower_case_with_spaces_and_without_dashes(client, sent):
    report, passphrase = sent

    response = client.post(
        URL,
        {
            "reference": f" {report.reference[:5].lower()} {report.reference[5:]} ",
            "passphrase": passphrase.replace("-", " ").lower(),
        },
    )

    assert response.status_code == 302


@pytest.mark.parametrize("wrong", ["passphrase", "reference"])
def test_a_wrong_passphrase_and_an_unknown_reference_get_the_same_message(client, sent, wrong):
    report, passphrase = sent
    data = {"reference": report.reference, "passphrase": passphrase}
    data[wrong] = "ABCD-EFGH-JKMN-PQRS" if wrong == "passphrase" else "ZZZZZZZZZZ"

    response = client.post(URL, data)

    assert response.status_code == 400
    assert NOT_CORRECT in response.content.decode()
    thread = client.get(reverse("hotline:report_thread", args=[report.reference]))
    assert thread.status_code == 302


def test_the_sign_in_form_is_prefilled_with_the_reference_from_the_sent_page(client, sent):
    report, _ = sent

    page = client.get(URL, {"reference": report.reference}).content.decode()

    assert f'value="{report.reference}"' in page


def test_attempts_over_the_hourly_limit_get_429(client, sent, settings):
    settings.ONLINE_REPORT_SIGN_IN_RATE_PER_HOUR = 3
    report, passphrase = sent
    for _ in range(3):
        client.post(URL, {"reference": report.reference, "passphrase": "WRONG-WRONG"})

    response = client.post(URL, {"reference": report.reference, "passphrase": passphrase})

    assert response.status_code == 429
    assert "Too many attempts from your connection" in response.content.decode()


def test_the_thread_without_a_grant_sends_the_visitor_to_sign_in(client, sent):
    report, _ = sent

    response = client.get(reverse("hotline:report_thread", args=[report.reference]))

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?reference={report.reference}"


def test_a_grant_for_one_report_does_not_open_another(client, sent, organisation):
    report, passphrase = sent
    other, _ = send_report(organisation, what_happened="Another report")
    client.post(URL, {"reference": report.reference, "passphrase": passphrase})

    response = client.get(reverse("hotline:report_thread", args=[other.reference]))

    assert response.status_code == 302
    assert (
        Client().get(reverse("hotline:report_thread", args=[report.reference])).status_code == 302
    )

"""After sending: the reference and passphrase are shown once, to be written down."""

import re

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from hotline.models import OnlineReport

pytestmark = pytest.mark.django_db

PASSPHRASE = re.compile(r"<code data-passphrase>([A-Z0-9-]+)</code>")


@pytest.fixture
def hotline_org(organisation):
    organisation.accepts_online_reports = True
    organisation.save()
    return organisation


def test_the_sent_page_shows_the_reference_and_a_passphrase_that_opens_the_report(
    client, hotline_org
):
    response = client.post(
        reverse("hotline:public_report"), {"what_happened": "Seen at the bus station."}, follow=True
    )

    page = response.content.decode()
    report = OnlineReport.objects.get()
    passphrase = PASSPHRASE.search(page).group(1)
    assert f"<code data-reference>{report.reference}</code>" in page
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", passphrase)
    assert check_password(passphrase.replace("-", ""), report.passphrase_hash)
    assert passphrase not in report.passphrase_hash
    assert "Write down the reference and the passphrase" in page
    assert f"{reverse('hotline:report_sign_in')}?reference={report.reference}" in page
    assert response["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_the_passphrase_is_shown_only_once(client, hotline_org):
    client.post(reverse("hotline:public_report"), {"what_happened": "Seen at the bus station."})
    report = OnlineReport.objects.get()
    url = reverse("hotline:report_sent", args=[report.reference])
    client.get(url)

    page = client.get(url).content.decode()

    assert PASSPHRASE.search(page) is None
    assert "The passphrase was shown once" in page
    assert "send a new report" in page


def test_another_browser_never_sees_the_passphrase(client, hotline_org):
    from django.test import Client

    client.post(reverse("hotline:public_report"), {"what_happened": "Seen at the bus station."})
    report = OnlineReport.objects.get()

    page = Client().get(reverse("hotline:report_sent", args=[report.reference])).content.decode()

    assert PASSPHRASE.search(page) is None

"""The coordinator publishes the privacy notice participants consent to; each save is a new
version, and earlier registrations stay tied to the version they saw."""

import pytest
from django.urls import reverse

from training.models import PrivacyNotice
from training.tests.factories import PrivacyNoticeFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_first_notice_is_published_as_version_one(coordinator_client, organisation):
    page = coordinator_client.get(reverse("training:privacy_notice"))
    assert "nobody can register" in page.content.decode()

    response = coordinator_client.post(
        reverse("training:privacy_notice"),
        {"text_sr": "Podatke čuvamo dve godine.", "text_en": "We keep data for two years."},
    )

    assert response["Location"] == reverse("training:privacy_notice")
    notice = PrivacyNotice.objects.get(organisation=organisation)
    assert (notice.version, notice.text_sr) == (1, "Podatke čuvamo dve godine.")


def test_saving_again_publishes_a_new_version_and_keeps_earlier_consents(
    coordinator_client, organisation
):
    registration = RegistrationFactory(
        training__organisation=organisation,
        privacy_notice=PrivacyNoticeFactory(organisation=organisation),
    )
    form = coordinator_client.get(reverse("training:privacy_notice")).context["form"]
    assert form.initial["text_en"] == registration.privacy_notice.text_en

    coordinator_client.post(
        reverse("training:privacy_notice"), {"text_sr": "Nova verzija.", "text_en": "New version."}
    )

    assert list(
        PrivacyNotice.objects.filter(organisation=organisation).values_list("version", flat=True)
    ) == [2, 1]
    registration.refresh_from_db()
    assert registration.privacy_notice.version == 1


def test_an_empty_text_is_refused_and_nothing_is_published(coordinator_client):
    response = coordinator_client.post(
        reverse("training:privacy_notice"), {"text_sr": "  ", "text_en": "Only English."}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["text_sr"]
    assert not PrivacyNotice.objects.exists()

"""The staff page of a programme: facts, objectives, topics and accreditation history."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from catalogue.tests.factories import AccreditationFactory, ProgrammeFactory
from core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(
        organisation=organisation,
        title_en="Health Consequences of Human Trafficking",
        specific_objectives_en="Recognise indicators\nDocument injuries",
    )


def url(programme) -> str:
    return reverse("catalogue:programme_detail", args=[programme.pk])


def test_history_shows_status_badges_and_links_for_coordinators(coordinator_client, programme):
    today = timezone.localdate()
    expiring = AccreditationFactory(
        programme=programme, decision_number="SOON-1", valid_until=today + timedelta(days=30)
    )
    expiring.decision_file.save("d.pdf", ContentFile(b"%PDF-1.4"))
    AccreditationFactory(
        programme=programme,
        decision_number="OLD-1",
        valid_from=today - timedelta(days=800),
        valid_until=today - timedelta(days=400),
    )

    page = coordinator_client.get(url(programme)).content.decode()

    assert '<span class="badge expiring">Expiring soon</span>' in page
    assert '<span class="badge expired">Expired</span>' in page
    assert "<li>Document injuries</li>" in page
    assert reverse("catalogue:accreditation_edit", args=[expiring.pk]) in page
    assert reverse("catalogue:accreditation_file", args=[expiring.pk]) in page
    assert reverse("catalogue:accreditation_add", args=[programme.pk]) in page


def test_trainer_sees_the_history_without_edit_links(client_as, programme):
    accreditation = AccreditationFactory(programme=programme)

    page = client_as(Role.TRAINER).get(url(programme)).content.decode()

    assert accreditation.decision_number in page
    assert reverse("catalogue:accreditation_edit", args=[accreditation.pk]) not in page


def test_forms_open_for_coordinators(coordinator_client, programme):
    for name, args in [
        ("programme_add", []),
        ("programme_edit", [programme.pk]),
        ("accreditation_add", [programme.pk]),
        ("body_add", []),
    ]:
        assert coordinator_client.get(reverse(f"catalogue:{name}", args=args)).status_code == 200


def test_query_count_does_not_grow_with_history(
    coordinator_client, programme, django_assert_max_num_queries
):
    AccreditationFactory.create_batch(10, programme=programme)

    with django_assert_max_num_queries(10):
        coordinator_client.get(url(programme))

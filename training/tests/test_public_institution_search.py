"""The institution type-ahead of the public form: /t/<slug>/institutions/?q=."""

import pytest
from django.urls import reverse

from core.tests.factories import InstitutionFactory
from training.models import TrainingStatus
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, slug="cacak-2025")


def search(client, training, q):
    return client.get(reverse("training:institution_search", args=[training.slug]), {"q": q})


def test_finds_institutions_typed_in_either_script_without_diacritics(
    client, training, organisation
):
    school = InstitutionFactory(
        organisation=organisation, name="OŠ Đura Jakšić", municipality="Čačak"
    )
    InstitutionFactory(organisation=organisation, name="Gimnazija", municipality="Pirot")

    for query in ("djura jaksic", "Ђура", "jakšić čačak"):
        found = search(client, training, query).json()
        assert [row["id"] for row in found] == [school.pk], query
    assert found[0] == {
        "id": school.pk,
        "name": "OŠ Đura Jakšić",
        "type": "primary_school",
        "type_label": "Primary school",
        "municipality": "Čačak",
    }


def test_answers_at_most_ten(client, training, organisation):
    InstitutionFactory.create_batch(12, organisation=organisation)

    assert len(search(client, training, "vuk").json()) == 10


def test_never_shows_another_organisations_institutions(client, training, other_organisation):
    InstitutionFactory(organisation=other_organisation, name="OŠ Vuk Karadžić")

    assert search(client, training, "vuk").json() == []


def test_a_single_letter_finds_nothing(client, training, organisation):
    InstitutionFactory(organisation=organisation)

    assert search(client, training, "v").json() == []


def test_draft_training_has_no_search(client, training):
    training.status = TrainingStatus.DRAFT
    training.save()

    assert search(client, training, "vuk").status_code == 404

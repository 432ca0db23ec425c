"""The learning index lists the tools and the organisation's trainings; each training's hub
leads to its barometer sessions, test, evaluation, action plans and report; the training page
and the main menu lead to them."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import BarometerSession
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, city="Šabac")


def _hub(client, training):
    return client.get(reverse("learning:training_hub", args=[training.pk]))


def test_the_hub_leads_to_every_learning_page_of_the_training(coordinator_client, training):
    html = _hub(coordinator_client, training).content.decode()

    for name in (
        "learning:barometer_training",
        "learning:knowledge_test",
        "learning:knowledge_results",
        "learning:evaluation",
        "learning:evaluation_results",
        "learning:plan_groups",
        "learning:training_report",
        "learning:training_report_pdf",
    ):
        assert reverse(name, args=[training.pk]) in html, name
    assert "Šabac" in html


def test_the_hub_lists_the_trainings_barometer_sessions(coordinator_client, training):
    running = BarometerSession.objects.create(
        organisation=training.organisation, training=training, code="KX7P2M"
    )

    html = _hub(coordinator_client, training).content.decode()

    assert "KX7P2M" in html
    assert reverse("learning:barometer_session", args=[running.pk]) in html
    assert reverse("learning:barometer_projector", args=[running.pk]) in html


def test_another_organisations_training_has_no_hub(client_as, training, other_organisation):
    outsider = client_as(Role.EDUCATION_COORDINATOR, other_organisation)

    assert _hub(outsider, training).status_code == 404


def test_the_training_page_and_the_menu_lead_to_learning(client_as, training):
    trainer = client_as(Role.TRAINER)

    html = trainer.get(reverse("training:training_detail", args=[training.pk])).content.decode()

    assert reverse("learning:training_hub", args=[training.pk]) in html
    assert reverse("learning:index") in html


def test_the_index_shows_the_coordinator_every_tool_and_the_trainings(
    coordinator_client, training, django_assert_max_num_queries
):
    TrainingFactory.create_batch(3, organisation=training.organisation)

    with django_assert_max_num_queries(15):
        response = coordinator_client.get(reverse("learning:index"))

    html = response.content.decode()
    for name in (
        "learning:barometer_statements",
        "learning:barometer_decks",
        "learning:question_list",
        "learning:questionnaires",
        "learning:plans_overview",
    ):
        assert reverse(name) in html, name
    assert len(response.context["page"]) == 4
    assert reverse("learning:training_hub", args=[training.pk]) in html


def test_the_index_hides_from_a_trainer_what_only_a_coordinator_manages(client_as):
    html = client_as(Role.TRAINER).get(reverse("learning:index")).content.decode()

    assert reverse("learning:barometer_statements") in html
    assert reverse("learning:questionnaires") not in html
    assert reverse("learning:plans_overview") not in html

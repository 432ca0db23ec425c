"""The statement bank and decks: coordinators write statements (with the correct answer, an
explanation and topic tags) and order them into decks; trainers read them."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import DeckStatement, Statement, Topic
from learning.tests.factories_barometer import DeckFactory, StatementFactory

pytestmark = pytest.mark.django_db

NEW_STATEMENT = {
    "text_sr": "Žrtva trgovine ljudima uvek je bila prevarena.",
    "text_en": "A victim of trafficking was always deceived.",
    "correct_answer": "disagree",
    "explanation_sr": "Neke žrtve znaju za posao, ali ne i za uslove.",
    "explanation_en": "Some victims know about the job, but not the conditions.",
    "topics": ["myths", "recruitment"],
    "active": "on",
}


def test_a_coordinator_adds_a_statement_with_its_topics(coordinator_client, organisation):
    response = coordinator_client.post(reverse("learning:barometer_statement_add"), NEW_STATEMENT)

    assert response["Location"] == reverse("learning:barometer_statements")
    statement = Statement.objects.get()
    assert (statement.organisation, statement.correct_answer) == (organisation, "disagree")
    assert sorted(statement.topics.values_list("topic", flat=True)) == ["myths", "recruitment"]
    assert "zrtva trgovine" in statement.search_key


def test_a_statement_needs_its_serbian_text_and_an_answer(coordinator_client):
    response = coordinator_client.post(
        reverse("learning:barometer_statement_add"),
        {**NEW_STATEMENT, "text_sr": " ", "correct_answer": ""},
    )

    assert response.status_code == 400
    assert "Write the statement in Serbian." in response.content.decode()
    assert "Choose the correct answer." in response.content.decode()
    assert not Statement.objects.exists()


def test_editing_replaces_the_topics(coordinator_client, organisation):
    statement = StatementFactory(organisation=organisation, topics=[Topic.MYTHS, Topic.CHILDREN])

    coordinator_client.post(
        reverse("learning:barometer_statement_edit", args=[statement.pk]),
        {**NEW_STATEMENT, "topics": ["children", "online"]},
    )

    assert sorted(statement.topics.values_list("topic", flat=True)) == ["children", "online"]


def test_the_list_searches_either_script_and_filters_by_topic(
    coordinator_client, organisation, django_assert_max_num_queries
):
    StatementFactory(
        organisation=organisation,
        text_sr="Deca su posebno ranjiva.",
        search_key="deca su posebno ranjiva.",
        topics=[Topic.CHILDREN],
    )
    StatementFactory(
        organisation=organisation,
        text_sr="Posao u inostranstvu.",
        search_key="posao u inostranstvu.",
        topics=[Topic.RECRUITMENT],
    )
    StatementFactory(
        organisation=organisation,
        text_sr="Deca na internetu.",
        search_key="deca na internetu.",
        topics=[Topic.ONLINE_RISKS],
    )
    url = reverse("learning:barometer_statements")

    with django_assert_max_num_queries(8):
        by_cyrillic = coordinator_client.get(url, {"q": "деца"})
    by_topic = coordinator_client.get(url, {"q": "deca", "topic": "online"})

    assert [s.text_sr for s in by_cyrillic.context["statements"]] == [
        "Deca su posebno ranjiva.",
        "Deca na internetu.",
    ]
    assert [s.text_sr for s in by_topic.context["statements"]] == ["Deca na internetu."]


def test_a_trainer_reads_the_bank_but_cannot_edit_it(client_as, organisation):
    statement = StatementFactory(organisation=organisation)
    trainer = client_as(Role.TRAINER)

    listing = trainer.get(reverse("learning:barometer_statements"))
    editing = trainer.get(reverse("learning:barometer_statement_edit", args=[statement.pk]))

    assert statement.text_en in listing.content.decode()
    assert "Add a statement" not in listing.content.decode()
    assert editing.status_code == 403


def test_another_organisations_statement_is_not_found(coordinator_client, other_organisation):
    statement = StatementFactory(organisation=other_organisation)

    response = coordinator_client.get(
        reverse("learning:barometer_statement_edit", args=[statement.pk])
    )

    assert response.status_code == 404


def test_a_deck_is_reordered_by_position_numbers_and_loses_removed_statements(
    coordinator_client, organisation
):
    first, second, third = StatementFactory.create_batch(3, organisation=organisation)
    deck = DeckFactory(organisation=organisation, statements=[first, second, third])
    entries = {e.statement_id: e.pk for e in deck.entries.all()}

    coordinator_client.post(
        reverse("learning:barometer_deck", args=[deck.pk]),
        {
            "name": "Myths",
            f"position-{entries[first.pk]}": "3",
            f"position-{entries[second.pk]}": "1",
            f"position-{entries[third.pk]}": "2",
            f"remove-{entries[third.pk]}": "1",
        },
    )

    deck.refresh_from_db()
    assert deck.name == "Myths"
    assert list(deck.entries.values_list("statement", "position")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_a_bad_position_is_refused_and_nothing_changes(coordinator_client, organisation):
    statement = StatementFactory(organisation=organisation)
    deck = DeckFactory(organisation=organisation, name="Old", statements=[statement])
    entry = deck.entries.get()

    response = coordinator_client.post(
        reverse("learning:barometer_deck", args=[deck.pk]),
        {"name": "New", f"position-{entry.pk}": "first"},
    )

    deck.refresh_from_db()
    assert response.status_code == 400
    assert "Positions must be whole numbers" in response.content.decode()
    assert deck.name == "Old"


def test_statements_are_added_at_the_end_of_a_deck_once(coordinator_client, organisation):
    first, second = StatementFactory.create_batch(2, organisation=organisation)
    deck = DeckFactory(organisation=organisation, statements=[first])
    url = reverse("learning:barometer_deck_add_statement", args=[deck.pk])

    coordinator_client.post(url, {"statement": second.pk})
    again = coordinator_client.post(url, {"statement": second.pk}, follow=True)

    assert list(DeckStatement.objects.values_list("statement", "position")) == [
        (first.pk, 1),
        (second.pk, 2),
    ]
    assert "That statement is already in the deck." in again.content.decode()


def test_a_coordinator_creates_a_deck(coordinator_client, organisation):
    response = coordinator_client.post(reverse("learning:barometer_deck_add"), {"name": "Start"})

    deck = organisation.barometer_decks.get()
    assert response["Location"] == reverse("learning:barometer_deck", args=[deck.pk])

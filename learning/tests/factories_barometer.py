"""Factories for the Social Barometer: statements, decks, sessions, rounds and votes.

`BarometerSessionFactory` starts a running session in a new training of the same organisation;
`BarometerRoundFactory` opens a round (phones, results after close, changes allowed).
"""

import factory

from core.tests.factories import OrganisationFactory
from learning.models import (
    BarometerRound,
    BarometerSession,
    BarometerVote,
    CorrectAnswer,
    Deck,
    DeckStatement,
    RoundState,
    Statement,
    StatementTopic,
)
from learning.services.barometer import new_join_code
from training.tests.factories import TrainingFactory


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    text_sr = factory.Sequence(
        lambda n: f"Trgovina ljudima uvek podrazumeva prelazak granice ({n})."
    )
    text_en = factory.Sequence(lambda n: f"Trafficking always involves crossing a border ({n}).")
    correct_answer = CorrectAnswer.DISAGREE
    explanation_sr = "Trgovina ljudima se često dešava unutar jedne zemlje."
    explanation_en = "Trafficking often happens within one country."
    search_key = factory.LazyAttribute(lambda s: f"{s.text_sr} {s.text_en}".lower())

    @factory.post_generation
    def topics(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            for topic in extracted:
                StatementTopic.objects.create(statement=self, topic=topic)


class DeckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deck
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Myths and facts {n}")

    @factory.post_generation
    def statements(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            for position, statement in enumerate(extracted, start=1):
                DeckStatement.objects.create(deck=self, statement=statement, position=position)


class BarometerSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarometerSession

    organisation = factory.SubFactory(OrganisationFactory)
    training = factory.SubFactory(
        TrainingFactory, organisation=factory.SelfAttribute("..organisation")
    )
    code = factory.LazyFunction(new_join_code)


class BarometerRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarometerRound

    session = factory.SubFactory(BarometerSessionFactory)
    statement = factory.SubFactory(
        StatementFactory, organisation=factory.SelfAttribute("..session.organisation")
    )
    position = factory.Sequence(lambda n: n + 1)
    state = RoundState.OPEN


class BarometerVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarometerVote

    round = factory.SubFactory(BarometerRoundFactory)
    device = factory.Sequence(lambda n: f"device-{n}")
    answer = "agree"

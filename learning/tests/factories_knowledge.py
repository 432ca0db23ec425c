"""Factories for the question bank and knowledge tests.

`QuestionFactory` makes a single-choice question with three answers, the first correct; pass
`answers=[("text", True), ...]` for others. `KnowledgeTestFactory(questions=[...])` attaches
questions in order (by default two new ones) and opens nothing.
"""

import factory

from core.tests.factories import OrganisationFactory
from learning.models import Choice, KnowledgeTest, Question, QuestionKind, TestQuestion
from training.tests.factories import TrainingFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = QuestionKind.SINGLE
    text_sr = factory.Sequence(lambda n: f"Koji je tačan odgovor na pitanje {n}?")
    text_en = factory.Sequence(lambda n: f"Which is the right answer to question {n}?")

    @factory.post_generation
    def answers(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        if extracted is None:
            if self.kind == QuestionKind.TRUE_FALSE:
                extracted = [("Tačno", True), ("Netačno", False)]
            else:
                extracted = [("Prvi", True), ("Drugi", False), ("Treći", False)]
        for position, (text, correct) in enumerate(extracted, start=1):
            Choice.objects.create(
                question=self, text_sr=text, text_en="", is_correct=correct, position=position
            )


class KnowledgeTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeTest
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    organisation = factory.SelfAttribute("training.organisation")

    @factory.post_generation
    def questions(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        if extracted is None:
            extracted = [QuestionFactory(organisation=self.organisation) for _ in range(2)]
        for position, question in enumerate(extracted, start=1):
            TestQuestion.objects.create(test=self, question=question, position=position)


def right_answers(test: KnowledgeTest) -> dict[int, list[int]]:
    """Every question of the test answered correctly."""
    return {
        item.question_id: [c.pk for c in item.question.choices.all() if c.is_correct]
        for item in test.items.select_related("question")
    }


def wrong_answers(test: KnowledgeTest) -> dict[int, list[int]]:
    """Every question of the test answered with its first wrong answer."""
    return {
        item.question_id: [next(c.pk for c in item.question.choices.all() if not c.is_correct)]
        for item in test.items.select_related("question")
    }

"""Factories for evaluations.

`QuestionnaireFactory` makes a programme's questionnaire with the default items (pass
`items=[]` for none); `EvaluationFactory` opens the evaluation of a new training with the
training programme's questionnaire. `answer_evaluation(evaluation, {item: rating or text})` stores
one anonymous response the way the public form does.
"""

from typing import Any

import factory
from django.utils import timezone

from core.models import Person
from learning.models.evaluations import (
    Evaluation,
    EvaluationAnswer,
    EvaluationResponse,
    Questionnaire,
    QuestionnaireItem,
)
from learning.services.evaluations import DEFAULT_ITEMS
from training.tests.factories import TrainingFactory


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire
        skip_postgeneration_save = True

    programme = factory.SubFactory("catalogue.tests.factories.ProgrammeFactory")
    organisation = factory.SelfAttribute("programme.organisation")
    title_sr = "Evaluacija obuke"
    title_en = "Training evaluation"

    @factory.post_generation
    def items(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        specs = DEFAULT_ITEMS if extracted is None else extracted
        for position, spec in enumerate(specs, start=1):
            QuestionnaireItem.objects.create(
                questionnaire=self,
                position=position,
                kind=spec.kind,
                text_sr=spec.text_sr,
                text_en=spec.text_en,
                per_trainer=spec.per_trainer,
                required=spec.required,
            )


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    training = factory.SubFactory(TrainingFactory)
    questionnaire = factory.LazyAttribute(
        lambda e: (
            Questionnaire.objects.filter(programme=e.training.programme).first()
            or QuestionnaireFactory(programme=e.training.programme)
        )
    )
    is_open = True
    opened_at = factory.LazyFunction(timezone.now)


def item_at(evaluation: Evaluation, position: int) -> QuestionnaireItem:
    """The questionnaire's item at a position (1-based), as the coordinator ordered them."""
    return evaluation.questionnaire.items.get(position=position)


def answer_evaluation(
    evaluation: Evaluation,
    answers: dict[QuestionnaireItem | tuple[QuestionnaireItem, Person], Any],
    *,
    shareable: bool = False,
) -> EvaluationResponse:
    """One response: each key an item (or item and trainer), each value a rating or a text."""
    response = EvaluationResponse.objects.create(
        evaluation=evaluation, submitted_on=timezone.localdate()
    )
    for key, value in answers.items():
        item, trainer = key if isinstance(key, tuple) else (key, None)
        EvaluationAnswer.objects.create(
            response=response,
            item=item,
            trainer=trainer,
            rating=value if isinstance(value, int) else None,
            text=value if isinstance(value, str) else "",
            shareable=shareable and isinstance(value, str),
        )
    return response

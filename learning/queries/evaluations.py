"""Reads of evaluations: scoped lookups, the public form's questions, and the results (response
rate, averages and distributions per item and per trainer, comments), each in a fixed number of
queries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from catalogue.models import Programme
from core.charts import bar_chart
from core.localisation import localised
from core.models import Organisation, Person
from learning.models.evaluations import (
    LIKERT_MAX,
    LIKERT_MIN,
    Evaluation,
    EvaluationAnswer,
    ItemKind,
    LikertRating,
    Questionnaire,
    QuestionnaireItem,
)
from training.models import Registration, RegistrationStatus, Training

# From red (strongly disagree) to green (strongly agree), each distinct in greyscale print too.
RATING_COLOURS = {1: "#b3261e", 2: "#e8885c", 3: "#c9c9c9", 4: "#6fb07f", 5: "#1e6b3a"}

__all__ = [
    "EvaluationResults",
    "ItemResult",
    "RatingRow",
    "answers_for",
    "attended_participant_count",
    "averages_chart",
    "evaluation_of",
    "evaluation_results",
    "evaluations_report",
    "programmes_with_questionnaires",
    "questionnaire_items",
    "questionnaire_of",
]


def programmes_with_questionnaires(organisation: Organisation) -> QuerySet[Programme]:
    """The organisation's programmes, each with its questionnaire (if any) joined."""
    return (
        Programme.objects.filter(organisation=organisation)
        .select_related("questionnaire")
        .annotate(item_count=Count("questionnaire__items"))
        .order_by("title_sr")
    )


def questionnaire_of(programme: Programme) -> Questionnaire | None:
    """The programme's questionnaire, or None when it has none yet."""
    return Questionnaire.objects.filter(programme=programme).first()


def questionnaire_items(questionnaire: Questionnaire) -> list[QuestionnaireItem]:
    """The questionnaire's items in order."""
    return list(QuestionnaireItem.objects.filter(questionnaire=questionnaire))


def evaluation_of(training: Training) -> Evaluation | None:
    """The training's evaluation, or None before it was first opened."""
    return Evaluation.objects.filter(training=training).select_related("questionnaire").first()


def answers_for(organisation: Organisation) -> QuerySet[EvaluationAnswer]:
    """Answers to the organisation's evaluations (for staff actions on one answer)."""
    return EvaluationAnswer.objects.filter(
        response__evaluation__training__organisation=organisation
    ).select_related("response__evaluation__training__organisation", "item")


def attended_participant_count(training: Training) -> int:
    """Confirmed participants present on at least one day: who could have answered."""
    return (
        Registration.objects.filter(
            training=training,
            status=RegistrationStatus.CONFIRMED,
            attendances__isnull=False,
        )
        .distinct()
        .count()
    )


@dataclass
class RatingRow:
    """The ratings of one item (about one trainer, for per-trainer items)."""

    trainer: Person | None
    counts: list[int] = field(default_factory=lambda: [0] * (LIKERT_MAX - LIKERT_MIN + 1))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(rating * n for rating, n in zip(self.ratings, self.counts, strict=True)) / (
            self.total
        )

    @property
    def ratings(self) -> list[int]:
        return list(range(LIKERT_MIN, LIKERT_MAX + 1))

    @property
    def distribution(self) -> list[dict[str, Any]]:
        """Rating, count and share in percent (0–100), for tables and bars."""
        total = self.total
        return [
            {"rating": rating, "count": n, "percent": round(100 * n / total) if total else 0}
            for rating, n in zip(self.ratings, self.counts, strict=True)
        ]

    @property
    def segments(self) -> list[dict[str, Any]]:
        """The stacked bar of the distribution: x and width in percent, one colour per rating."""
        x = 0.0
        result = []
        total = self.total
        for rating, n in zip(self.ratings, self.counts, strict=True):
            width = 100 * n / total if total else 0.0
            if width:
                result.append(
                    {
                        "rating": rating,
                        "x": round(x, 2),
                        "width": round(width, 2),
                        "fill": RATING_COLOURS[rating],
                    }
                )
            x += width
        return result


@dataclass
class ItemResult:
    """One item with its rating rows (Likert) or its written answers (free text)."""

    item: QuestionnaireItem
    rows: list[RatingRow] = field(default_factory=list)
    comments: list[EvaluationAnswer] = field(default_factory=list)

    @property
    def ratings(self) -> list[tuple[int, str]]:
        """The scale's values and labels, for column headings."""
        return [(value, str(label)) for value, label in LikertRating.choices]


@dataclass
class EvaluationResults:
    """What the results page and the training report show."""

    evaluation: Evaluation | None
    responses: int
    attended: int
    items: list[ItemResult]

    @property
    def rate_percent(self) -> int | None:
        return round(100 * self.responses / self.attended) if self.attended else None


def evaluation_results(training: Training) -> EvaluationResults:
    """Response rate, per-item (and per-trainer) distributions and comments, in at most seven
    queries."""
    evaluation = evaluation_of(training)
    attended = attended_participant_count(training)
    if evaluation is None:
        return EvaluationResults(evaluation=None, responses=0, attended=attended, items=[])
    responses = evaluation.responses.count()
    items = questionnaire_items(evaluation.questionnaire)
    counts = (
        EvaluationAnswer.objects.filter(response__evaluation=evaluation, rating__isnull=False)
        .values_list("item_id", "trainer_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_row: dict[tuple[int, int | None], list[int]] = {}
    for item_id, trainer_id, rating, n in counts:
        row = by_row.setdefault((item_id, trainer_id), [0] * (LIKERT_MAX - LIKERT_MIN + 1))
        row[rating - LIKERT_MIN] += n
    trainer_ids = {trainer_id for _item, trainer_id in by_row if trainer_id is not None}
    trainers = {person.pk: person for person in Person.objects.filter(pk__in=trainer_ids)}
    # Comments are listed by item and text, never in the order they came in: that order could
    # be matched with who left the room when.
    comments = list(
        EvaluationAnswer.objects.filter(response__evaluation=evaluation, item__kind=ItemKind.TEXT)
        .exclude(text="")
        .select_related("trainer")
        .order_by("item__position", "trainer__last_name", "text")
    )
    results = []
    for item in items:
        result = ItemResult(item=item)
        if item.is_likert:
            keys = sorted(
                (key for key in by_row if key[0] == item.pk),
                key=lambda key: (
                    (trainers[key[1]].last_name, trainers[key[1]].first_name)
                    if key[1] in trainers
                    else ("", "")
                ),
            )
            result.rows = [
                RatingRow(trainer=trainers.get(trainer_id) if trainer_id else None, counts=row)
                for (_item_id, trainer_id), row in ((key, by_row[key]) for key in keys)
            ]
        else:
            result.comments = [answer for answer in comments if answer.item_id == item.pk]
        results.append(result)
    return EvaluationResults(
        evaluation=evaluation, responses=responses, attended=attended, items=results
    )


def averages_chart(items: list[ItemResult]) -> str:
    """One bar per rating item (per trainer, for per-trainer items): its average out of 5."""
    rows: list[tuple[str, float | None]] = []
    for result in items:
        if not result.item.is_likert:
            continue
        text = localised(result.item, "text")
        if not result.rows:
            rows.append((text, None))
        for row in result.rows:
            label = (
                f"{text} — {row.trainer.first_name} {row.trainer.last_name}"
                if row.trainer
                else text
            )
            rows.append((label, row.average))
    if not rows:
        return ""
    return bar_chart(rows, max_value=LIKERT_MAX, title=_("Average rating of each item (1 to 5)"))


def evaluations_report(training: Training) -> dict[str, Any]:
    """The report section: response rate, rating items with averages and distributions, and
    only the comments the coordinator marked shareable (constant number of queries)."""
    results = evaluation_results(training)
    return {
        "evaluation": results.evaluation,
        "responses": results.responses,
        "attended": results.attended,
        "rate_percent": results.rate_percent,
        "items": [result for result in results.items if result.item.is_likert],
        "chart": averages_chart(results.items),
        "quotes": [
            answer for result in results.items for answer in result.comments if answer.shareable
        ],
    }

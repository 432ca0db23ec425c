"""Reads for knowledge tests: the question bank, a training's test, and its results (scores,
learning gain, item difficulty) in a constant number of queries."""

from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.charts import bar_chart, paired_bar_chart
from core.localisation import localised
from core.models import Organisation
from core.scripts import normalise_for_search
from learning.models import (
    Attempt,
    AttemptAnswer,
    Choice,
    KnowledgeTest,
    Phase,
    Question,
    TestQuestion,
)
from training.models import Registration, Training


def questions_for(organisation: Organisation, search: str = "") -> QuerySet[Question]:
    """The organisation's bank questions with their answers, filtered by a search in either
    script."""
    questions = Question.objects.filter(organisation=organisation).prefetch_related("choices")
    key = normalise_for_search(search)
    if key:
        questions = questions.filter(search_key__contains=key)
    return questions.annotate(used_in=Count("tests", distinct=True)).order_by("text_sr", "pk")


def test_of(training: Training) -> KnowledgeTest | None:
    """The training's knowledge test, if it has one."""
    return KnowledgeTest.objects.filter(training=training).first()


def test_by_token(token: str) -> KnowledgeTest | None:
    """A test by the token in its public address, with its training and organisation."""
    return (
        KnowledgeTest.objects.select_related("training__organisation", "training__programme")
        .filter(token=token)
        .first()
    )


def test_items(test: KnowledgeTest) -> list[TestQuestion]:
    """The test's questions in order, each with its answers (two queries)."""
    return list(
        test.items.select_related("question").prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
    )


def attempt_counts(test: KnowledgeTest) -> dict[str, int]:
    """How many attempts each phase has."""
    counts = dict(
        test.attempts.order_by()
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    return {phase: counts.get(phase, 0) for phase in Phase.values}


def attempt_of(test: KnowledgeTest, phase: str, registration: Registration) -> Attempt | None:
    """The participant's attempt in a phase, if they made one."""
    return Attempt.objects.filter(test=test, phase=phase, registration=registration).first()


def normalised_gain(pre: float, post: float, maximum: float) -> float | None:
    """g = (post − pre) / (max − pre); undefined (None) when the pre-test was already perfect."""
    if maximum - pre <= 0:
        return None
    return (post - pre) / (maximum - pre)


@dataclass
class ParticipantResult:
    label: str
    pre: int | None = None
    post: int | None = None
    max_score: int = 0
    passed: bool | None = None

    @property
    def gain(self) -> int | None:
        return None if self.pre is None or self.post is None else self.post - self.pre

    @property
    def normalised_gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return normalised_gain(self.pre, self.post, self.max_score)


@dataclass
class ItemResult:
    number: int
    text: str
    pre_share: float | None  # percent of correct answers, None when nobody answered
    post_share: float | None


@dataclass
class KnowledgeResults:
    test: KnowledgeTest
    max_score: int
    participants: list[ParticipantResult] = field(default_factory=list)
    items: list[ItemResult] = field(default_factory=list)
    pre_count: int = 0
    post_count: int = 0
    pre_average: float | None = None
    post_average: float | None = None
    paired_count: int = 0
    average_g: float | None = None  # mean of the individual gains
    hake_g: float | None = None  # gain of the paired participants' averages
    passed_count: int = 0
    score_chart: SafeString | None = None
    item_chart: SafeString | None = None


def _average(values: list[int]) -> float | None:
    return mean(values) if values else None


def knowledge_results(test: KnowledgeTest) -> KnowledgeResults:
    """Scores per participant (pre, post, gain, normalised gain), the class's averages, and the
    share of correct answers per question before and after; four queries."""
    items = list(test.items.select_related("question"))
    attempts = list(test.attempts.select_related("registration").order_by("submitted_at", "pk"))
    max_score = max((a.max_score for a in attempts), default=len(items))
    people: dict[Any, ParticipantResult] = {}
    anonymous_number = 0
    for attempt in attempts:
        key = attempt.registration_id or attempt.code_key
        person = people.get(key)
        if person is None:
            if attempt.registration is not None:
                label = attempt.registration.full_name
            else:
                anonymous_number += 1
                label = _("Anonymous %(number)d") % {"number": anonymous_number}
            person = people[key] = ParticipantResult(label=label, max_score=attempt.max_score)
            if attempt.registration is not None:
                person.passed = attempt.registration.post_test_passed
        if attempt.phase == Phase.PRE:
            person.pre = attempt.score
        else:
            person.post = attempt.score
    participants = sorted(people.values(), key=lambda p: p.label.casefold())
    results = KnowledgeResults(test=test, max_score=max_score, participants=participants)
    pre_scores = [p.pre for p in participants if p.pre is not None]
    post_scores = [p.post for p in participants if p.post is not None]
    results.pre_count, results.post_count = len(pre_scores), len(post_scores)
    results.pre_average, results.post_average = _average(pre_scores), _average(post_scores)
    paired = [p for p in participants if p.pre is not None and p.post is not None]
    results.paired_count = len(paired)
    gains = [g for g in (p.normalised_gain for p in paired) if g is not None]
    results.average_g = mean(gains) if gains else None
    if paired:
        results.hake_g = normalised_gain(
            mean(p.pre or 0 for p in paired), mean(p.post or 0 for p in paired), max_score
        )
    results.passed_count = sum(1 for p in participants if p.passed)

    tallies: dict[tuple[int, str], tuple[int, int]] = {
        (row["question_id"], row["attempt__phase"]): (row["n"], row["right"])
        for row in AttemptAnswer.objects.filter(attempt__test=test)
        .order_by()
        .values("question_id", "attempt__phase")
        .annotate(n=Count("pk"), right=Count("pk", filter=Q(correct=True)))
    }

    def share(question_id: int, phase: str) -> float | None:
        answered, right = tallies.get((question_id, phase), (0, 0))
        return 100 * right / answered if answered else None

    results.items = [
        ItemResult(
            number=number,
            text=localised(item.question, "text"),
            pre_share=share(item.question_id, Phase.PRE),
            post_share=share(item.question_id, Phase.POST),
        )
        for number, item in enumerate(items, start=1)
    ]
    if attempts:
        results.score_chart = bar_chart(
            [
                (_("Pre-test"), results.pre_average),
                (_("Post-test"), results.post_average),
            ],
            max_value=max_score or 1,
            title=_("Average score (of %(max)d points)") % {"max": max_score},
        )
        results.item_chart = paired_bar_chart(
            [(f"{i.number}. {i.text}", i.pre_share, i.post_share) for i in results.items],
            max_value=100,
            unit="%",
            title=_("Correct answers per question, before and after"),
            series=(_("Pre-test"), _("Post-test")),
        )
    return results


def knowledge_report(training: Training) -> dict[str, Any]:
    """The report section's data: the training's test and its results (None without a test)."""
    test = test_of(training)
    return {"test": test, "results": knowledge_results(test) if test else None}

"""Reads of the Social Barometer: scoped lists of the bank and decks, a round's distribution (the
projector's tally is one aggregate query), the phone's view of the running round, and the
barometer part of the training report with the shift on repeated statements."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.models import Organisation
from core.queries import matching_words
from learning.models.barometer import (
    Answer,
    BarometerRound,
    BarometerSession,
    BarometerVote,
    Deck,
    DeckStatement,
    ResultsVisibility,
    RoundState,
    Statement,
    StatementTopic,
)
from training.models import Training

ANSWERS = (Answer.AGREE, Answer.UNSURE, Answer.DISAGREE)


def statements_for(organisation: Organisation) -> QuerySet[Statement]:
    """The organisation's statement bank with the topic tags prefetched."""
    return Statement.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("topics", queryset=StatementTopic.objects.order_by("topic"))
    )


def search_statements(
    organisation: Organisation, text: str = "", topic: str = "", active_only: bool = False
) -> QuerySet[Statement]:
    """The bank filtered by words (either script, either language) and a topic."""
    statements = matching_words(statements_for(organisation), text)
    if topic:
        statements = statements.filter(topics__topic=topic)
    if active_only:
        statements = statements.filter(active=True)
    return statements.order_by("pk")


def decks_for(organisation: Organisation) -> QuerySet[Deck]:
    """The organisation's decks with how many statements each holds."""
    return Deck.objects.filter(organisation=organisation).annotate(size=Count("entries"))


def deck_entries(deck: Deck) -> QuerySet[DeckStatement]:
    """A deck's statements in order."""
    return deck.entries.select_related("statement").order_by("position", "pk")


def sessions_for(organisation: Organisation) -> QuerySet[BarometerSession]:
    """The organisation's barometer sessions with their training and deck."""
    return BarometerSession.objects.filter(organisation=organisation).select_related(
        "training", "training__programme", "deck"
    )


def _counted(rounds: QuerySet[BarometerRound]) -> QuerySet[BarometerRound]:
    return rounds.annotate(
        **{f"count_{answer}": Count("votes", filter=Q(votes__answer=answer)) for answer in ANSWERS}
    )


@dataclass
class Distribution:
    """How a round's room answered: counts and whole-number percentages per answer."""

    counts: dict[str, int]
    correct_answer: str
    total: int = field(init=False)
    shares: dict[str, int] = field(init=False)
    correct_count: int = field(init=False)
    correct_share: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(self.counts.values())
        self.shares = {
            answer: round(100 * count / self.total) if self.total else 0
            for answer, count in self.counts.items()
        }
        self.correct_count = self.counts.get(self.correct_answer, 0)
        self.correct_share = round(100 * self.correct_count / self.total) if self.total else None

    @property
    def agree_share(self) -> int | None:
        return self.shares[Answer.AGREE] if self.total else None

    def rows(self) -> list[dict[str, Any]]:
        """One row per answer for templates and JSON: code, label, count, share, correct."""
        return [
            {
                "answer": answer.value,
                "label": str(answer.label),
                "count": self.counts[answer],
                "share": self.shares[answer],
                "correct": answer == self.correct_answer,
            }
            for answer in ANSWERS
        ]


def distribution(round: BarometerRound) -> Distribution:
    """The round's counts: typed room counts in room mode, else the annotated phone votes."""
    if round.room_mode:
        counts: dict[str, int] = {
            Answer.AGREE: round.room_agree or 0,
            Answer.UNSURE: round.room_unsure or 0,
            Answer.DISAGREE: round.room_disagree or 0,
        }
    else:
        counts = {answer: getattr(round, f"count_{answer}", 0) for answer in ANSWERS}
    return Distribution(counts=counts, correct_answer=round.statement.correct_answer)


def results_visible(round: BarometerRound) -> bool:
    """Whether the distribution may be shown now, by the round's visibility choice."""
    if round.visibility == ResultsVisibility.ALWAYS:
        return True
    if round.visibility == ResultsVisibility.AFTER_CLOSE:
        return round.state != RoundState.OPEN
    return round.state == RoundState.REVEALED


def session_rounds(session: BarometerSession) -> list[BarometerRound]:
    """A session's rounds in order, each with its vote counts (one query)."""
    return list(_counted(session.rounds.select_related("statement")).order_by("position"))


def current_round(organisation: Organisation, session_id: int) -> BarometerRound | None:
    """The session's latest round with its counts: the projector's tally in one query."""
    return (
        _counted(
            BarometerRound.objects.filter(
                session_id=session_id, session__organisation=organisation
            ).select_related("statement")
        )
        .order_by("-position")
        .first()
    )


def running_round(code: str, device: str | None) -> BarometerRound | None:
    """The latest round of the running session joined with `code`, with this phone's answer
    (`my_answer`), in one query."""
    mine = BarometerVote.objects.filter(round=OuterRef("pk"), device=device or "").values("answer")[
        :1
    ]
    return (
        BarometerRound.objects.filter(session__code=code, session__ended_at__isnull=True)
        .select_related("statement", "session")
        .annotate(my_answer=Subquery(mine))
        .order_by("-position")
        .first()
    )


def running_session(code: str) -> BarometerSession | None:
    """The running session joined with `code`, if any."""
    return (
        BarometerSession.objects.filter(code=code, ended_at__isnull=True)
        .select_related("training", "training__programme")
        .first()
    )


def next_deck_statement(
    session: BarometerSession, rounds: list[BarometerRound]
) -> Statement | None:
    """The first statement of the session's deck not yet asked in this session."""
    if session.deck is None:
        return None
    asked = {round.statement_id for round in rounds}
    for entry in deck_entries(session.deck).filter(statement__active=True):
        if entry.statement_id not in asked:
            return entry.statement
    return None


# --- Report -------------------------------------------------------------------------------------


@dataclass
class RoundResult:
    """One statement as asked in the training, and how the room answered."""

    round: BarometerRound
    statement: Statement
    distribution: Distribution


@dataclass
class Shift:
    """How the room moved between the first and the last time a statement was asked."""

    statement: Statement
    before: Distribution
    after: Distribution
    agree_change: int = field(init=False)
    correct_change: int = field(init=False)

    def __post_init__(self) -> None:
        self.agree_change = (self.after.agree_share or 0) - (self.before.agree_share or 0)
        self.correct_change = (self.after.correct_share or 0) - (self.before.correct_share or 0)


def shifts(results: list[RoundResult]) -> list[Shift]:
    """For each statement asked more than once (with answers both times): first vs last."""
    by_statement: dict[int, list[RoundResult]] = {}
    for result in results:
        if result.distribution.total:
            by_statement.setdefault(result.statement.pk, []).append(result)
    return [
        Shift(
            statement=asked[0].statement, before=asked[0].distribution, after=asked[-1].distribution
        )
        for asked in by_statement.values()
        if len(asked) > 1
    ]


def training_results(training: Training) -> list[RoundResult]:
    """Every round of every barometer session of the training, in the order asked (one query)."""
    rounds = _counted(
        BarometerRound.objects.filter(session__training=training).select_related("statement")
    ).order_by("opened_at", "pk")
    return [
        RoundResult(round=round, statement=round.statement, distribution=distribution(round))
        for round in rounds
    ]


def barometer_report(training: Training) -> dict[str, Any]:
    """The barometer part of the training report: each statement asked with its distribution,
    and the shift for statements asked again later (one query)."""
    results = training_results(training)
    return {"results": results, "shifts": shifts(results), "answers": ANSWERS}

"""Writes of the Social Barometer: the statement bank and decks, and a live session's rounds and
votes. Each function is one transaction.

A vote is the hot path (a whole room votes within seconds, benchmarked with 500 phones): it is
one short transaction that reads the round's state and inserts (or updates) one row, guarded by
the unique (round, device) constraint.
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import readable_code
from core.errors import Refused
from core.models import Organisation
from core.scripts import normalise_for_search
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

CODE_LENGTH = 6  # readable_code: no look-alikes, read off a projector and typed on a phone
CODE_ATTEMPTS = 20


class BarometerRefused(Refused):
    """A trainer's action that cannot be done; nothing was written."""


class VoteRefused(Refused):
    """A vote that is not counted; the message is shown on the phone."""


class UnknownRound(Exception):
    """The code or round does not exist or is no longer running (the phone sees a 404)."""


# --- Statement bank and decks -------------------------------------------------------------------


def save_statement(statement: Statement, topics: Iterable[str]) -> Statement:
    """Save a statement of the bank with its topic tags (replacing the previous tags)."""
    statement.search_key = normalise_for_search(f"{statement.text_sr}\n{statement.text_en}")
    wanted = set(topics)
    with transaction.atomic():
        statement.save()
        StatementTopic.objects.filter(statement=statement).exclude(topic__in=wanted).delete()
        StatementTopic.objects.bulk_create(
            [StatementTopic(statement=statement, topic=topic) for topic in sorted(wanted)],
            ignore_conflicts=True,
        )
    return statement


def create_deck(organisation: Organisation, name: str) -> Deck:
    """A new, empty deck."""
    return Deck.objects.create(organisation=organisation, name=name)


def add_to_deck(deck: Deck, statement: Statement) -> DeckStatement:
    """Append a statement at the end of a deck (refused if it is already in it)."""
    if statement.organisation_id != deck.organisation_id:
        raise BarometerRefused(_("That statement is not in your organisation's bank."))
    with transaction.atomic():
        if deck.entries.filter(statement=statement).exists():
            raise BarometerRefused(_("That statement is already in the deck."))
        last = deck.entries.order_by("-position").values_list("position", flat=True).first()
        return DeckStatement.objects.create(
            deck=deck, statement=statement, position=(last or 0) + 1
        )


def update_deck(
    deck: Deck, name: str, positions: dict[int, int], remove: Iterable[int] = ()
) -> None:
    """Rename a deck, renumber its statements in the order of the given positions (ties keep the
    previous order) and take out the entries listed in `remove`."""
    removed = set(remove)
    with transaction.atomic():
        deck.name = name
        deck.save(update_fields=["name"])
        entries = list(deck.entries.order_by("position", "pk"))
        deck.entries.filter(pk__in=removed).delete()
        kept = [entry for entry in entries if entry.pk not in removed]
        kept.sort(key=lambda entry: (positions.get(entry.pk, entry.position), entry.position))
        for number, entry in enumerate(kept, start=1):
            entry.position = number
        DeckStatement.objects.bulk_update(kept, ["position"])


# --- Sessions and rounds ------------------------------------------------------------------------


def new_join_code() -> str:
    """Six characters from an alphabet without look-alikes."""
    return readable_code(CODE_LENGTH)


def normalise_join_code(code: str) -> str:
    """The code as stored: upper case, spaces and dashes dropped."""
    return "".join(code.split()).replace("-", "").upper()[:20]


def start_session(
    training: Training, deck: Deck | None = None, actor: Any = None
) -> BarometerSession:
    """Start a barometer in a training with a join code no running session holds."""
    if deck is not None and deck.organisation_id != training.organisation_id:
        raise BarometerRefused(_("That deck is not your organisation's."))
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return BarometerSession.objects.create(
                    organisation=training.organisation,
                    training=training,
                    deck=deck,
                    code=new_join_code(),
                    started_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            continue  # The code is taken by a running session: draw another.
    raise BarometerRefused(_("No free join code was found; please try again."))


def end_session(session: BarometerSession) -> None:
    """End a session: its open round closes and its code stops working on phones."""
    now = timezone.now()
    with transaction.atomic():
        session.rounds.filter(state=RoundState.OPEN).update(state=RoundState.CLOSED, closed_at=now)
        session.ended_at = now
        session.save(update_fields=["ended_at"])


def open_round(
    session: BarometerSession,
    statement: Statement,
    *,
    visibility: str = ResultsVisibility.AFTER_CLOSE,
    allow_change: bool = True,
    room_mode: bool = False,
) -> BarometerRound:
    """Put a statement to the room; a round still open closes first (one statement at a time)."""
    if not session.is_active:
        raise BarometerRefused(_("This barometer session has ended."))
    if statement.organisation_id != session.organisation_id:
        raise BarometerRefused(_("That statement is not in your organisation's bank."))
    if not statement.active:
        raise BarometerRefused(_("That statement is not active."))
    now = timezone.now()
    with transaction.atomic():
        session.rounds.filter(state=RoundState.OPEN).update(state=RoundState.CLOSED, closed_at=now)
        last = session.rounds.order_by("-position").values_list("position", flat=True).first()
        return BarometerRound.objects.create(
            session=session,
            statement=statement,
            position=(last or 0) + 1,
            visibility=visibility,
            allow_change=allow_change,
            room_mode=room_mode,
        )


def close_round(round: BarometerRound) -> None:
    """Stop the voting; phones that vote now are told it is closed."""
    with transaction.atomic():
        updated = BarometerRound.objects.filter(pk=round.pk, state=RoundState.OPEN).update(
            state=RoundState.CLOSED, closed_at=timezone.now()
        )
    if not updated:
        raise BarometerRefused(_("Voting on this statement is already closed."))
    round.refresh_from_db(fields=["state", "closed_at"])


def reveal_round(round: BarometerRound) -> None:
    """Show the correct answer and explanation (closing the voting if still open)."""
    now = timezone.now()
    with transaction.atomic():
        locked = BarometerRound.objects.select_for_update().get(pk=round.pk)
        if locked.state == RoundState.REVEALED:
            raise BarometerRefused(_("The answer is already revealed."))
        locked.closed_at = locked.closed_at or now
        locked.revealed_at = now
        locked.state = RoundState.REVEALED
        locked.save(update_fields=["state", "closed_at", "revealed_at"])
    round.refresh_from_db(fields=["state", "closed_at", "revealed_at"])


def save_notes(round: BarometerRound, notes: str) -> None:
    """The trainer's notes from the discussion after the reveal."""
    round.notes = notes.strip()
    round.save(update_fields=["notes"])


def record_room_counts(round: BarometerRound, agree: int, unsure: int, disagree: int) -> None:
    """The counts of people standing at each side, typed by the trainer in room mode."""
    if not round.room_mode:
        raise BarometerRefused(_("This round is voted on phones; its counts come from the votes."))
    if min(agree, unsure, disagree) < 0:
        raise BarometerRefused(_("Counts cannot be negative."))
    round.room_agree, round.room_unsure, round.room_disagree = agree, unsure, disagree
    round.save(update_fields=["room_agree", "room_unsure", "room_disagree"])


# --- Votes --------------------------------------------------------------------------------------


def cast_vote(code: str, round_id: int, device: str, answer: str) -> None:
    """Count one phone's answer in the open round of the session joined with `code`.

    Raises UnknownRound for a code or round that is not running, VoteRefused when the round no
    longer takes votes or the phone already voted in a round that does not allow changes.
    """
    if answer not in Answer.values:
        raise VoteRefused(_("Choose agree, not sure or disagree."))
    with transaction.atomic():
        round = (
            BarometerRound.objects.filter(
                pk=round_id, session__code=code, session__ended_at__isnull=True
            )
            .values("state", "allow_change", "room_mode")
            .first()
        )
        if round is None:
            raise UnknownRound
        if round["state"] != RoundState.OPEN or round["room_mode"]:
            raise VoteRefused(_("Voting on this statement is closed. Your vote was not counted."))
        vote = BarometerVote(round_id=round_id, device=device, answer=answer)
        if round["allow_change"]:
            BarometerVote.objects.bulk_create(
                [vote],
                update_conflicts=True,
                unique_fields=["round", "device"],
                update_fields=["answer", "voted_at"],
            )
            return
        try:
            with transaction.atomic():
                vote.save(force_insert=True)
        except IntegrityError:
            raise VoteRefused(
                _("You have already voted on this statement; this round does not allow changes.")
            ) from None

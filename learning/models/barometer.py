"""The Social Barometer: a bank of statements (with the correct answer and an explanation), decks
of statements, and live sessions in a training whose rounds people vote on from their phones (or,
in room mode, by standing at a side of the room while the trainer counts)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from training.models import Training

__all__ = [
    "Answer",
    "BarometerRound",
    "BarometerSession",
    "BarometerVote",
    "CorrectAnswer",
    "Deck",
    "DeckStatement",
    "ResultsVisibility",
    "RoundState",
    "Statement",
    "StatementTopic",
    "Topic",
]


class Topic(models.TextChoices):
    MYTHS = "myths", _("Myths")
    RECRUITMENT = "recruitment", _("Recruitment")
    LEGAL_FRAMEWORK = "legal", _("Legal framework")
    INDICATORS = "indicators", _("Indicators")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    CHILDREN = "children", _("Children")
    LABOUR_EXPLOITATION = "labour", _("Labour exploitation")
    SEXUAL_EXPLOITATION = "sexual", _("Sexual exploitation")
    ONLINE_RISKS = "online", _("Online risks")
    OTHER = "other", _("Other")


class Answer(models.TextChoices):
    """Where a person stands: the two sides of the room and the middle."""

    AGREE = "agree", _("Agree")
    UNSURE = "unsure", _("Not sure")
    DISAGREE = "disagree", _("Disagree")


class CorrectAnswer(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class Statement(models.Model):
    """A statement shown to the room, with the answer the trainer reveals and why."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="barometer_statements"
    )
    text_sr = models.TextField(_("statement (Serbian)"))
    text_en = models.TextField(_("statement (English)"), blank=True)
    correct_answer = models.CharField(
        _("correct answer"), max_length=10, choices=CorrectAnswer.choices
    )
    explanation_sr = models.TextField(
        _("explanation (Serbian)"), blank=True, help_text=_("Shown when the answer is revealed.")
    )
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active statements can be put to the room.")
    )
    # Both texts folded for search in either script (core.scripts.normalise_for_search).
    search_key = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("barometer statement")
        verbose_name_plural = _("barometer statements")

    def __str__(self) -> str:
        return self.text_sr[:80]


class StatementTopic(models.Model):
    """One topic tag of a statement (a statement has several; one row each, so lists filter)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)

    class Meta:
        ordering = ["topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "topic"], name="learning_statement_topic_unique"
            )
        ]
        indexes = [models.Index(fields=["topic", "statement"], name="learning_topic_statement")]

    def __str__(self) -> str:
        return self.get_topic_display()


class Deck(models.Model):
    """A named, ordered list of statements to run through in a session."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="barometer_decks"
    )
    name = models.CharField(_("name"), max_length=200)
    statements: "models.ManyToManyField[Statement, DeckStatement]" = models.ManyToManyField(
        Statement, through="DeckStatement", related_name="decks", verbose_name=_("statements")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("deck")
        verbose_name_plural = _("decks")

    def __str__(self) -> str:
        return self.name


class DeckStatement(models.Model):
    """A statement's place in a deck."""

    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="entries")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="deck_entries")
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deck", "statement"], name="learning_deck_statement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.statement}"


class BarometerSession(models.Model):
    """The barometer running in a training, joined by phones with a short code while active."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="barometer_sessions"
    )
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="barometer_sessions"
    )
    deck = models.ForeignKey(
        Deck,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("deck"),
    )
    code = models.CharField(_("join code"), max_length=6)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            # A code identifies one running session; ended sessions free theirs.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(ended_at__isnull=True),
                name="learning_barometer_active_code",
            )
        ]
        verbose_name = _("barometer session")
        verbose_name_plural = _("barometer sessions")

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class RoundState(models.TextChoices):
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Voting closed")
    REVEALED = "revealed", _("Answer revealed")


class ResultsVisibility(models.TextChoices):
    ALWAYS = "always", _("Always, while people vote")
    AFTER_CLOSE = "after_close", _("After voting closes")
    AT_REVEAL = "at_reveal", _("Only when the answer is revealed")


class BarometerRound(models.Model):
    """One statement put to the room: people vote while it is open, then the answer is revealed."""

    session = models.ForeignKey(BarometerSession, on_delete=models.CASCADE, related_name="rounds")
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("statement")
    )
    position = models.PositiveIntegerField()
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    visibility = models.CharField(
        _("results visible"),
        max_length=12,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    allow_change = models.BooleanField(
        _("people may change their vote"), default=True, help_text=_("While voting is open.")
    )
    room_mode = models.BooleanField(
        _("room mode"),
        default=False,
        help_text=_("No phones: people stand at a side of the room and you type the counts."),
    )
    room_agree = models.PositiveIntegerField(_("standing at agree"), null=True, blank=True)
    room_unsure = models.PositiveIntegerField(_("standing in the middle"), null=True, blank=True)
    room_disagree = models.PositiveIntegerField(_("standing at disagree"), null=True, blank=True)
    notes = models.TextField(_("discussion notes"), blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="learning_round_unique_position"
            )
        ]
        verbose_name = _("barometer round")
        verbose_name_plural = _("barometer rounds")

    def __str__(self) -> str:
        return f"{self.session} #{self.position}"


class BarometerVote(models.Model):
    """One phone's answer in one round; the device is a random id from a signed cookie."""

    round = models.ForeignKey(BarometerRound, on_delete=models.CASCADE, related_name="votes")
    device = models.CharField(max_length=40)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "device"], name="learning_one_vote_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.answer}"

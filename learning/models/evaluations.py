"""Evaluations: a programme's questionnaire, a training's evaluation opened to participants by
link or QR, and the anonymous responses.

Anonymity is a property of the tables, not of the screens: a response has no link to a
registration, a person or a user, and no time finer than the day it was given.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Programme
from core.models import Organisation, Person
from training.models import Training

__all__ = [
    "LIKERT_MAX",
    "LIKERT_MIN",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationResponse",
    "ItemKind",
    "LikertRating",
    "Questionnaire",
    "QuestionnaireItem",
]

LIKERT_MIN = 1
LIKERT_MAX = 5


class LikertRating(models.IntegerChoices):
    STRONGLY_DISAGREE = 1, _("Strongly disagree")
    DISAGREE = 2, _("Disagree")
    NEUTRAL = 3, _("Neither agree nor disagree")
    AGREE = 4, _("Agree")
    STRONGLY_AGREE = 5, _("Strongly agree")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Rating from 1 to 5")
    TEXT = "text", _("Free text")


class Questionnaire(models.Model):
    """The evaluation questionnaire of a programme, asked at the end of each of its trainings."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="questionnaires"
    )
    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="questionnaire",
        verbose_name=_("programme"),
    )
    title_sr = models.CharField(_("title (Serbian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title_sr


class QuestionnaireItem(models.Model):
    """One question: a statement rated 1–5 or a free-text question, optionally once per trainer."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text_sr = models.CharField(_("text (Serbian)"), max_length=500)
    text_en = models.CharField(_("text (English)"), max_length=500, blank=True)
    per_trainer = models.BooleanField(
        _("asked for each trainer"),
        default=False,
        help_text=_("Asked once for every trainer of the training, e.g. about their knowledge."),
    )
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("questionnaire item")
        verbose_name_plural = _("questionnaire items")

    def __str__(self) -> str:
        return self.text_sr

    @property
    def is_likert(self) -> bool:
        return self.kind == ItemKind.LIKERT


def new_evaluation_token() -> str:
    return secrets.token_urlsafe(16)


class Evaluation(models.Model):
    """A training's evaluation: participants answer the programme's questionnaire while open."""

    training = models.OneToOneField(Training, on_delete=models.CASCADE, related_name="evaluation")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="evaluations"
    )
    # The public link's secret: unguessable, so only people in the room (or sent it) can answer.
    token = models.CharField(max_length=40, unique=True, default=new_evaluation_token)
    is_open = models.BooleanField(_("open"), default=False)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return str(self.training)


class EvaluationResponse(models.Model):
    """One participant's anonymous submission. No person, no registration, no time of day."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.submitted_on:%d.%m.%Y}"


class EvaluationAnswer(models.Model):
    """The answer to one item (for one trainer, for per-trainer items): a rating or a text."""

    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(QuestionnaireItem, on_delete=models.PROTECT, related_name="answers")
    # The trainer the answer is about (never the participant who gave it).
    trainer = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=LikertRating.choices, null=True, blank=True
    )
    text = models.TextField(_("answer"), blank=True)
    shareable = models.BooleanField(
        _("may be quoted in reports"),
        default=False,
        help_text=_("The coordinator has chosen this comment for reports."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="learning_eval_answer_rating_range",
            )
        ]
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self) -> str:
        return str(self.rating) if self.rating is not None else self.text[:50]

"""Pre/post knowledge tests: a question bank, a test attached to a training, and the attempts
participants make at the start (pre) and at the end (post) of the training."""

import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scripts import normalise_for_search

__all__ = [
    "Attempt",
    "AttemptAnswer",
    "Choice",
    "KnowledgeTest",
    "Phase",
    "Question",
    "QuestionKind",
    "TestQuestion",
]


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class Question(models.Model):
    """A question of the organisation's bank, reused by the tests of many trainings."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="knowledge_questions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text_sr = models.TextField(_("question (Serbian)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    # Both texts folded to lowercase Latin without diacritics, for search in either script.
    search_key = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["text_sr", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text_sr

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = normalise_for_search(f"{self.text_sr} {self.text_en}")
        super().save(*args, **kwargs)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text_sr = models.CharField(_("answer (Serbian)"), max_length=400)
    text_en = models.CharField(_("answer (English)"), max_length=400, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text_sr


def new_test_token() -> str:
    return secrets.token_urlsafe(9)


class Phase(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class KnowledgeTest(models.Model):
    """The test of one training, taken twice; each phase is opened and closed by the trainer."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="knowledge_tests"
    )
    training = models.OneToOneField(
        "training.Training", on_delete=models.CASCADE, related_name="knowledge_test"
    )
    token = models.CharField(max_length=24, unique=True, default=new_test_token, editable=False)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Participants pair their two attempts with a code they choose instead of their "
            "registration. Anonymous results cannot count towards certificates."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        help_text=_("The share of points needed to pass the post-test; leave empty for none."),
    )
    pre_open = models.BooleanField(default=False)
    post_open = models.BooleanField(default=False)
    questions = models.ManyToManyField(Question, through="TestQuestion", related_name="tests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")

    def __str__(self) -> str:
        return str(self.training)

    def is_open(self, phase: str) -> bool:
        return self.pre_open if phase == Phase.PRE else self.post_open


class TestQuestion(models.Model):
    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="test_items")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["test", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["test", "question"], name="learning_test_question_once")
        ]

    def __str__(self) -> str:
        return f"{self.test_id}:{self.position}"


class Attempt(models.Model):
    """One person's answers in one phase: by registration, or in an anonymous test by the keyed
    hash of a code they chose (the code itself is never stored)."""

    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="attempts")
    phase = models.CharField(max_length=4, choices=Phase.choices)
    registration = models.ForeignKey(
        "training.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="knowledge_attempts",
    )
    code_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["test", "phase", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["test", "phase", "registration"],
                condition=models.Q(registration__isnull=False),
                name="learning_attempt_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["test", "phase", "code_key"],
                condition=~models.Q(code_key=""),
                name="learning_attempt_once_per_code",
            ),
            models.CheckConstraint(
                condition=models.Q(registration__isnull=False) | ~models.Q(code_key=""),
                name="learning_attempt_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase} {self.score}/{self.max_score}"

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


class AttemptAnswer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    chosen = models.JSONField(default=list)  # the ids of the chosen choices
    correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="learning_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.question_id}"

"""Writes for knowledge tests: the question bank, a training's test and its phases, and the
participants' scored attempts (which may settle `Registration.post_test_passed`)."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.crypto import blind_index
from core.errors import Refused
from core.models import AuditAction, Organisation
from core.services import record_audit
from learning.models import (
    Attempt,
    AttemptAnswer,
    Choice,
    KnowledgeTest,
    Phase,
    Question,
    QuestionKind,
    TestQuestion,
)
from training.models import Registration, RegistrationStatus, Training

CODE_PURPOSE = "learning.attempt.code"
CODE_PATTERN = re.compile(r"^[A-Za-z0-9]{4,12}$")


class KnowledgeRefused(Refused):
    """A change or an attempt is refused; `message` says why, in the reader's words."""


class AlreadyAnswered(KnowledgeRefused):
    """This person already took this phase of the test."""


@dataclass(frozen=True)
class ChoiceText:
    text_sr: str
    text_en: str
    is_correct: bool


# --- Question bank ------------------------------------------------------------------------------


def true_false_choices(true_is_correct: bool) -> list[ChoiceText]:
    """The two fixed answers of a true/false question."""
    return [
        ChoiceText("Tačno", "True", true_is_correct),
        ChoiceText("Netačno", "False", not true_is_correct),
    ]


def choice_problem(kind: str, choices: list[ChoiceText]) -> str | None:
    """Why these answers do not fit the question's kind, or None when they do."""
    if len(choices) < 2:
        return _("Give at least two answers.")
    correct = sum(1 for choice in choices if choice.is_correct)
    if kind == QuestionKind.MULTIPLE:
        if correct < 1:
            return _("Mark at least one answer as correct.")
    elif correct != 1:
        return _("Mark exactly one answer as correct.")
    return None


@transaction.atomic
def save_question(
    organisation: Organisation,
    *,
    question: Question | None,
    kind: str,
    text_sr: str,
    text_en: str,
    choices: list[ChoiceText],
    actor: Any,
) -> Question:
    """Create or update a bank question with its answers (true/false answers are fixed)."""
    problem = choice_problem(kind, choices)
    if problem:
        raise KnowledgeRefused(problem)
    created = question is None
    if question is None:
        question = Question(organisation=organisation)
    question.kind, question.text_sr, question.text_en = kind, text_sr, text_en
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(
            question=question,
            text_sr=choice.text_sr,
            text_en=choice.text_en,
            is_correct=choice.is_correct,
            position=position,
        )
        for position, choice in enumerate(choices, start=1)
    )
    record_audit(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        actor=actor,
        organisation=organisation,
        obj=question,
        summary="knowledge question",
    )
    return question


# --- A training's test --------------------------------------------------------------------------


@transaction.atomic
def save_test(
    training: Training,
    *,
    questions: list[Question],
    anonymous: bool,
    pass_mark: int | None,
    actor: Any,
) -> KnowledgeTest:
    """Create or update the training's test; once someone answered, its questions and its
    anonymity stay as they are, so the two phases remain comparable."""
    if not questions:
        raise KnowledgeRefused(_("Choose at least one question."))
    test = KnowledgeTest.objects.select_for_update().filter(training=training).first()
    created = test is None
    if test is None:
        test = KnowledgeTest(training=training, organisation_id=training.organisation_id)
    elif test.attempts.exists():
        current = list(test.items.order_by("position").values_list("question_id", flat=True))
        if current != [q.pk for q in questions] or test.anonymous != anonymous:
            raise KnowledgeRefused(
                _(
                    "Participants have already answered this test: its questions and "
                    "anonymity can no longer change."
                )
            )
    test.anonymous, test.pass_mark = anonymous, pass_mark
    test.save()
    test.items.all().delete()
    TestQuestion.objects.bulk_create(
        TestQuestion(test=test, question=question, position=position)
        for position, question in enumerate(questions, start=1)
    )
    record_audit(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        actor=actor,
        organisation=training.organisation,
        obj=test,
        summary="knowledge test",
    )
    return test


@transaction.atomic
def set_phase_open(test: KnowledgeTest, phase: str, *, is_open: bool, actor: Any) -> None:
    """Open or close the pre- or post-test phase for participants."""
    if is_open and not test.items.exists():
        raise KnowledgeRefused(_("Add questions to the test before opening it."))
    field = "pre_open" if phase == Phase.PRE else "post_open"
    setattr(test, field, is_open)
    test.save(update_fields=[field])
    record_audit(
        action=AuditAction.UPDATE,
        actor=actor,
        organisation=test.organisation,
        obj=test,
        summary=f"{phase} {'opened' if is_open else 'closed'}",
    )


# --- Attempts -----------------------------------------------------------------------------------


def code_key(code: str) -> str:
    """The keyed hash that pairs an anonymous participant's two attempts (never the code)."""
    return blind_index(code.strip(), CODE_PURPOSE)


def record_post_test_result(registration: Registration, passed: bool) -> None:
    """Note whether the participant passed the post-test (read by certificate eligibility)."""
    Registration.objects.filter(pk=registration.pk).update(post_test_passed=passed)
    registration.post_test_passed = passed


def _score(
    items: Iterable[TestQuestion], selections: Mapping[int, Iterable[int]]
) -> list[tuple[Question, list[int], bool]]:
    """Each question with the valid chosen answers and whether they are exactly the right set."""
    scored = []
    for item in items:
        question = item.question
        choices = list(question.choices.all())
        valid = {choice.pk for choice in choices}
        chosen = sorted({pk for pk in selections.get(question.pk, ()) if pk in valid})
        right = {choice.pk for choice in choices if choice.is_correct}
        if question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
            correct = False
        else:
            correct = bool(chosen) and set(chosen) == right
        scored.append((question, chosen, correct))
    return scored


def submit_attempt(
    test: KnowledgeTest,
    phase: str,
    selections: Mapping[int, Iterable[int]],
    *,
    registration: Registration | None = None,
    code: str = "",
) -> Attempt:
    """Score and keep one attempt; one per person and phase, only while the phase is open.

    Single-choice and true/false questions score a point for the right answer, multiple-choice
    questions only for exactly the set of right answers."""
    if phase not in Phase.values:
        raise KnowledgeRefused(_("There is no such phase."))
    try:
        with transaction.atomic():
            locked = KnowledgeTest.objects.select_for_update().get(pk=test.pk)
            if not locked.is_open(phase):
                raise KnowledgeRefused(_("This test is closed. Ask your trainer."))
            person: dict[str, Any] = {}
            if locked.anonymous:
                if not CODE_PATTERN.match(code or ""):
                    raise KnowledgeRefused(
                        _("Your code must have 4 to 12 letters or digits, with no spaces.")
                    )
                person["code_key"] = code_key(code)
            else:
                if (
                    registration is None
                    or registration.training_id != locked.training_id
                    or registration.status != RegistrationStatus.CONFIRMED
                    or registration.anonymised_at is not None
                ):
                    raise KnowledgeRefused(
                        _("We could not find your registration for this training.")
                    )
                person["registration"] = registration
            if Attempt.objects.filter(test=locked, phase=phase, **person).exists():
                raise AlreadyAnswered(_("You have already taken this test."))
            items = locked.items.select_related("question").prefetch_related("question__choices")
            scored = _score(items, selections)
            attempt = Attempt.objects.create(
                test=locked,
                phase=phase,
                score=sum(1 for _question, _chosen, correct in scored if correct),
                max_score=len(scored),
                **person,
            )
            AttemptAnswer.objects.bulk_create(
                AttemptAnswer(attempt=attempt, question=question, chosen=chosen, correct=correct)
                for question, chosen, correct in scored
            )
            if (
                phase == Phase.POST
                and locked.pass_mark is not None
                and registration is not None
                and not locked.anonymous
            ):
                passed = attempt.score * 100 >= locked.pass_mark * attempt.max_score
                record_post_test_result(registration, passed)
    except IntegrityError as error:
        # Two submissions from the same person at once: the constraint kept only the first.
        raise AlreadyAnswered(_("You have already taken this test.")) from error
    return attempt

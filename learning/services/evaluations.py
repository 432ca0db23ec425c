"""Writes of evaluations: a programme's questionnaire, opening and closing a training's
evaluation, a participant's anonymous submission, and marking comments shareable.

A submission is written with no personal data: no registration, no name, no IP address, and only
the date. That is why `submit_evaluation` takes no request and records no audit entry.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Programme
from core.errors import Refused
from core.models import AuditAction, Person
from core.services import record_audit
from learning.models.evaluations import (
    LIKERT_MAX,
    LIKERT_MIN,
    Evaluation,
    EvaluationAnswer,
    EvaluationResponse,
    ItemKind,
    Questionnaire,
    QuestionnaireItem,
)
from training.models import Training

__all__ = [
    "DEFAULT_ITEMS",
    "AnswerValue",
    "EvaluationRefused",
    "ItemSpec",
    "close_evaluation",
    "open_evaluation",
    "save_questionnaire",
    "set_answer_shareable",
    "submit_evaluation",
]

TEXT_ANSWER_MAX_LENGTH = 2000


class EvaluationRefused(Refused):
    """A write the evaluation's state or the questionnaire does not allow; `message` says why."""


@dataclass(frozen=True)
class ItemSpec:
    """One item as the coordinator wrote it; `pk` names an existing item to keep."""

    kind: str
    text_sr: str
    text_en: str = ""
    per_trainer: bool = False
    required: bool = True
    pk: int | None = None


# Offered when a coordinator creates a programme's questionnaire (texts are data, not
# interface strings: they are stored in both languages and edited like any other item).
DEFAULT_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        ItemKind.LIKERT,
        "Ciljevi obuke su ostvareni.",
        "The outcomes of the training were achieved.",
    ),
    ItemSpec(
        ItemKind.LIKERT,
        "Trener/ica je dobro poznavao/la temu.",
        "The trainer knew the subject well.",
        per_trainer=True,
    ),
    ItemSpec(
        ItemKind.LIKERT,
        "Trener/ica je podsticao/la učesnike da učestvuju.",
        "The trainer encouraged participants to take part.",
        per_trainer=True,
    ),
    ItemSpec(
        ItemKind.LIKERT,
        "Ono što sam naučio/la korisno je za moju praksu.",
        "What I learned is useful for my practice.",
    ),
    ItemSpec(
        ItemKind.LIKERT,
        "Obuka je bila dobro organizovana.",
        "The training was well organised.",
    ),
    ItemSpec(
        ItemKind.TEXT,
        "Komentari i predlozi",
        "Comments and suggestions",
        required=False,
    ),
)


@transaction.atomic
def save_questionnaire(
    programme: Programme,
    *,
    title_sr: str,
    title_en: str,
    items: Sequence[ItemSpec],
    actor: Any = None,
    ip_address: str | None = None,
) -> Questionnaire:
    """Create or replace the programme's questionnaire; answered items cannot be removed."""
    if not items:
        raise EvaluationRefused(_("A questionnaire needs at least one item."))
    questionnaire, created = Questionnaire.objects.select_for_update().get_or_create(
        programme=programme,
        defaults={
            "organisation_id": programme.organisation_id,
            "title_sr": title_sr,
            "title_en": title_en,
        },
    )
    questionnaire.title_sr, questionnaire.title_en = title_sr, title_en
    questionnaire.save()
    existing = {item.pk: item for item in questionnaire.items.all()}
    kept = {spec.pk for spec in items if spec.pk in existing}
    removed = [pk for pk in existing if pk not in kept]
    if EvaluationAnswer.objects.filter(item_id__in=removed).exists():
        raise EvaluationRefused(
            _(
                "An item participants have already answered cannot be removed; "
                "change its text instead."
            )
        )
    QuestionnaireItem.objects.filter(pk__in=removed).delete()
    for position, spec in enumerate(items, start=1):
        fields = {
            "position": position,
            "kind": spec.kind,
            "text_sr": spec.text_sr,
            "text_en": spec.text_en,
            "per_trainer": spec.per_trainer,
            "required": spec.required,
        }
        if spec.pk in existing:
            item = existing[spec.pk]
            if item.kind != spec.kind and item.answers.exists():
                raise EvaluationRefused(
                    _("An item participants have already answered cannot change its kind.")
                )
            QuestionnaireItem.objects.filter(pk=spec.pk).update(**fields)
        else:
            QuestionnaireItem.objects.create(questionnaire=questionnaire, **fields)
    record_audit(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        actor=actor,
        organisation=programme.organisation,
        obj=questionnaire,
        summary=f"Evaluation questionnaire of {programme.title_sr}",
        ip_address=ip_address,
    )
    return questionnaire


@transaction.atomic
def open_evaluation(
    training: Training, *, actor: Any = None, ip_address: str | None = None
) -> Evaluation:
    """Open the training's evaluation (creating it on the first opening) to participants."""
    questionnaire = Questionnaire.objects.filter(programme_id=training.programme_id).first()
    if questionnaire is None or not questionnaire.items.exists():
        raise EvaluationRefused(
            _("The programme has no evaluation questionnaire yet; the coordinator writes it first.")
        )
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
        training=training, defaults={"questionnaire": questionnaire}
    )
    if not evaluation.is_open:
        evaluation.is_open = True
        evaluation.opened_at = timezone.now()
        evaluation.closed_at = None
        evaluation.save(update_fields=["is_open", "opened_at", "closed_at"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=training.organisation,
            obj=evaluation,
            summary="Evaluation opened",
            ip_address=ip_address,
        )
    return evaluation


@transaction.atomic
def close_evaluation(
    training: Training, *, actor: Any = None, ip_address: str | None = None
) -> Evaluation | None:
    """Stop accepting answers for the training's evaluation (kept answers stay)."""
    evaluation = Evaluation.objects.select_for_update().filter(training=training).first()
    if evaluation is not None and evaluation.is_open:
        evaluation.is_open = False
        evaluation.closed_at = timezone.now()
        evaluation.save(update_fields=["is_open", "closed_at"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=training.organisation,
            obj=evaluation,
            summary="Evaluation closed",
            ip_address=ip_address,
        )
    return evaluation


@dataclass(frozen=True)
class AnswerValue:
    """One validated answer of a submission."""

    item: QuestionnaireItem
    trainer: Person | None = None
    rating: int | None = None
    text: str = ""


CLOSED_MESSAGE = gettext_lazy("This evaluation is closed: answers are no longer accepted.")


@transaction.atomic
def submit_evaluation(evaluation: Evaluation, answers: Sequence[AnswerValue]) -> EvaluationResponse:
    """Store one anonymous submission: the date and the answers, nothing about who gave them."""
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not current.is_open:
        raise EvaluationRefused(str(CLOSED_MESSAGE))
    for answer in answers:
        # The form validates first; this is the last guard for any other caller.
        if answer.item.questionnaire_id != current.questionnaire_id:
            raise EvaluationRefused(_("The answer belongs to another questionnaire."))
        if answer.rating is not None and not LIKERT_MIN <= answer.rating <= LIKERT_MAX:
            raise EvaluationRefused(_("Ratings go from 1 to 5."))
    response = EvaluationResponse.objects.create(
        evaluation=current, submitted_on=timezone.localdate()
    )
    EvaluationAnswer.objects.bulk_create(
        [
            EvaluationAnswer(
                response=response,
                item=answer.item,
                trainer=answer.trainer,
                rating=answer.rating,
                text=answer.text[:TEXT_ANSWER_MAX_LENGTH],
            )
            for answer in answers
            if answer.rating is not None or answer.text
        ]
    )
    return response


@transaction.atomic
def set_answer_shareable(
    answer: EvaluationAnswer,
    shareable: bool,
    *,
    actor: Any = None,
    ip_address: str | None = None,
) -> EvaluationAnswer:
    """Mark a free-text answer as quotable in reports (or take the mark back)."""
    if not answer.text:
        raise EvaluationRefused(_("Only written comments can be quoted."))
    answer.shareable = shareable
    answer.save(update_fields=["shareable"])
    record_audit(
        action=AuditAction.UPDATE,
        actor=actor,
        organisation=answer.response.evaluation.training.organisation,
        obj=answer,
        summary="Comment marked shareable" if shareable else "Comment no longer shareable",
        ip_address=ip_address,
    )
    return answer

"""Forms of evaluations: the coordinator's questionnaire editor and the participant's answers."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.localisation import localised
from core.models import Person
from learning.models.evaluations import ItemKind, LikertRating, QuestionnaireItem
from learning.services.evaluations import TEXT_ANSWER_MAX_LENGTH, AnswerValue, ItemSpec


class QuestionnaireForm(forms.Form):
    title_sr = forms.CharField(label=_("Title (Serbian)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)


class QuestionnaireItemForm(forms.Form):
    item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.LIKERT)
    text_sr = forms.CharField(label=_("Text (Serbian)"), max_length=500)
    text_en = forms.CharField(label=_("Text (English)"), max_length=500, required=False)
    per_trainer = forms.BooleanField(label=_("Ask for each trainer"), required=False)
    required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)


class BaseItemFormSet(forms.BaseFormSet):
    def specs(self) -> list[ItemSpec]:
        """The kept items in the order shown, as the service takes them."""
        return [
            ItemSpec(
                kind=form.cleaned_data["kind"],
                text_sr=form.cleaned_data["text_sr"],
                text_en=form.cleaned_data["text_en"],
                per_trainer=form.cleaned_data["per_trainer"],
                required=form.cleaned_data["required"],
                pk=form.cleaned_data.get("item_id"),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ItemFormSet = cast(
    type[BaseItemFormSet],
    forms.formset_factory(
        QuestionnaireItemForm, formset=BaseItemFormSet, extra=2, can_delete=True, max_num=40
    ),
)


def item_initial(item: QuestionnaireItem | ItemSpec) -> dict[str, Any]:
    return {
        "item_id": item.pk,
        "kind": item.kind,
        "text_sr": item.text_sr,
        "text_en": item.text_en,
        "per_trainer": item.per_trainer,
        "required": item.required,
    }


def trainer_name(trainer: Person) -> str:
    return f"{trainer.first_name} {trainer.last_name}".strip()


class EvaluationAnswersForm(forms.Form):
    """One field per item (per trainer, for per-trainer items), built from the questionnaire."""

    def __init__(
        self,
        *args: Any,
        items: list[QuestionnaireItem],
        trainers: list[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions: list[tuple[str, QuestionnaireItem, Person | None]] = []
        for item in items:
            about: list[Person | None] = list(trainers) if item.per_trainer else [None]
            for trainer in about:
                name = f"item_{item.pk}" + (f"_{trainer.pk}" if trainer else "")
                label = localised(item, "text")
                if trainer is not None:
                    label = f"{label} — {trainer_name(trainer)}"
                if item.is_likert:
                    field: forms.Field = forms.TypedChoiceField(
                        label=label,
                        choices=LikertRating.choices,
                        coerce=int,
                        required=item.required,
                        widget=forms.RadioSelect,
                        error_messages={
                            "required": _("Please choose a rating."),
                            "invalid_choice": _("Choose a rating from 1 to 5."),
                        },
                    )
                else:
                    field = forms.CharField(
                        label=label,
                        required=item.required,
                        max_length=TEXT_ANSWER_MAX_LENGTH,
                        widget=forms.Textarea(attrs={"rows": 4}),
                        error_messages={"required": _("Please write an answer.")},
                    )
                self.fields[name] = field
                self.questions.append((name, item, trainer))

    def answers(self) -> list[AnswerValue]:
        """The validated answers, blank optional ones left out."""
        result = []
        for name, item, trainer in self.questions:
            value = self.cleaned_data.get(name)
            if value is None or value == "":
                continue
            if item.is_likert:
                result.append(AnswerValue(item=item, trainer=trainer, rating=int(value)))
            else:
                result.append(AnswerValue(item=item, trainer=trainer, text=str(value).strip()))
        return result

"""Forms for knowledge tests: a bank question with its answers, a training's test, the
participant's quiz and the anonymous participant's code."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.localisation import localised
from learning.models import Question, QuestionKind, TestQuestion
from learning.services.knowledge import CODE_PATTERN, ChoiceText, choice_problem, true_false_choices

MAX_CHOICES = 6


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_sr = forms.CharField(
        label=_("Question (Serbian)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    true_is_correct = forms.TypedChoiceField(
        label=_("Correct answer (true or false questions)"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        required=False,
        widget=forms.RadioSelect,
    )


class ChoiceForm(forms.Form):
    text_sr = forms.CharField(label=_("Answer (Serbian)"), max_length=400, required=False)
    text_en = forms.CharField(label=_("Answer (English)"), max_length=400, required=False)
    is_correct = forms.BooleanField(label=_("Correct"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("text_en") or data.get("is_correct")) and not data.get("text_sr"):
            raise ValidationError(_("Write the answer in Serbian, or leave the whole row empty."))
        return data


ChoiceFormSet = forms.formset_factory(ChoiceForm, extra=0, min_num=MAX_CHOICES, max_num=MAX_CHOICES)


def question_forms(data: Any, question: Question | None) -> tuple[QuestionForm, Any]:
    """The question form and its answers' formset, filled from the question when editing."""
    initial: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    if question is not None:
        initial = {"kind": question.kind, "text_sr": question.text_sr, "text_en": question.text_en}
        choices = list(question.choices.all())
        if question.kind == QuestionKind.TRUE_FALSE:
            initial["true_is_correct"] = "true" if choices and choices[0].is_correct else "false"
        else:
            rows = [
                {"text_sr": c.text_sr, "text_en": c.text_en, "is_correct": c.is_correct}
                for c in choices
            ]
    return (
        QuestionForm(data, initial=initial),
        ChoiceFormSet(data, initial=rows, prefix="choices"),
    )


def chosen_answers(form: QuestionForm, formset: Any) -> list[ChoiceText] | None:
    """The answers the two valid forms describe, or None after adding the reason to `form`."""
    kind = form.cleaned_data["kind"]
    if kind == QuestionKind.TRUE_FALSE:
        if form.cleaned_data.get("true_is_correct") in (None, ""):
            form.add_error("true_is_correct", _("Choose whether the statement is true or false."))
            return None
        return true_false_choices(bool(form.cleaned_data["true_is_correct"]))
    choices = [
        ChoiceText(row["text_sr"], row.get("text_en", ""), bool(row.get("is_correct")))
        for row in formset.cleaned_data
        if row.get("text_sr")
    ]
    problem = choice_problem(kind, choices)
    if problem:
        form.add_error(None, problem)
        return None
    return choices


class KnowledgeTestForm(forms.Form):
    """Numbers in front of the bank's questions choose them and their order."""

    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_(
            "Participants pair their two attempts with a code they choose instead of their "
            "registration. Anonymous results cannot count towards certificates."
        ),
    )
    pass_mark = forms.IntegerField(
        label=_("Pass mark (%)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("The share of points needed to pass the post-test; leave empty for none."),
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bank = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.IntegerField(
                label=localised(question, "text"),
                required=False,
                min_value=1,
                max_value=999,
            )

    def question_fields(self) -> list[Any]:
        return [self[f"q{question.pk}"] for question in self.bank]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        numbered = [
            (data[f"q{q.pk}"], index, q)
            for index, q in enumerate(self.bank)
            if data.get(f"q{q.pk}") is not None
        ]
        if not numbered and not self.errors:
            raise ValidationError(_("Number at least one question to put it in the test."))
        data["questions"] = [q for _number, _index, q in sorted(numbered, key=lambda t: t[:2])]
        return data


def test_form_initial(items: list[TestQuestion], anonymous: bool, pass_mark: int | None) -> dict:
    """The form's initial values for an existing test."""
    initial: dict[str, Any] = {"anonymous": anonymous, "pass_mark": pass_mark}
    for item in items:
        initial[f"q{item.question_id}"] = item.position
    return initial


class QuizForm(forms.Form):
    """One field per question: radio buttons, or checkboxes for multiple choice."""

    def __init__(self, *args: Any, items: list[TestQuestion], anonymous: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if anonymous:
            self.fields["code"] = forms.CharField(
                label=_("Your code"),
                max_length=12,
                help_text=_(
                    "Choose 4 to 12 letters or digits and type the same code in the pre-test "
                    "and the post-test. Nobody can see who you are from it."
                ),
                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
            )
        for number, item in enumerate(items, start=1):
            question = item.question
            choices = [(str(c.pk), localised(c, "text")) for c in question.choices.all()]
            label = f"{number}. {localised(question, 'text')}"
            if question.kind == QuestionKind.MULTIPLE:
                self.fields[f"q{question.pk}"] = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every right answer."),
                    error_messages={"required": _("Choose at least one answer.")},
                )
            else:
                self.fields[f"q{question.pk}"] = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )
        self.items = items

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not CODE_PATTERN.match(code):
            raise ValidationError(_("Use 4 to 12 letters or digits, with no spaces."))
        return code

    def selections(self) -> dict[int, list[int]]:
        """The chosen answer ids per question id."""
        chosen: dict[int, list[int]] = {}
        for item in self.items:
            value = self.cleaned_data.get(f"q{item.question_id}") or []
            values = value if isinstance(value, list) else [value]
            chosen[item.question_id] = [int(v) for v in values]
        return chosen

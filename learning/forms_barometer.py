"""Forms of the Social Barometer: the statement bank, decks, and the trainer's live controls."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from learning.models.barometer import (
    BarometerRound,
    Deck,
    ResultsVisibility,
    Statement,
    Topic,
)


class StatementForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Statement
        fields = [
            "text_sr",
            "text_en",
            "correct_answer",
            "explanation_sr",
            "explanation_en",
            "topics",
            "active",
        ]
        widgets = {
            "text_sr": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "explanation_sr": forms.Textarea(attrs={"rows": 4}),
            "explanation_en": forms.Textarea(attrs={"rows": 4}),
            "correct_answer": forms.RadioSelect,
        }
        error_messages = {
            "text_sr": {"required": _("Write the statement in Serbian.")},
            "correct_answer": {"required": _("Choose the correct answer.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["topics"] = [tag.topic for tag in self.instance.topics.all()]


class StatementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *Topic.choices]
    )


class DeckForm(forms.ModelForm):
    class Meta:
        model = Deck
        fields = ["name"]


class DeckAddStatementForm(forms.Form):
    statement = forms.ModelChoiceField(label=_("Statement"), queryset=Statement.objects.none())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].queryset = Statement.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, active=True
        )


class StartSessionForm(forms.Form):
    deck = forms.ModelChoiceField(
        label=_("Deck"),
        queryset=Deck.objects.none(),
        required=False,
        empty_label=_("No deck: choose each statement"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deck"].queryset = Deck.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )


class OpenRoundForm(forms.Form):
    statement = forms.ModelChoiceField(label=_("Statement"), queryset=Statement.objects.none())
    visibility = forms.ChoiceField(
        label=_("Show the results"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.AFTER_CLOSE,
    )
    allow_change = forms.BooleanField(
        label=_("People may change their vote while voting is open"), required=False, initial=True
    )
    room_mode = forms.BooleanField(
        label=_("Room mode: no phones, I will type the counts"), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].queryset = Statement.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, active=True
        )


class NotesForm(forms.ModelForm):
    class Meta:
        model = BarometerRound
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class RoomCountsForm(forms.Form):
    agree = forms.IntegerField(label=_("Standing at agree"), min_value=0, max_value=10000)
    unsure = forms.IntegerField(label=_("Standing in the middle"), min_value=0, max_value=10000)
    disagree = forms.IntegerField(label=_("Standing at disagree"), min_value=0, max_value=10000)

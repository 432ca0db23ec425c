"""The contact form a consultant fills while talking, and the small forms around it."""

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import blank_first
from core.models import Institution, Organisation
from hotline.codes import (
    Action,
    AgeBand,
    CallerType,
    Channel,
    ContactKind,
    Country,
    Gender,
    Indicator,
    Line,
    RiskLevel,
    Subject,
)

_DURATION = re.compile(r"^\s*(?:(\d{1,3}):([0-5]?\d)|(\d{1,4}))\s*$")
MAX_DURATION_SECONDS = 24 * 3600


class ContactForm(forms.Form):
    """Everything a data contact records. Field names match Contact's where they are stored;
    `duration` is typed as minutes:seconds (or whole minutes) and cleaned to seconds."""

    line = forms.ChoiceField(label=_("Line"), choices=Line.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    started_at = forms.DateTimeField(
        label=_("Started at"),
        # The browser's datetime-local input reads and writes ISO 8601 only, whatever the language.
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"
        ),
    )
    duration = forms.CharField(
        label=_("Duration (minutes:seconds)"),
        max_length=10,
        help_text=_("The timer fills this in; correct it if the call started earlier."),
    )
    caller_type = forms.ChoiceField(
        label=_("Who contacts"), choices=blank_first(CallerType.choices)
    )
    caller_institution = forms.ModelChoiceField(
        label=_("Caller's institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("For a professional: the school, centre or service they work in."),
    )
    caller_gender = forms.ChoiceField(
        label=_("Caller's gender"), choices=blank_first(Gender.choices), required=False
    )
    caller_age_band = forms.ChoiceField(
        label=_("Caller's age"), choices=blank_first(AgeBand.choices), required=False
    )
    caller_citizenship = forms.ChoiceField(
        label=_("Caller's citizenship"), choices=blank_first(Country.choices), required=False
    )
    caller_place = forms.CharField(label=_("Caller's place"), max_length=100, required=False)
    caller_name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    caller_phone = forms.CharField(
        label=_("Caller's phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    caller_email = forms.EmailField(label=_("Caller's e-mail"), max_length=254, required=False)
    subject = forms.ChoiceField(label=_("Subject"), choices=blank_first(Subject.choices))
    indicators = forms.MultipleChoiceField(
        label=_("Trafficking indicators noticed"),
        choices=Indicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"), choices=blank_first(RiskLevel.choices), required=False
    )
    actions = forms.MultipleChoiceField(
        label=_("Actions"),
        choices=Action.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    follow_up_description = forms.CharField(
        label=_("Follow-up task"), max_length=500, required=False
    )
    follow_up_due = forms.DateField(
        label=_("Follow-up due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caller_institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )

    def clean_duration(self) -> str:
        match = _DURATION.match(self.cleaned_data["duration"])
        if match is None:
            raise forms.ValidationError(
                _("Enter the duration as minutes:seconds, for example 12:30."), code="duration"
            )
        minutes, seconds, whole_minutes = match.groups()
        total = int(whole_minutes) * 60 if whole_minutes else int(minutes) * 60 + int(seconds)
        if total > MAX_DURATION_SECONDS:
            raise forms.ValidationError(_("A contact cannot last longer than a day."))
        self.cleaned_data["duration_seconds"] = total
        return self.cleaned_data["duration"]

    def clean_started_at(self) -> Any:
        started_at = self.cleaned_data["started_at"]
        if started_at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("A contact cannot start in the future."))
        return started_at

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("follow_up_description") and not cleaned.get("follow_up_due"):
            self.add_error("follow_up_due", _("Give the follow-up a due date."))
        if cleaned.get("follow_up_due") and not cleaned.get("follow_up_description"):
            self.add_error("follow_up_description", _("Say what is to be done."))
        if "duration" in cleaned and "duration_seconds" in self.cleaned_data:
            cleaned["duration_seconds"] = self.cleaned_data["duration_seconds"]
        return cleaned


class StartContactForm(forms.Form):
    """A start button: a new draft contact on a line and channel."""

    line = forms.ChoiceField(choices=Line.choices)
    channel = forms.ChoiceField(choices=Channel.choices, required=False)


class QuickContactForm(forms.Form):
    """A quick button: a non-data contact counted on a line and channel."""

    line = forms.ChoiceField(choices=Line.choices)
    channel = forms.ChoiceField(choices=Channel.choices)
    kind = forms.ChoiceField(
        choices=[(kind.value, kind.label) for kind in ContactKind if kind != ContactKind.DATA]
    )

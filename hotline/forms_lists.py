"""The contact list's filters and the follow-up task form of a contact's page."""

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import PlainSelect
from core.models import Organisation, User
from hotline.codes import Channel, ContactKind, Line, RiskLevel, Subject
from hotline.queries.lists import NON_DATA, consultants_of

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def person_label(user: User) -> str:
    """How a colleague is named in choices: full name, or the username when there is none."""
    return user.get_full_name() or user.get_username()


def parse_month(value: str) -> date | None:
    """The first day of a month typed as YYYY-MM (what <input type=month> sends), else None."""
    match = _MONTH.match(value.strip())
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        return None
    return date(year, month, 1)


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.CharField):
    """A calendar month, cleaned to its first day."""

    widget = MonthInput

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(_("Enter a month as YYYY-MM, for example 2025-03."))
        return month


def _any(label: Any, choices: Any) -> list[tuple[Any, Any]]:
    return [("", label), *choices]


class ContactFilterForm(forms.Form):
    """What the contact list can be narrowed by; every field may stay empty."""

    line = forms.ChoiceField(label=_("Line"), required=False, widget=PlainSelect)
    month = MonthField(label=_("Month"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.ChoiceField(label=_("Subject"), required=False, widget=PlainSelect)
    consultant = forms.TypedChoiceField(
        label=_("Consultant"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    risk_level = forms.ChoiceField(label=_("Risk level"), required=False, widget=PlainSelect)
    channel = forms.ChoiceField(label=_("Channel"), required=False, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind of contact"), required=False, widget=PlainSelect)
    follow_up_due = forms.BooleanField(label=_("Follow-up due"), required=False)
    same_as = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["line"].choices = _any(_("Any line"), Line.choices)  # type: ignore[attr-defined]
        fields["subject"].choices = _any(_("Any subject"), Subject.choices)  # type: ignore[attr-defined]
        fields["risk_level"].choices = _any(_("Any risk"), RiskLevel.choices)  # type: ignore[attr-defined]
        fields["channel"].choices = _any(_("Any channel"), Channel.choices)  # type: ignore[attr-defined]
        fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("Any kind")),
            (ContactKind.DATA, _("Conversations (with data)")),
            (NON_DATA, _("Without data (any kind)")),
            *((kind.value, kind.label) for kind in ContactKind if kind != ContactKind.DATA),
        ]
        fields["consultant"].choices = _any(  # type: ignore[attr-defined]
            _("Any consultant"),
            [(user.pk, person_label(user)) for user in consultants_of(organisation)],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("date_from"), cleaned.get("date_to")
        if since and until and since > until:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid field is left out rather than failing the list)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def summary(self) -> str:
        """The filters as `name=value` pairs for the audit log (codes, dates and pks only)."""
        parts = []
        for name, value in self.filters().items():
            shown = value.strftime("%Y-%m") if name == "month" else value
            parts.append(f"{name}={shown}")
        return " ".join(parts) or "no filter"


class FollowUpForm(forms.Form):
    """A task a contact leaves behind: what, by when, and which consultant of the organisation
    does it (the consultants are read once, for the choices and the check alike)."""

    description = forms.CharField(
        label=_("Task"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    assigned_to = forms.TypedChoiceField(label=_("Assigned to"), coerce=int)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultants = {user.pk: user for user in consultants_of(organisation)}
        self.fields["assigned_to"].choices = [  # type: ignore[attr-defined]
            (pk, person_label(user)) for pk, user in self.consultants.items()
        ]

    def clean_assigned_to(self) -> User:
        return self.consultants[self.cleaned_data["assigned_to"]]

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Say what is to be done."))
        return description

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on

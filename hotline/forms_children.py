"""The forms of a 116 000 missing-child report: the report itself, the next step of its
timeline, and the police and alert details that may change while the search goes on."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, blank_first, not_in_the_future
from hotline.codes import (
    MISSING_CHILD_TRANSITIONS,
    Circumstance,
    FoundCondition,
    Gender,
    MissingChildStatus,
)
from hotline.models import MissingChildReport

OLDEST_CHILD_AGE = 17


class PoliceDetailsForm(forms.Form):
    """The police report and the alerts: entered with the report, edited while it is open."""

    police_report_number = forms.CharField(
        label=_("Police report number"), max_length=100, required=False
    )
    police_reported_on = forms.DateField(
        label=_("Reported to the police on"), required=False, widget=DateInput()
    )
    national_alert = forms.BooleanField(label=_("National alert issued"), required=False)
    international_alert = forms.BooleanField(label=_("International alert issued"), required=False)

    def __init__(self, *args: Any, last_seen_on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known_last_seen_on = last_seen_on

    def clean_police_reported_on(self) -> date | None:
        return not_in_the_future(self.cleaned_data.get("police_reported_on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        last_seen_on = cleaned.get("last_seen_on", self.known_last_seen_on)
        reported_on = cleaned.get("police_reported_on")
        if reported_on and last_seen_on and reported_on < last_seen_on:
            self.add_error(
                "police_reported_on",
                _("The police cannot have been told before the child was last seen."),
            )
        return cleaned


class MissingChildForm(PoliceDetailsForm):
    """What the caller knows about the missing child; field names are MissingChildReport's."""

    child_name = forms.CharField(label=_("Child's name"), max_length=200)
    child_description = forms.CharField(
        label=_("Description of the child"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Height, hair, clothes, anything that helps to recognise the child."),
    )
    child_gender = forms.ChoiceField(label=_("Child's gender"), choices=blank_first(Gender.choices))
    child_age = forms.IntegerField(
        label=_("Child's age"), min_value=0, max_value=OLDEST_CHILD_AGE, required=False
    )
    last_seen_on = forms.DateField(label=_("Last seen on"), widget=DateInput())
    last_seen_place = forms.CharField(label=_("Last seen in (place)"), max_length=150)
    circumstances = forms.ChoiceField(
        label=_("Circumstances"), choices=blank_first(Circumstance.choices)
    )

    # The page shows the fields in these groups, each a fieldset with its legend.
    GROUPS = [
        (_("The child"), ["child_name", "child_description", "child_gender", "child_age"]),
        (
            _("When and where the child was last seen"),
            ["last_seen_on", "last_seen_place", "circumstances"],
        ),
        (
            _("Police and alerts"),
            ["police_report_number", "police_reported_on", "national_alert", "international_alert"],
        ),
    ]
    field_order = [name for _legend, names in GROUPS for name in names]

    def clean_last_seen_on(self) -> date | None:
        return not_in_the_future(self.cleaned_data.get("last_seen_on"))


class MissingChildStatusForm(forms.Form):
    """The next step of the timeline: only the steps the report's status allows are offered."""

    status = forms.ChoiceField(
        label=_("Next step"),
        choices=MissingChildStatus.choices,
        error_messages={"invalid_choice": _("Choose one of the next steps offered on the page.")},
    )
    happened_on = forms.DateField(label=_("Date"), widget=DateInput())
    found_condition = forms.ChoiceField(
        label=_("Condition when found"),
        choices=blank_first(FoundCondition.choices),
        required=False,
        help_text=_("Needed when the child is found."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For protection after finding: the follow-up actions, for example "
            "“placed with the centre for social work; psychological support arranged”."
        ),
    )

    def __init__(self, *args: Any, report: MissingChildReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        # Any status passes the form; the service decides whether the timeline allows it, so a
        # stale page gets the service's reason. The page offers only the allowed steps.
        allowed = MISSING_CHILD_TRANSITIONS[MissingChildStatus(report.status)]
        self.fields["status"].widget.choices = [
            (value, label) for value, label in MissingChildStatus.choices if value in allowed
        ]

    def clean_happened_on(self) -> date | None:
        happened_on = not_in_the_future(self.cleaned_data.get("happened_on"))
        if happened_on and happened_on < self.report.last_seen_on:
            raise forms.ValidationError(
                _("This date is before the child was last seen."), code="before_last_seen"
            )
        return happened_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if status == MissingChildStatus.FOUND and not cleaned.get("found_condition"):
            self.add_error("found_condition", _("Say in what condition the child was found."))
        if status == MissingChildStatus.PROTECTION and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say what follow-up actions protect the child now."))
        return cleaned


class StatusFilterForm(forms.Form):
    """The list's filter: one status, or all."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *MissingChildStatus.choices],
        required=False,
    )

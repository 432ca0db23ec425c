"""The forms of the person's profile on a case: an identification decision, a form of
exploitation, a trafficker, court proceedings and a hearing. They check types and code lists (an
unknown code is refused); the rules between fields are the services' (cases.services.profile)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.codes import (
    MEANS_OF_CONTROL,
    AgeBand,
    CompensationResult,
    Country,
    CourtRole,
    DecisionMaker,
    ExploitationForm,
    Gender,
    HearingKind,
    LabourSector,
    ProceedingStage,
    ProtectiveMeasure,
    RecruitmentMethod,
    TraffickerRelation,
    TraffickerRole,
    TraffickingStatus,
)
from core.forms import DateInput, blank_first

NOTE_MAX_LENGTH = 2000
UNKNOWN_CODE = _("Choose one of the options offered on the page.")


def _choice(label: Any, choices: Any, required: bool = True, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=blank_first(choices) if not required or "initial" not in kwargs else choices,
        required=required,
        error_messages={"invalid_choice": UNKNOWN_CODE},
        **kwargs,
    )


def _multiple(label: Any, choices: Any, **kwargs: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_CODE},
        **kwargs,
    )


def _note(label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted; seen by the case team only."),
    )


class IdentificationForm(forms.Form):
    """A step of the National Referral Mechanism."""

    status = _choice(_("Status"), TraffickingStatus.choices)
    decided_by = _choice(
        _("Decided by"),
        DecisionMaker.choices,
        required=False,
        initial=DecisionMaker.CENTRE,
        help_text=_("Needed when the person is identified or not identified as a victim."),
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    note = _note()


class ExploitationEntryForm(forms.Form):
    """One form of exploitation: what, where (recruitment, transit, exploitation), when, how."""

    form = _choice(_("Form of exploitation"), ExploitationForm.choices)
    labour_sector = _choice(
        _("Sector"),
        LabourSector.choices,
        required=False,
        help_text=_("For labour exploitation only."),
    )
    recruitment_country = _choice(_("Country of recruitment"), Country.choices, required=False)
    recruitment_place = forms.CharField(
        label=_("Place of recruitment"), max_length=100, required=False
    )
    transit_countries = _multiple(_("Transit countries"), Country.choices)
    exploitation_country = _choice(_("Country of exploitation"), Country.choices, required=False)
    exploitation_place = forms.CharField(
        label=_("Place of exploitation"), max_length=100, required=False
    )
    started_on = forms.DateField(label=_("From"), required=False, widget=DateInput())
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    recruitment_method = _choice(_("Recruitment method"), RecruitmentMethod.choices, required=False)
    means_of_control = _multiple(_("Means of control"), MEANS_OF_CONTROL)


class TraffickerForm(forms.Form):
    """One trafficker as the person described them; no name is recorded."""

    gender = _choice(_("Gender"), Gender.choices)
    age_band = _choice(_("Age"), AgeBand.choices, initial=AgeBand.UNKNOWN)
    citizenship = _choice(_("Citizenship"), Country.choices, initial=Country.OTHER)
    relation = _choice(_("Relation to the person"), TraffickerRelation.choices)
    role = _choice(_("Role"), TraffickerRole.choices)


class ProceedingForm(forms.Form):
    """Criminal proceedings the person takes part in."""

    court = forms.CharField(label=_("Court"), max_length=200)
    case_number = forms.CharField(
        label=_("Court case number"),
        max_length=60,
        required=False,
        help_text=_("Kept encrypted; seen by the case team only."),
    )
    role = _choice(_("The person's role"), CourtRole.choices)
    stage = _choice(_("Stage"), ProceedingStage.choices, initial=ProceedingStage.INVESTIGATION)
    protective_measures = _multiple(_("Protective measures"), ProtectiveMeasure.choices)
    compensation_claimed = forms.BooleanField(label=_("Compensation claimed"), required=False)
    compensation_result = _choice(
        _("Compensation"), CompensationResult.choices, initial=CompensationResult.NOT_CLAIMED
    )
    compensation_amount = forms.DecimalField(
        label=_("Amount awarded (RSD)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Only when compensation was awarded, partly awarded or paid."),
    )
    note = _note()


class HearingForm(forms.Form):
    """A hearing, a testimony or the verdict; a scheduled one can be in the future."""

    prefix = "hearing"  # shares its page with the proceedings' form (both have a note)

    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    kind = _choice(_("Kind"), HearingKind.choices, initial=HearingKind.TESTIMONY)
    note = _note()


class DeleteForm(forms.Form):
    """The confirmation a delete button sends; a bare POST deletes nothing."""

    confirm = forms.BooleanField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Confirm that you want to delete this record.")},
    )

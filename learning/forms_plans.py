"""Forms of the action plans: the trainer's new group, the group's activities and workshop
requests (formsets), and the coordinator's follow-up and overview filters."""

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import Institution
from core.scripts import normalise_for_search
from learning.models.plans import WorkshopRequestStatus
from learning.services.plans import ActivityPlan, RequestPlan

# Month names as folded by normalise_for_search (lowercase Latin without diacritics), so that
# "March", "mart", "марта" and "Mart" all read the same.
MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "januar", "januara"),
        ("february", "feb", "februar", "februara", "febr"),
        ("march", "mar", "mart", "marta"),
        ("april", "apr", "aprila"),
        ("may", "maj", "maja"),
        ("june", "jun", "juna"),
        ("july", "jul", "jula"),
        ("august", "aug", "avg", "avgust", "avgusta"),
        ("september", "sep", "sept", "septembar", "septembra"),
        ("october", "oct", "okt", "oktobar", "oktobra"),
        ("november", "nov", "novembar", "novembra"),
        ("december", "dec", "decembar", "decembra"),
    ],
    start=1,
):
    for _name in _names:
        MONTH_NAMES[_name] = _number

_NUMERIC_MONTH = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{4})\.?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NAMED_MONTH = re.compile(r"^([a-z]+)\.?\s+(\d{4})\.?$")


def month_of(text: str) -> date | None:
    """The first day of the month `text` names ("03/2027", "3.2027", "2027-03", "March 2027",
    "mart 2027", "март 2027."), or None when it names something else."""
    folded = normalise_for_search(text).strip()
    month = year = None
    if match := _NUMERIC_MONTH.match(folded):
        month, year = int(match[1]), int(match[2])
    elif match := _ISO_MONTH.match(folded):
        year, month = int(match[1]), int(match[2])
    elif (match := _NAMED_MONTH.match(folded)) and match[1] in MONTH_NAMES:
        month, year = MONTH_NAMES[match[1]], int(match[2])
    if month is None or year is None or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return date(year, month, 1)


class PlanGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"),
        max_length=120,
        help_text=_("For example: “Group 1” or the schools' names."),
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions in the group"),
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one institution for the group."),
            "invalid_choice": _("Choose institutions of this training's participants."),
        },
    )

    def __init__(self, *args: Any, institutions: Any, taken_names: set[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = institutions
        self.taken_names = taken_names

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if name.casefold() in self.taken_names:
            raise ValidationError(_("This training already has a group with that name."))
        return name


class ActivityForm(forms.Form):
    what = forms.CharField(
        label=_("Activity"),
        max_length=300,
        error_messages={"required": _("Say what the activity is.")},
    )
    audience = forms.CharField(
        label=_("For whom"),
        max_length=200,
        help_text=_("For example: pupils of the 7th grade, parents, teachers."),
        error_messages={"required": _("Say whom the activity is for.")},
    )
    lead = forms.CharField(
        label=_("Who leads"),
        max_length=200,
        error_messages={"required": _("Say who leads the activity.")},
    )
    when = forms.CharField(
        label=_("When"),
        max_length=100,
        help_text=_("A month as 03/2027, or a short text such as “after the winter break”."),
        error_messages={"required": _("Say when the activity takes place.")},
    )


class _RowsFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class BaseActivityFormSet(_RowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.plans():
            raise ValidationError(_("Add at least one activity to the plan."))

    def plans(self) -> list[ActivityPlan]:
        """The activities as entered, in the order of the rows."""
        result = []
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            when = form.cleaned_data["when"].strip()
            month = month_of(when)
            result.append(
                ActivityPlan(
                    what=form.cleaned_data["what"].strip(),
                    audience=form.cleaned_data["audience"].strip(),
                    lead=form.cleaned_data["lead"].strip(),
                    when_month=month,
                    when_text="" if month else when,
                )
            )
        return result


ActivityFormSet = forms.formset_factory(
    ActivityForm,
    formset=BaseActivityFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class WorkshopRequestForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        error_messages={
            "required": _("Choose the institution the workshop is for."),
            "invalid_choice": _("Choose one of the group's institutions."),
        },
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=300,
        error_messages={"required": _("Say what the workshop should be about.")},
    )
    audience = forms.CharField(
        label=_("Audience"),
        max_length=200,
        help_text=_("For example: pupils, parents, teachers."),
        error_messages={"required": _("Say who the workshop is for.")},
    )
    preferred_period = forms.CharField(
        label=_("Preferred period"),
        max_length=100,
        required=False,
        help_text=_("For example: April 2027, or the second term."),
    )
    expected_participants = forms.IntegerField(
        label=_("Expected participants"),
        min_value=1,
        max_value=1000,
        error_messages={
            "required": _("Say how many participants you expect."),
            "min_value": _("Expect at least one participant."),
            "max_value": _("A workshop takes at most 1000 participants."),
        },
    )

    def __init__(self, *args: Any, institutions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["institution"].queryset = institutions


class BaseWorkshopRequestFormSet(_RowsFormSet):
    def plans(self) -> list[RequestPlan]:
        """The requests as entered; `pk` names a request already saved."""
        return [
            RequestPlan(
                pk=form.cleaned_data.get("pk"),
                institution=form.cleaned_data["institution"],
                topic=form.cleaned_data["topic"].strip(),
                audience=form.cleaned_data["audience"].strip(),
                preferred_period=form.cleaned_data.get("preferred_period", "").strip(),
                expected_participants=form.cleaned_data["expected_participants"],
            )
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


WorkshopRequestFormSet = forms.formset_factory(
    WorkshopRequestForm,
    formset=BaseWorkshopRequestFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


def plan_formsets(
    data: Any, *, activities: list[Any], requests: list[Any], institutions: Any
) -> tuple[BaseActivityFormSet, BaseWorkshopRequestFormSet]:
    """The plan's two formsets filled with what the group has saved so far."""
    activity_initial = [
        {
            "what": a.what,
            "audience": a.audience,
            "lead": a.lead,
            "when": a.when_month.strftime("%m/%Y") if a.when_month else a.when_text,
        }
        for a in activities
    ]
    request_initial = [
        {
            "pk": r.pk,
            "institution": r.institution_id,
            "topic": r.topic,
            "audience": r.audience,
            "preferred_period": r.preferred_period,
            "expected_participants": r.expected_participants,
        }
        for r in requests
    ]
    activity_formset = ActivityFormSet(data, initial=activity_initial, prefix="activities")
    request_formset = WorkshopRequestFormSet(
        data,
        initial=request_initial,
        prefix="requests",
        form_kwargs={"institutions": institutions},
    )
    if not activity_initial:
        activity_formset.extra = 2
    return activity_formset, request_formset  # type: ignore[return-value]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkshopRequestStatus.choices)
    held_on = forms.DateField(
        label=_("Workshop held on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=_("Follow-up notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == WorkshopRequestStatus.DONE and not cleaned.get("held_on"):
            self.add_error("held_on", _("Enter the date the workshop was held."))
        return cleaned


class PlanFilterForm(forms.Form):
    training = forms.TypedChoiceField(label=_("Training"), required=False, coerce=int)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Request status"),
        required=False,
        choices=[("", _("Any status")), *WorkshopRequestStatus.choices],
    )

    def __init__(
        self, *args: Any, trainings: list[tuple[int, str]], municipalities: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training"].choices = [("", _("All trainings")), *trainings]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((m, m) for m in municipalities),
        ]

"""Staff forms of the training app: planning a training, its days and agenda, the season filter
and the privacy notice."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from catalogue.models import Accreditation, Programme, ProgrammeStatus
from core.directory import people_for
from core.forms import DateInput
from core.localisation import localised
from core.models import Organisation, Person
from training.models import Training, TrainingDay, TrainingStatus
from training.services.trainings import AgendaPlan, DayPlan


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Programme) -> str:
        return localised(obj, "title")


class AccreditationSelect(forms.Select):
    """Options carry their programme, so the page can offer only the chosen programme's ones."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-programme"] = str(instance.programme_id)
        return option


class AccreditationChoiceField(forms.ModelChoiceField):
    widget = AccreditationSelect

    def label_from_instance(self, obj: Accreditation) -> str:
        valid_from = formats.date_format(obj.valid_from, "SHORT_DATE_FORMAT")
        valid_until = formats.date_format(obj.valid_until, "SHORT_DATE_FORMAT")
        return (
            f"{localised(obj.programme, 'title')} — {localised(obj.body, 'name')} "
            f"{obj.decision_number} ({valid_from}–{valid_until})"
        )


class TrainersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name}, {obj.profession}" if obj.profession else obj.full_name


class TrainingForm(forms.ModelForm):
    """The training itself; its days come from a DayFormSet beside it."""

    programme = ProgrammeChoiceField(queryset=Programme.objects.none(), label=_("Programme"))
    accreditation = AccreditationChoiceField(
        queryset=Accreditation.objects.none(),
        label=_("Accreditation"),
        required=False,
        help_text=_(
            "The accreditation the training is delivered under; it must be valid on every day."
        ),
    )
    trainers = TrainersField(
        queryset=Person.objects.none(),
        label=_("Trainers"),
        required=False,
        help_text=_("People marked as trainers in the people directory."),
    )

    class Meta:
        model = Training
        fields = [
            "programme",
            "accreditation",
            "city",
            "venue",
            "capacity",
            "registration_deadline",
            "trainers",
            "funding_project",
        ]
        widgets = {"registration_deadline": DateInput()}
        help_texts = {"funding_project": _("The donor project that pays for the training, if any.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(organisation=organisation)
        choosable = Q(status=ProgrammeStatus.ACTIVE)
        if self.instance.programme_id:
            # Editing keeps the training's own programme even if it is no longer active.
            choosable |= Q(pk=self.instance.programme_id)
        self.fields["programme"].queryset = programmes.filter(choosable).order_by("title_sr")
        self.fields["accreditation"].queryset = (
            Accreditation.objects.filter(programme__in=programmes)
            .select_related("programme", "body")
            .order_by("programme__title_sr", "-valid_from")
        )
        self.fields["trainers"].queryset = people_for(organisation, trainers_only=True)
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise ValidationError(_("A training has room for at least one participant."))
        return capacity

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        programme, accreditation = cleaned.get("programme"), cleaned.get("accreditation")
        if programme and accreditation and accreditation.programme_id != programme.pk:
            self.add_error("accreditation", _("Choose an accreditation of the chosen programme."))
        return cleaned


class DayForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput())
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The day must end after it starts."))
        return cleaned


class BaseDayFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        dates = [
            form.cleaned_data["date"]
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        if not dates:
            raise ValidationError(_("Enter at least one day."))
        if len(set(dates)) != len(dates):
            raise ValidationError(_("Each date may appear only once."))

    def plans(self) -> list[DayPlan]:
        """The days as entered, in date order."""
        plans = [
            DayPlan(
                date=form.cleaned_data["date"],
                starts_at=form.cleaned_data.get("starts_at"),
                ends_at=form.cleaned_data.get("ends_at"),
                pk=form.cleaned_data.get("pk"),
            )
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        return sorted(plans, key=lambda p: p.date)


DayFormSet = forms.formset_factory(
    DayForm, formset=BaseDayFormSet, extra=1, can_delete=True, max_num=30, validate_max=True
)


def day_formset(data: Any, training: Training, *, blank_days: int = 2) -> BaseDayFormSet:
    """The days of a training as a formset; a new training starts with `blank_days` empty rows."""
    initial = [
        {"pk": d.pk, "date": d.date, "starts_at": d.starts_at, "ends_at": d.ends_at}
        for d in (training.days.all() if training.pk else [])
    ]
    formset = DayFormSet(data, initial=initial, prefix="days")
    if not initial:
        formset.extra = blank_days
    return formset


class AgendaItemForm(forms.Form):
    starts_at = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    title = forms.CharField(label=_("Session"), max_length=255)
    method = forms.CharField(
        label=_("Method"),
        max_length=200,
        required=False,
        help_text=_("For example: lecture, workshop, Social Barometer, case study."),
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, trainers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if trainers is not None:
            self.fields["trainer"].queryset = trainers

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned


class BaseAgendaFormSet(forms.BaseFormSet):
    def plans(self) -> list[AgendaPlan]:
        return [
            AgendaPlan(
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data.get("ends_at"),
                title=form.cleaned_data["title"],
                method=form.cleaned_data.get("method", ""),
                trainer=form.cleaned_data.get("trainer"),
            )
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=2,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


def agenda_formsets(data: Any, days: list[TrainingDay], trainers: Any) -> list[BaseAgendaFormSet]:
    """One agenda formset per day (prefix `day-<pk>`), filled with the day's sessions."""
    formsets = []
    for day in days:
        initial = [
            {
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "title": item.title,
                "method": item.method,
                "trainer": item.trainer_id,
            }
            for item in day.agenda_items.all()
        ]
        formset = AgendaFormSet(
            data,
            initial=initial,
            prefix=f"day-{day.pk}",
            form_kwargs={"trainers": trainers},
        )
        formset.day = day  # type: ignore[attr-defined]
        formsets.append(formset)
    return formsets


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=TrainingStatus.choices)


class SeasonFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *TrainingStatus.choices],
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]


class PrivacyNoticeForm(forms.Form):
    text_sr = forms.CharField(
        label=_("Text (Serbian)"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )
    text_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )

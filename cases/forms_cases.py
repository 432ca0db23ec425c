"""Forms of opening a case, the person's identity, the case's life, emergency access, the case
list's filters and the teams. Every message translatable; unknown codes are refused by the
choice fields, impossible dates and years here before a service sees them."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.codes import (
    CaseStatus,
    ClosureOutcome,
    ClosureReason,
    Country,
    Gender,
    Language,
    TraffickingStatus,
)
from cases.models import Person, Team
from cases.queries import persons_for, teams_for
from cases.queries.lists import case_managers_of, teams_of_member
from cases.services.lifecycle import EARLIEST_YEAR_OF_BIRTH, GLASS_REASON_MIN_LENGTH
from core.forms import DateInput, PlainSelect
from core.models import Organisation, User

DATE = DateInput()


def person_label(user: User) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class YearOfBirthField(forms.IntegerField):
    """A year between 1900 and this year."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Year of birth"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter the year of birth as a number, e.g. 2008.")}
        )
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        this_year = timezone.localdate().year
        if value is not None and not EARLIEST_YEAR_OF_BIRTH <= value <= this_year:
            raise forms.ValidationError(
                _("The year of birth must be between %(first)d and %(last)d."),
                params={"first": EARLIEST_YEAR_OF_BIRTH, "last": this_year},
            )


class PersonForm(forms.Form):
    """Who the person is (encrypted) and the facts statistics count."""

    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    aliases = forms.CharField(
        label=_("Other names and aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: nicknames, the name in the other script or as in a passport."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", "—"), *Gender.choices],
        error_messages={
            "required": _("Choose the person's gender (or “not specified”)."),
            "invalid_choice": _("Choose a gender from the list."),
        },
    )
    year_of_birth = YearOfBirthField(help_text=_("Leave empty when unknown."))
    citizenship = forms.ChoiceField(
        label=_("Citizenship"),
        choices=Country.choices,
        initial=Country.RS,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose languages from the list.")},
    )
    contact_details = forms.CharField(
        label=_("Contact details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    identity_documents = forms.CharField(
        label=_("Identity documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        born: date | None = cleaned.get("date_of_birth")
        if born is not None:
            if born > timezone.localdate():
                self.add_error("date_of_birth", _("The date of birth cannot be in the future."))
            elif born.year < EARLIEST_YEAR_OF_BIRTH:
                self.add_error("date_of_birth", _("Check the date of birth."))
            elif cleaned.get("year_of_birth") is None and "year_of_birth" not in self.errors:
                cleaned["year_of_birth"] = born.year
            elif cleaned.get("year_of_birth") != born.year:
                self.add_error(
                    "year_of_birth", _("The year of birth differs from the date of birth.")
                )
        return cleaned

    def identity(self) -> dict[str, Any]:
        """The cleaned identity and facts, as the services take them."""
        fields = [
            "given_name",
            "family_name",
            "aliases",
            "date_of_birth",
            "contact_details",
            "identity_documents",
            "gender",
            "year_of_birth",
            "citizenship",
            "languages",
        ]
        return {name: self.cleaned_data[name] for name in fields}


class PersonEditForm(PersonForm):
    def __init__(self, *args: Any, opened_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opened_on = opened_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        year = cleaned.get("year_of_birth")
        if year is not None and year > self.opened_on.year:
            self.add_error(
                "year_of_birth", _("The year of birth cannot be after the year the case opened.")
            )
        return cleaned

    @classmethod
    def initial_of(cls, person: Person) -> dict[str, Any]:
        return {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "aliases": person.aliases,
            "date_of_birth": person.date_of_birth or None,
            "gender": person.gender,
            "year_of_birth": person.year_of_birth,
            "citizenship": person.citizenship,
            "languages": person.languages,
            "contact_details": person.contact_details,
            "identity_documents": person.identity_documents,
        }


class OpenCaseForm(PersonForm):
    """A new case: the person (or one found by the duplicate check), the opening date, the team."""

    field_order = ["given_name", "family_name", "aliases", "year_of_birth", "date_of_birth"]

    minor = forms.BooleanField(
        label=_("A minor"),
        required=False,
        help_text=_("Tick when the year of birth is unknown but the person is under 18."),
    )
    opened_on = forms.DateField(
        label=_("Opened on"),
        widget=DATE,
        error_messages={
            "required": _("Enter the date the case is opened."),
            "invalid": _("Enter a date, e.g. 2026-03-02."),
        },
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your teams.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        teams = teams_of_member(organisation, user)
        field = self.fields["team"]
        field.queryset = teams  # type: ignore[attr-defined]
        choices = list(teams)
        if len(choices) == 1:
            field.initial = choices[0].pk
            field.empty_label = None  # type: ignore[attr-defined]
        self.fields["opened_on"].initial = timezone.localdate()
        self.person: Person | None = None

    def clean_opened_on(self) -> date:
        opened_on: date = self.cleaned_data["opened_on"]
        if opened_on > timezone.localdate():
            raise forms.ValidationError(_("The opening date cannot be in the future."))
        return opened_on

    def _existing_person(self) -> None:
        """The person chosen in the duplicate check (`existing_person`, a radio of the similar
        persons shown), which must be one of the organisation's."""
        raw = str(self.data.get("existing_person", "")).strip()
        if not raw:
            return
        self.person = (
            persons_for(self.organisation).filter(pk=int(raw)).first()
            if raw.isdigit() and len(raw) < 10
            else None
        )
        if self.person is None:
            self.add_error(None, _("The person chosen is not one of your organisation's."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._existing_person()
        year = cleaned.get("year_of_birth")
        opened_on = cleaned.get("opened_on")
        if year is not None and opened_on is not None and year > opened_on.year:
            self.add_error(
                "year_of_birth", _("The year of birth cannot be after the year the case opens.")
            )
        names = (cleaned.get("given_name") or "") + (cleaned.get("family_name") or "")
        if not self.data.get("existing_person") and not names.strip():
            self.add_error("family_name", _("Enter the person's given or family name."))
        return cleaned


class DuplicateQueryForm(forms.Form):
    """What the duplicate check looks for: names and a year of birth."""

    given_name = forms.CharField(max_length=100, required=False)
    family_name = forms.CharField(max_length=100, required=False)
    aliases = forms.CharField(max_length=2000, required=False)
    year_of_birth = YearOfBirthField()


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", "—"), *ClosureReason.choices],
        error_messages={
            "required": _("Choose why the case is closed."),
            "invalid_choice": _("Choose a reason from the list."),
        },
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "—"), *ClosureOutcome.choices],
        error_messages={
            "required": _("Choose the outcome."),
            "invalid_choice": _("Choose an outcome from the list."),
        },
    )
    closed_on = forms.DateField(
        label=_("Closed on"),
        widget=DATE,
        error_messages={
            "required": _("Enter the date the case is closed."),
            "invalid": _("Enter a date, e.g. 2026-03-02."),
        },
    )
    note = forms.CharField(
        label=_("Closing note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, opened_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opened_on = opened_on
        self.fields["closed_on"].initial = timezone.localdate()

    def clean_closed_on(self) -> date:
        closed_on: date = self.cleaned_data["closed_on"]
        if closed_on > timezone.localdate():
            raise forms.ValidationError(_("The closing date cannot be in the future."))
        if closed_on < self.opened_on:
            raise forms.ValidationError(_("The closing date cannot be before the case was opened."))
        return closed_on


class AssignForm(forms.Form):
    case_manager = UserChoiceField(
        label=_("Case manager"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a case manager."),
            "invalid_choice": _("Choose a case manager of your organisation."),
        },
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your organisation's teams.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = case_managers_of(organisation)  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams_for(organisation)  # type: ignore[attr-defined]


class GlassBreakForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need to open this case now"),
        min_length=GLASS_REASON_MIN_LENGTH,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the administrators read it."),
        error_messages={
            "required": _("Say why you need to open this case."),
            "min_length": _("Say why in a few words (at least %(limit_value)d characters)."),
        },
    )


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    identification = forms.ChoiceField(
        label=_("Identification"), required=False, widget=PlainSelect
    )
    year = forms.IntegerField(
        label=_("Year opened"),
        required=False,
        min_value=1990,
        max_value=2999,
        error_messages={"invalid": _("Enter a year, e.g. 2026.")},
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any")), *CaseStatus.choices]  # type: ignore[attr-defined]
        self.fields["identification"].choices = [("", _("Any")), *TraffickingStatus.choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Team name"),
        max_length=100,
        error_messages={"required": _("Give the team a name.")},
    )


class TeamMembersForm(forms.Form):
    members = UsersChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose case managers of your organisation.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = case_managers_of(organisation)  # type: ignore[attr-defined]

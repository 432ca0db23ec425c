"""The public registration form: who the participant is, where they work, and their consent."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.models import Institution, InstitutionType, Organisation, institution_key
from core.scripts import normalise_for_search
from training.models import Script
from training.services.registration import NewInstitution

REQUIRED = {"required": _("Please fill in this field.")}


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            **REQUIRED,
            "invalid": _("Enter a valid e-mail address, e.g. name@school.rs."),
        },
        help_text=_("Your confirmation and the link to your registration are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    profession = forms.CharField(
        label=_("Profession"),
        max_length=200,
        error_messages=REQUIRED,
        help_text=_("For example: class teacher, school psychologist, social worker."),
    )
    institution_name = forms.CharField(
        label=_("Institution"),
        max_length=200,
        error_messages=REQUIRED,
        help_text=_(
            "Start typing and choose your institution from the list. If it is not there, give its type and municipality below."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-institution-search": ""}),
    )
    institution = forms.IntegerField(required=False, widget=forms.HiddenInput)
    institution_type = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", "—"), *InstitutionType.choices],
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    script = forms.ChoiceField(
        label=_("Script for your certificate and e-mails"),
        choices=Script.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice above and agree to my data being used as it describes."
        ),
        error_messages={"required": _("Registration needs your consent to the privacy notice.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["institution"].widget.attrs["data-institution-id"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = (data.get("institution_name") or "").strip()
        if not name:
            return data
        data["institution"] = self._chosen_institution(
            data.get("institution"), name
        ) or self._typed_institution(name, data)
        return data

    def _chosen_institution(self, pk: int | None, name: str) -> Institution | None:
        """The institution picked from the list, as long as its name was not typed over since."""
        if not pk:
            return None
        chosen = Institution.objects.filter(organisation=self.organisation, pk=pk).first()
        if chosen is None or normalise_for_search(chosen.name) != normalise_for_search(name):
            return None
        return chosen

    def _typed_institution(
        self, name: str, data: dict[str, Any]
    ) -> Institution | NewInstitution | None:
        municipality = (data.get("municipality") or "").strip()
        if not municipality:
            self.add_error(
                "municipality",
                _("Choose your institution from the list, or give its municipality (and type)."),
            )
            return None
        known = Institution.objects.filter(
            organisation=self.organisation, search_key=institution_key(name, municipality)
        ).first()
        if known is not None:
            return known
        kind = data.get("institution_type")
        if not kind:
            self.add_error("institution_type", _("Choose the type of your institution."))
            return None
        return NewInstitution(name=name, type=kind, municipality=municipality)

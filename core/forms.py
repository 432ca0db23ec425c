"""Forms of the core app; every message translatable."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import (
    AuditAction,
    Institution,
    InstitutionType,
    Organisation,
    Person,
    Role,
    User,
    institution_key,
)
from core.queries import user_by_username


class OrganisationSwitchForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any")), *AuditAction.choices]
    )
    object_type = forms.CharField(label=_("Record type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SecondFactorForm(forms.Form):
    """One code from the authenticator app, checked against the device (throttled by django-otp)."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then enter the current code."),
                code="throttled",
            )
        # A wrong code (or anything not a number) counts towards the device's throttling.
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not correct. Enter the code your app shows now."), code="invalid"
            )
        return token


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Roles"))
        super().__init__(choices=Role.choices, **kwargs)


class MemberAddForm(forms.Form):
    """A new member: a new account, or an existing username that only gains the roles."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_(
            "To add someone who already has an account (for example in a partner organisation), "
            "enter their username and the e-mail address of that account; their name, e-mail and "
            "password stay as they are."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = RolesField()
    password = forms.CharField(
        label=_("Temporary password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Needed for a new account. Give it to the person in person; at least 10 characters."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        username = data.get("username")
        if username and user_by_username(username) is None:
            password = data.get("password") or ""
            if not password:
                self.add_error("password", _("A new account needs a temporary password."))
            else:
                candidate = User(
                    username=username,
                    first_name=data.get("first_name", ""),
                    last_name=data.get("last_name", ""),
                    email=data.get("email", ""),
                )
                try:
                    password_validation.validate_password(password, candidate)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return data


class MemberRolesForm(forms.Form):
    roles = RolesField(
        help_text=_("To take every role away, use “Remove from organisation” below.")
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class InstitutionFilterForm(DirectorySearchForm):
    type = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", _("All types")), *InstitutionType.choices],
    )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "profession",
            "institution",
            "is_trainer",
        ]
        help_texts = {"is_trainer": _("Trainers can be chosen for trainings and agenda sessions.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisation's own institutions: another's id is "not one of the choices".
        self.fields["institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("name", "municipality")


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["name", "type", "municipality"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        if name and municipality:
            same = Institution.objects.filter(
                organisation=self.organisation,
                search_key=institution_key(name, municipality),
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "name",
                    _("The directory already has this institution in this municipality."),
                )
        return cleaned


class PlainSelect(forms.Select):
    """A <select> whose options are written in Python, not each through a template: Django's
    per-option rendering costs milliseconds on pages reloaded all shift long (list filters)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class DateInput(forms.DateInput):
    """A browser date picker; the value in ISO form, as the picker expects it."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def blank_first(choices: Any, blank: Any = "—") -> list[tuple[str, Any]]:
    """Choices with an empty first option (a select that starts unchosen)."""
    return [("", blank), *choices]


def not_in_the_future(value: date | None) -> date | None:
    """A date field's validator: nothing after today (in the organisation's time zone)."""
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."), code="future")
    return value

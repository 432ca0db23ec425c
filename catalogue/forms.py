"""Forms of the catalogue: staff forms for bodies, programmes and accreditations; the public
enquiry form."""

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    Accreditation,
    AccreditingBody,
    EnquiryStatus,
    InstitutionType,
    Programme,
    ProgrammeStatus,
    Sector,
)
from core.forms import DateInput
from core.models import Organisation

MAX_DECISION_FILE_BYTES = 10 * 1024 * 1024

# The first bytes each accepted file type starts with; the extension must agree with them.
_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_decision_file(upload: UploadedFile) -> None:
    """A scanned decision must be a real PDF, JPEG or PNG of at most 10 MB."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in _SIGNATURES:
        raise ValidationError(_("Upload a PDF, JPEG or PNG file."), code="file_type")
    if upload.size is not None and upload.size > MAX_DECISION_FILE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="file_size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(_SIGNATURES[suffix]):
        raise ValidationError(
            _("The file's content is not a %(type)s document."),
            code="file_content",
            params={"type": suffix.lstrip(".").upper()},
        )


def _https_urls(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AccreditingBodyForm(forms.ModelForm):
    class Meta:
        model = AccreditingBody
        fields = ["name_sr", "name_en", "website"]
        formfield_callback = _https_urls

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name_sr(self) -> str:
        name = self.cleaned_data["name_sr"].strip()
        duplicates = AccreditingBody.objects.filter(organisation=self.organisation, name_sr=name)
        if duplicates.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Your organisation already has a body with this name."))
        return name


class ProgrammeForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Audience sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        fields = [
            "title_sr",
            "title_en",
            "summary_sr",
            "summary_en",
            "sectors",
            "professions_sr",
            "professions_en",
            "format",
            "duration_days",
            "duration_hours",
            "general_objectives_sr",
            "general_objectives_en",
            "specific_objectives_sr",
            "specific_objectives_en",
            "topics_sr",
            "topics_en",
            "certificate_rule",
            "certificate_needs_post_test",
            "status",
        ]
        widgets = {
            "summary_sr": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["sectors"] = [a.sector for a in self.instance.audiences.all()]
        self.fields["duration_days"].min_value = 1
        self.fields["duration_days"].widget.attrs["min"] = 1
        # A form sent without the rule (older clients, imports) keeps the programme's rule.
        self.fields["certificate_rule"].required = False

    def clean_certificate_rule(self) -> str:
        return self.cleaned_data["certificate_rule"] or self.instance.certificate_rule

    def clean_certificate_needs_post_test(self) -> bool:
        # An unticked box is simply absent, so only a form that carries the rule (the form as
        # shown today) can untick it; older clients that send neither keep the current setting.
        if "certificate_rule" not in self.data:
            return self.instance.certificate_needs_post_test
        return bool(self.cleaned_data["certificate_needs_post_test"])

    def clean_duration_days(self) -> int:
        days = self.cleaned_data["duration_days"]
        if days < 1:
            raise ValidationError(_("A programme lasts at least one day."))
        return days

    def clean_duration_hours(self) -> Any:
        hours = self.cleaned_data["duration_hours"]
        if hours is not None and hours <= 0:
            raise ValidationError(_("Enter a number of hours greater than zero."))
        return hours


class AccreditationForm(forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = [
            "body",
            "decision_number",
            "decision_date",
            "valid_from",
            "valid_until",
            "cpd_points",
            "category",
            "decision_file",
        ]
        widgets = {
            "decision_date": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "decision_file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
            ),
        }
        help_texts = {"decision_file": _("PDF, JPEG or PNG, at most 10 MB.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisation's own bodies: another's id is "not one of the available choices".
        self.fields["body"].queryset = AccreditingBody.objects.filter(
            organisation=organisation
        ).order_by("name_sr")
        self.fields["decision_file"].validators.append(validate_decision_file)

    def clean_cpd_points(self) -> Any:
        points = self.cleaned_data.get("cpd_points")
        if points is not None and points < 0:
            raise ValidationError(_("CPD points cannot be negative."))
        return points

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until <= valid_from:
            self.add_error("valid_until", _("The end of validity must come after its start."))
        body, number = cleaned.get("body"), cleaned.get("decision_number")
        if body and number:
            same = Accreditation.objects.filter(body=body, decision_number=number)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "decision_number",
                    _("This body already has a decision with this number."),
                )
        return cleaned


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProgrammeStatus.choices],
    )


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("For professionals in"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("All organisations")),
            *((o.slug, o.name) for o in organisations),
        ]


class EnquiryForm(forms.Form):
    institution_name = forms.CharField(label=_("Institution"), max_length=200)
    institution_type = forms.ChoiceField(
        label=_("Type of institution"), choices=[("", "---------"), *InstitutionType.choices]
    )
    municipality = forms.CharField(label=_("Municipality or city"), max_length=100)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: how many participants, which period suits you."),
    )


class EnquiryStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EnquiryStatus.choices)


class EnquiryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *EnquiryStatus.choices]
    )

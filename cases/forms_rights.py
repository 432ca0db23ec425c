"""The erasure form: the case code typed again, so that nobody erases a person by one click."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    """Confirm the erasure of the person's data by typing the case's code."""

    code = forms.CharField(
        label=_("Type the case code to confirm"),
        max_length=20,
        error_messages={"required": _("Type the case code to confirm the erasure.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, case_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_code = case_code
        self.fields["code"].help_text = _("The code of this case is %(code)s.") % {
            "code": case_code
        }

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if code.casefold() != self.case_code.casefold():
            raise forms.ValidationError(
                _("This is not the code of this case. Type %(code)s to confirm."),
                params={"code": self.case_code},
            )
        return code

"""The forms of a hand-over: the consultant's request and the case manager's decision."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

REASON_MAX_LENGTH = 2000


class HandoverRequestForm(forms.Form):
    """Why the person needs a direct-assistance case (kept encrypted)."""

    reason = forms.CharField(
        label=_("Why a case is needed"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person needs and what has been agreed with them."),
    )


class HandoverDecisionForm(forms.Form):
    """Open the case, or decline the hand-over with a reason."""

    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Open a case")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to open a case or decline.")},
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline; the consultant reads it on the contact."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == self.DECLINE
            and not cleaned.get("decline_reason", "").strip()
        ):
            self.add_error("decline_reason", _("Say why the hand-over is declined."))
        return cleaned

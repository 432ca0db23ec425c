"""The forms of consent and referrals: recording and withdrawing a consent, making a referral,
recording an institution's answer, and a partner organisation's answer to a referral."""

from datetime import date
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cases.codes import (
    ConsentPurpose,
    LegalBasis,
    ReferralDirection,
    ReferralReason,
    ReferralStatus,
)
from cases.models import Case, Consent
from cases.services.consents import partner_organisations
from core.forms import DateInput, blank_first, not_in_the_future
from core.models import Organisation

TEXT_MAX_LENGTH = 4000


def _choice(label: Any, choices: Any, required_message: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=blank_first(choices),
        error_messages={
            "required": required_message,
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )


class PartnerChoiceField(forms.ModelChoiceField):
    def __init__(self, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(
            queryset=partner_organisations(organisation),
            required=False,
            label=_("Partner organisation"),
            empty_label="—",
            error_messages={
                "invalid_choice": _("Choose one of the partner organisations in the list.")
            },
            **kwargs,
        )


class ConsentForm(forms.Form):
    """A consent for one purpose; consent to sharing names its one recipient."""

    purpose = _choice(_("Purpose"), ConsentPurpose.choices, _("Choose what the consent is for."))
    institution_name = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        help_text=_(
            "For sharing: the partner organisation above, or the name of another institution."
        ),
    )
    legal_basis = _choice(_("Legal basis"), LegalBasis.choices, _("Choose the legal basis."))
    given_on = forms.DateField(
        label=_("Given on"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date the consent was given.")},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = PartnerChoiceField(case.organisation)
        # Keep the recipient fields together, after the purpose.
        order = ["purpose", "partner", "institution_name", "legal_basis", "given_on"]
        self.order_fields(order)

    def clean_given_on(self) -> date | None:
        return not_in_the_future(self.cleaned_data.get("given_on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        purpose = cleaned.get("purpose")
        partner = cleaned.get("partner")
        institution = (cleaned.get("institution_name") or "").strip()
        if purpose == ConsentPurpose.SHARING:
            if partner is None and not institution:
                self.add_error(
                    "partner", _("Name who may receive the data: a partner or an institution.")
                )
            elif partner is not None and institution:
                self.add_error(
                    "institution_name",
                    _("Name one recipient: a partner organisation or an institution."),
                )
        elif purpose and (partner is not None or institution):
            self.add_error("partner", _("Only consent to sharing names a recipient."))
        return cleaned


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date the consent was withdrawn.")},
    )

    def clean_withdrawn_on(self) -> date | None:
        return not_in_the_future(self.cleaned_data.get("withdrawn_on"))


class SharingConsentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consent) -> str:
        recipient = obj.partner.name if obj.partner else obj.institution_name
        return str(
            _("%(recipient)s (given on %(date)s)")
            % {
                "recipient": recipient,
                "date": formats.date_format(obj.given_on, "SHORT_DATE_FORMAT"),
            }
        )


class ReferralForm(forms.Form):
    """A referral by us to a partner organisation or an institution, or to us by one."""

    direction = _choice(_("Direction"), ReferralDirection.choices, _("Choose who referred whom."))
    institution_name = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        help_text=_("Any other institution, by name (or the partner organisation above)."),
    )
    reason_code = _choice(
        _("Reason"), ReferralReason.choices, _("Choose the reason for the referral.")
    )
    reason = forms.CharField(
        label=_("Reason in detail (case team only)"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shared_summary = forms.CharField(
        label=_("What is referred"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed for a partner organisation: the only text its users will see. Write no name."
        ),
    )
    sent_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date of the referral.")},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = PartnerChoiceField(case.organisation)
        self.fields["consent"] = SharingConsentField(
            queryset=Consent.objects.filter(
                case=case, purpose=ConsentPurpose.SHARING, withdrawn_on__isnull=True
            ).select_related("partner"),
            required=False,
            label=_("Consent to share"),
            empty_label="—",
            help_text=_("Needed for a partner organisation: the person's consent naming it."),
            error_messages={
                "invalid_choice": _("Choose one of this case's active consents to sharing.")
            },
        )
        self.order_fields(
            [
                "direction",
                "partner",
                "institution_name",
                "consent",
                "reason_code",
                "reason",
                "shared_summary",
                "sent_on",
            ]
        )

    def clean_sent_on(self) -> date | None:
        return not_in_the_future(self.cleaned_data.get("sent_on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        direction = cleaned.get("direction")
        partner = cleaned.get("partner")
        institution = (cleaned.get("institution_name") or "").strip()
        consent = cleaned.get("consent")
        if direction == ReferralDirection.INCOMING:
            if partner is not None:
                self.add_error("partner", _("A partner organisation refers through Putokaz."))
            if not institution:
                self.add_error(
                    "institution_name", _("Name the institution that referred the person to us.")
                )
        elif direction == ReferralDirection.OUTGOING:
            if partner is None and not institution:
                self.add_error(
                    "partner", _("Choose a partner organisation or name an institution.")
                )
            elif partner is not None and institution:
                self.add_error(
                    "institution_name",
                    _("Refer to one partner organisation or one institution, not both."),
                )
            elif partner is not None:
                if consent is None or consent.partner_id != partner.pk:
                    self.add_error(
                        "consent",
                        _(
                            "A referral to a partner organisation needs the person's consent "
                            "to share with that organisation."
                        ),
                    )
                if not (cleaned.get("shared_summary") or "").strip():
                    self.add_error(
                        "shared_summary",
                        _("Write what is referred: it is all the partner organisation will see."),
                    )
        return cleaned


class ReferralStatusForm(forms.Form):
    """The answer of an institution, recorded by the team, or the team withdrawing."""

    status = _choice(
        _("New status"),
        [
            (s.value, s.label)
            for s in (
                ReferralStatus.ACCEPTED,
                ReferralStatus.DECLINED,
                ReferralStatus.COMPLETED,
                ReferralStatus.WITHDRAWN,
            )
        ],
        _("Choose the new status."),
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralAnswerForm(forms.Form):
    """A partner organisation's answer: accept, decline or complete (the last two with feedback)."""

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (ReferralStatus.ACCEPTED.value, _("Accept")),
            (ReferralStatus.DECLINED.value, _("Decline")),
            (ReferralStatus.COMPLETED.value, _("Complete")),
        ],
        error_messages={
            "required": _("Choose your answer."),
            "invalid_choice": _("Choose to accept, decline or complete the referral."),
        },
    )
    feedback = forms.CharField(
        label=_("Feedback for the case manager"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline or complete the referral. Write no name."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED)
            and not (cleaned.get("feedback") or "").strip()
        ):
            self.add_error("feedback", _("Write a word of feedback for the case manager."))
        return cleaned

"""Forms of anonymous online reports: the reporter's report, sign-in and added information, and
the consultant's reply.

Nothing identifying is required. Every field is a CharField, whose ProhibitNullCharactersValidator
refuses NUL characters (PostgreSQL cannot store them) with a message instead of a 500.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

MAX_TEXT_LENGTH = 10_000
# The spam trap: a field people never see (hidden off-screen and from assistive technology),
# which bots fill in. Its name invites a bot; the view checks it before anything else.
HONEYPOT_FIELD = "website"

_phone_characters = RegexValidator(
    r"^[0-9+()/.\- ]*$",
    _("A phone number has only digits, spaces and + ( ) / - ."),
)


class OnlineReportForm(forms.Form):
    """What the reporter saw, and optionally how the organisation can reach them."""

    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe what you saw or heard: who was involved, what they were made to do, "
            "anything that worried you."
        ),
    )
    where = forms.CharField(
        label=_("Where?"),
        max_length=300,
        required=False,
        help_text=_("A town, an address, a website or a phone number, if you know it."),
    )
    when = forms.CharField(
        label=_("When?"),
        max_length=200,
        required=False,
        help_text=_("In your own words, e.g. “last Friday night” or “since March”."),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, required=False, widget=forms.TextInput()
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=40,
        required=False,
        validators=[_phone_characters],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    CONTACT_FIELDS = ("name", "phone", "email")

    def report_fields(self) -> list[forms.BoundField]:
        """The fields about what happened (the first section of the form)."""
        return [self[name] for name in self.fields if name not in self.CONTACT_FIELDS]

    def contact_fields(self) -> list[forms.BoundField]:
        """The optional "how can we reach you" section."""
        return [self[name] for name in self.CONTACT_FIELDS]


class ReportSignInForm(forms.Form):
    """The reference and passphrase the reporter wrote down."""

    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        max_length=80,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "autocapitalize": "characters"}
        ),
        help_text=_("Upper- or lower-case letters, with or without the dashes."),
    )


class ReportMessageForm(forms.Form):
    """More information from the reporter, or a consultant's reply to the reporter."""

    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: object, label: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if label:
            self.fields["body"].label = label

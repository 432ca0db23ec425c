"""Forms of the attendance screens."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from training.models import AttendanceSource, Registration
from training.services.attendance import MANUAL_SOURCES


class RollCallForm(forms.Form):
    """Who is present (one checkbox per confirmed participant) and how it was taken."""

    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Someone ticked is not a confirmed participant of this training "
                "(perhaps their registration was just cancelled). Nothing was saved."
            )
        },
    )
    source = forms.ChoiceField(
        label=_("How was attendance taken?"),
        choices=[(value, AttendanceSource(value).label) for value in MANUAL_SOURCES],
        initial=AttendanceSource.ROLL_CALL,
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: object, participants: Sequence[Registration], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["present"].choices = [(str(p.pk), p.full_name) for p in participants]  # type: ignore[attr-defined]

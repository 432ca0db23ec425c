"""The forms of the assistance given on a case: a needs assessment (every domain on one page),
a support plan with its goals, a service delivered, a note and a document.

Dates are checked against today and the day the case was opened, so a wrong date is a message
on its field, never a refusal after the fact.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.codes import GoalStatus, NeedDomain, NeedRating, ServiceKind
from cases.models import Case, PlanGoal, SupportPlan
from cases.services import assistance as service
from core.forms import DateInput, blank_first

NOTE_MAX_LENGTH = 5000
TEXT_MAX_LENGTH = 2000


class CaseDateForm(forms.Form):
    """A form with one date that cannot be in the future or before the case was opened."""

    date_field = ""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case

    def _clean_case_date(self) -> date | None:
        value: date | None = self.cleaned_data.get(self.date_field)
        if value is None:
            return value
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."), code="future")
        if value < self.case.opened_on:
            raise forms.ValidationError(
                _("This date is before the case was opened (%(opened)s)."),
                code="before_case",
                params={"opened": self.case.opened_on.strftime("%d.%m.%Y")},
            )
        return value


class NeedsAssessmentForm(CaseDateForm):
    """Every domain's need on one date: a rating (required) and a note (optional)."""

    date_field = "assessed_on"
    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        for domain, label in NeedDomain.choices:
            self.fields[f"rating_{domain}"] = forms.TypedChoiceField(
                label=label,
                choices=NeedRating.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Rate the need in this domain."),
                    "invalid_choice": _("Choose one of the ratings."),
                },
            )
            self.fields[f"note_{domain}"] = forms.CharField(
                label=_("Note on %(domain)s") % {"domain": label},
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_assessed_on(self) -> date | None:
        return self._clean_case_date()

    def domains(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(label, rating field, note field) of each domain, for the template."""
        return [
            (str(label), self[f"rating_{domain}"], self[f"note_{domain}"])
            for domain, label in NeedDomain.choices
        ]

    def ratings(self) -> dict[str, tuple[int, str]]:
        return {
            domain: (self.cleaned_data[f"rating_{domain}"], self.cleaned_data[f"note_{domain}"])
            for domain in NeedDomain.values
        }


class SupportPlanForm(CaseDateForm):
    date_field = "agreed_on"
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())
    review_on = forms.DateField(
        label=_("Review on"),
        required=False,
        widget=DateInput(),
        help_text=_("When the plan is reviewed with the person; after the date it was agreed."),
    )
    person_view = forms.CharField(
        label=_("The person's own view"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person wants and thinks of the plan, in their words."),
    )

    def clean_agreed_on(self) -> date | None:
        return self._clean_case_date()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agreed_on, review_on = cleaned.get("agreed_on"), cleaned.get("review_on")
        if agreed_on and review_on and review_on <= agreed_on:
            self.add_error("review_on", _("The review date must be after the agreed date."))
        return cleaned


class GoalForm(forms.Form):
    """One goal of a support plan. `agreed_on` (the plan's date) bounds the deadline."""

    domain = forms.ChoiceField(
        label=_("Domain"),
        choices=blank_first(NeedDomain.choices),
        error_messages={
            "required": _("Choose the domain of the goal."),
            "invalid_choice": _("Choose one of the domains."),
        },
    )
    goal = forms.CharField(
        label=_("Goal"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe the goal.")},
    )
    activities = forms.CharField(
        label=_("Activities"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(
        label=_("Responsible person or institution"),
        max_length=PlanGoal._meta.get_field("responsible").max_length,
        required=False,
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args: Any, agreed_on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreed_on = agreed_on

    def clean_deadline(self) -> date | None:
        deadline: date | None = self.cleaned_data.get("deadline")
        if deadline is not None and self.agreed_on is not None and deadline < self.agreed_on:
            raise forms.ValidationError(
                _("The deadline is before the date the plan was agreed."), code="before_plan"
            )
        return deadline


def cleaned_goals(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The goals of a valid goal formset, without the rows left empty."""
    return [form.cleaned_data for form in formset.forms if form.has_changed()]


NewPlanGoals = forms.formset_factory(
    GoalForm,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=service.MAX_GOALS,
    validate_max=True,
)
MoreGoals = forms.formset_factory(GoalForm, extra=2, max_num=service.MAX_GOALS, validate_max=True)


class PlanEditForm(forms.Form):
    """The review date, the person's view and each goal's status of one plan."""

    review_on = SupportPlanForm.base_fields["review_on"]
    person_view = SupportPlanForm.base_fields["person_view"]

    def __init__(self, *args: Any, plan: SupportPlan, goals: list[PlanGoal], **kwargs: Any):
        kwargs.setdefault("initial", {"review_on": plan.review_on, "person_view": plan.person_view})
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.goals = goals
        for goal in goals:
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=_("Status of “%(goal)s”") % {"goal": goal.goal},
                choices=GoalStatus.choices,
                initial=goal.status,
                error_messages={"invalid_choice": _("Choose one of the statuses.")},
            )

    def clean_review_on(self) -> date | None:
        review_on: date | None = self.cleaned_data.get("review_on")
        if review_on is not None and review_on <= self.plan.agreed_on:
            raise forms.ValidationError(
                _("The review date must be after the agreed date."), code="before_plan"
            )
        return review_on

    def status_fields(self) -> list[tuple[PlanGoal, forms.BoundField]]:
        return [(goal, self[f"status_{goal.pk}"]) for goal in self.goals]

    def statuses(self) -> dict[int, str]:
        return {goal.pk: self.cleaned_data[f"status_{goal.pk}"] for goal in self.goals}


class ServiceForm(CaseDateForm):
    date_field = "delivered_on"
    kind = forms.ChoiceField(
        label=_("Service"),
        choices=blank_first(ServiceKind.choices),
        error_messages={
            "required": _("Choose the service."),
            "invalid_choice": _("Choose one of the services."),
        },
    )
    delivered_on = forms.DateField(label=_("Date"), widget=DateInput())
    provider = forms.CharField(
        label=_("Provided by"),
        max_length=200,
        required=False,
        help_text=_("The person or institution who gave the service."),
    )
    count = forms.IntegerField(
        label=_("Count"),
        min_value=1,
        max_value=service.MAX_SERVICE_COUNT,
        initial=1,
        help_text=_("Sessions, nights, visits … (1 to 999)."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_delivered_on(self) -> date | None:
        return self._clean_case_date()


class NoteForm(CaseDateForm):
    date_field = "written_on"
    written_on = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note.")},
    )

    def clean_written_on(self) -> date | None:
        return self._clean_case_date()


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the document a title.")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, DOCX, ODT or TXT, at most 10 MB. Stored encrypted."),
        error_messages={"required": _("Choose a file.")},
    )

    content = b""  # the file's bytes once the form is valid

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = service.MAX_DOCUMENT_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."),
                code="too_large",
                params={"size": f"{limit / 2**20:g}"},
            )
        data = upload.read()
        if service.document_type(upload.name or "", data) is None:
            raise forms.ValidationError(
                _("Only PDF, JPEG, PNG, DOCX, ODT and TXT files can be uploaded."), code="type"
            )
        self.content = data
        return upload

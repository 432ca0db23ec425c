"""The training report: participation and every learning area's results, on screen and as PDF,
in the language the coordinator chooses (the accrediting body and the donor read it)."""

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core.access import Capability, requires
from core.localisation import localised
from core.pdf import pdf_response, render_pdf
from learning.queries.report import participation, report_sections
from training.models import Training
from training.queries import trainings_for


class ReportLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _chosen_language(request: HttpRequest) -> tuple[ReportLanguageForm, str]:
    """The language form bound to the query string, and the language to write the report in:
    the chosen one, else the language of the interface."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    if "language" not in request.GET:
        return ReportLanguageForm(initial={"language": current}), current
    form = ReportLanguageForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["language"]
    return form, current


def _rendered_section(
    request: HttpRequest, training: Training, area: str, data: dict
) -> SafeString:
    """An area's partial rendered with its dict, reachable by the names a partial may use."""
    context: dict[str, Any] = {
        "training": training,
        "report": data,
        "section": data,
        "data": data,
        area: data,
        f"{area}_report": data,
        **data,
    }
    # The partial is project template code; its output is escaped HTML.
    return mark_safe(  # noqa: S308
        render_to_string(f"learning/{area}/report_section.html", context, request=request)
    )


def _report_context(request: HttpRequest, training: Training, language: str) -> dict[str, Any]:
    """Everything the report shows, rendered in the active language."""
    return {
        "training": training,
        "programme_title": localised(training.programme, "title", language),
        "participation": participation(training),
        "sections": [
            _rendered_section(request, training, section.area, section.data)
            for section in report_sections(training)
        ],
        "report_language": language,
    }


@requires(Capability.RUN_LEARNING)
def training_report(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    form, language = _chosen_language(request)
    with translation.override(language):
        context = _report_context(request, training, language)
        context["form"] = form
        return render(request, "learning/report/report.html", context)


@requires(Capability.RUN_LEARNING)
def training_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    _form, language = _chosen_language(request)
    with translation.override(language):
        context = _report_context(request, training, language)
    content = render_pdf("learning/report/report_pdf.html", context, language=language)
    return pdf_response(content, f"report-{training.slug}-{language}.pdf")

"""The coordinator's and trainer's screens: the season, each training with its days, agenda,
participants and exports, and the privacy notice participants consent to."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, requires
from core.directory import people_for
from core.exports import EXPORT_FORMATS, table_response
from core.localisation import localised
from core.models import AuditAction
from core.pdf import pdf_response, render_pdf
from core.services import audit_request, client_ip
from core.views import submitted_data
from training import forms
from training.models import (
    STATUS_TRANSITIONS,
    AgendaItem,
    RegistrationStatus,
    Training,
    TrainingStatus,
)
from training.queries import overview as queries
from training.queries import registrations_for, trainings_for
from training.services.privacy import current_privacy_notice, publish_privacy_notice
from training.services.registration import cancel_registration
from training.services.trainings import (
    StatusChangeRefused,
    TrainingRefused,
    change_status,
    save_agenda,
    save_training,
)

RECENT_LIMIT = 50


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


# --- The season ---------------------------------------------------------------------------------


@requires(Capability.VIEW_TRAININGS)
def season(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    filters = forms.SeasonFilterForm(request.GET, years=queries.season_years(organisation))
    filters.is_valid()  # an unknown year or status is ignored rather than refused
    trainings = queries.season_trainings(
        organisation,
        year=filters.cleaned_data.get("year"),
        status=filters.cleaned_data.get("status", ""),
    )
    today = timezone.localdate()
    recent = list(queries.recent_trainings(trainings, today)[: RECENT_LIMIT + 1])
    context = {
        "filters": filters,
        "upcoming": list(queries.upcoming_trainings(trainings, today)),
        "recent": recent[:RECENT_LIMIT],
        "more_recent": len(recent) > RECENT_LIMIT,
        "recent_limit": RECENT_LIMIT,
    }
    return render(request, "training/season.html", context)


# --- A training ---------------------------------------------------------------------------------


def _status_actions() -> list[tuple[str, str]]:
    """The buttons that move a training to each status, in the order of the flow."""
    return [
        (TrainingStatus.OPEN, _("Open registration")),
        (TrainingStatus.CLOSED, _("Close registration")),
        (TrainingStatus.HELD, _("Mark as held")),
        (TrainingStatus.REPORTED, _("Mark as reported")),
        (TrainingStatus.DRAFT, _("Back to draft")),
    ]


@requires(Capability.VIEW_TRAININGS)
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    overview = queries.training_overview(training)
    allowed = STATUS_TRANSITIONS.get(training.status, frozenset())
    next_statuses = [(s, label) for s, label in _status_actions() if s in allowed]
    public_url = request.build_absolute_uri(
        reverse("training:public_training", kwargs={"slug": training.slug})
    )
    context = {
        "training": training,
        "overview": overview,
        "next_statuses": next_statuses,
        "public_url": public_url,
        "today": timezone.localdate(),
    }
    return render(request, "training/training_detail.html", context)


@requires(Capability.MANAGE_TRAININGS)
def training_add(request: HttpRequest) -> HttpResponse:
    return _training_form(request, Training())


@requires(Capability.MANAGE_TRAININGS)
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _training_form(request, _training_or_404(request, pk))


def _training_form(request: HttpRequest, training: Training) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    data = submitted_data(request)
    form = forms.TrainingForm(data, instance=training, organisation=organisation)
    days = forms.day_formset(data, training)
    # Both are validated, so that every error shows at once.
    if request.method == "POST" and all([form.is_valid(), days.is_valid()]):
        try:
            training = save_training(
                form.save(commit=False),
                days=days.plans(),
                trainers=form.cleaned_data["trainers"],
                organisation=organisation,
                actor=request.user,  # type: ignore[arg-type]
                ip_address=client_ip(request),
            )
        except TrainingRefused as refusal:
            if refusal.field == "days":
                days.non_form_errors().append(refusal.message)  # type: ignore[attr-defined]
            else:
                form.add_error(
                    refusal.field if refusal.field in form.fields else None, refusal.message
                )
        else:
            messages.success(request, _("The training was saved."))
            return redirect("training:training_detail", pk=training.pk)
    return render(
        request, "training/training_form.html", {"form": form, "days": days, "training": training}
    )


@requires(Capability.MANAGE_TRAININGS)
@require_POST
def training_status(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered on the page."))
        return redirect("training:training_detail", pk=training.pk)
    try:
        change_status(
            training,
            form.cleaned_data["status"],
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    except StatusChangeRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The training is now “%(status)s”.")
            % {"status": TrainingStatus(training.status).label},
        )
    return redirect("training:training_detail", pk=training.pk)


# --- Agenda -------------------------------------------------------------------------------------


def _days_with_agenda(training: Training) -> list:
    items = AgendaItem.objects.select_related("trainer").order_by("starts_at", "pk")
    return list(training.days.prefetch_related(Prefetch("agenda_items", queryset=items)))


@requires(Capability.MANAGE_TRAININGS)
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    days = _days_with_agenda(training)
    trainers = people_for(request.organisation, trainers_only=True)  # type: ignore[attr-defined]
    data = submitted_data(request)
    formsets = forms.agenda_formsets(data, days, trainers)
    # Every day's formset is validated, so that all errors show at once.
    valid = [f.is_valid() for f in formsets]
    if request.method == "POST" and all(valid):
        save_agenda(
            training,
            {f.day: f.plans() for f in formsets},  # type: ignore[attr-defined]
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(request, _("The agenda was saved."))
        return redirect("training:training_detail", pk=training.pk)
    return render(
        request,
        "training/agenda_form.html",
        {"training": training, "formsets": formsets},
    )


@requires(Capability.VIEW_TRAININGS)
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    context = {
        "training": training,
        "programme_title": localised(training.programme, "title"),
        "days": _days_with_agenda(training),
        "trainers": list(training.trainers.all()),
    }
    content = render_pdf("training/agenda_pdf.html", context, language=translation.get_language())
    return pdf_response(content, f"agenda-{training.slug}.pdf")


# --- Participants -------------------------------------------------------------------------------


@requires(Capability.MANAGE_TRAININGS)
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        registrations_for(request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, _("This registration was already cancelled."))
    else:
        promoted = cancel_registration(
            registration,
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(
            request,
            _("The registration of %(name)s was cancelled.") % {"name": registration.full_name},
        )
        if promoted is not None:
            messages.info(
                request,
                _("%(name)s moved from the waitlist to a confirmed place and was e-mailed.")
                % {"name": promoted.full_name},
            )
    return redirect("training:training_detail", pk=registration.training_id)


def _check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise Http404


@requires(Capability.VIEW_TRAININGS)
def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    training = _training_or_404(request, pk)
    registrations = list(queries.active_registrations(training))
    headers = [
        _("Status"),
        _("First name"),
        _("Last name"),
        _("Institution"),
        _("Type of institution"),
        _("Municipality"),
        _("Profession"),
        _("E-mail"),
        _("Phone"),
        _("Script"),
        _("Language"),
        _("Registered"),
        _("Days attended"),
    ]
    rows = (
        [
            r.get_status_display(),
            r.first_name,
            r.last_name,
            r.institution.name if r.institution else "",
            r.institution.get_type_display() if r.institution else "",
            r.institution.municipality if r.institution else "",
            r.profession,
            r.email,
            r.phone,
            r.get_script_display(),
            r.get_language_display(),
            r.created_at,
            r.attended_days,
        ]
        for r in registrations
    )
    audit_request(
        request,
        AuditAction.EXPORT,
        obj=training,
        summary=f"participants exported as {fmt}: {len(registrations)} rows",
    )
    return table_response(
        fmt,
        filename=f"participants-{training.slug}",
        headers=headers,
        rows=rows,
        sheet_title=_("Participants"),
    )


@requires(Capability.VIEW_TRAININGS)
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    training = _training_or_404(request, pk)
    days, participants, present = queries.attendance_grid(training)
    headers = [
        _("First name"),
        _("Last name"),
        _("Institution"),
        *(f"{d.date:%d.%m.%Y}" for d in days),
        _("Days attended"),
    ]

    def row(registration):  # type: ignore[no-untyped-def]
        marks = [(registration.pk, d.pk) in present for d in days]
        return [
            registration.first_name,
            registration.last_name,
            registration.institution.name if registration.institution else "",
            *("✓" if mark else "" for mark in marks),
            sum(marks),
        ]

    audit_request(
        request,
        AuditAction.EXPORT,
        obj=training,
        summary=f"attendance exported as {fmt}: {len(participants)} rows, {len(days)} days",
    )
    return table_response(
        fmt,
        filename=f"attendance-{training.slug}",
        headers=headers,
        rows=(row(r) for r in participants),
        sheet_title=_("Attendance"),
    )


# --- Privacy notice -----------------------------------------------------------------------------


@requires(Capability.MANAGE_TRAININGS)
def privacy_notice(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    current = current_privacy_notice(organisation)
    initial = {"text_sr": current.text_sr, "text_en": current.text_en} if current else {}
    form = forms.PrivacyNoticeForm(submitted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        notice = publish_privacy_notice(
            organisation,
            form.cleaned_data["text_sr"],
            form.cleaned_data["text_en"],
            request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(
            request,
            _(
                "Version %(version)s of the privacy notice is published; new registrations consent to it."
            )
            % {"version": notice.version},
        )
        return redirect("training:privacy_notice")
    return render(
        request,
        "training/privacy_notice_form.html",
        {"form": form, "current": current},
    )

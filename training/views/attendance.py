"""Attendance screens: the trainer's roll call, the projector's rotating QR code with its live
count, the printable sign-in sheet, and the participant's self-check-in page."""

import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.access import Capability, requires
from core.pdf import pdf_response, render_pdf
from core.qr import qr_data_uri
from core.services import client_ip
from core.views import public, submitted_data
from training import attendance_forms
from training.models import Attendance, Registration, RegistrationStatus, Training, TrainingDay
from training.queries import attendance as queries
from training.queries import training_days_for
from training.services import attendance as services

# How often the projector asks for the current code and count; a code stays valid for two
# windows, so the screen may lag a few seconds behind the rotation.
SCREEN_REFRESH_SECONDS = 10
BLANK_SHEET_ROWS = 6
PENDING_KEY = "pending_check_in"
MY_REGISTRATIONS_KEY = "my_registrations"


def _day_or_404(request: HttpRequest, pk: int) -> TrainingDay:
    return get_object_or_404(
        training_days_for(request.organisation).select_related(  # type: ignore[attr-defined]
            "training__organisation", "training__accreditation"
        ),
        pk=pk,
    )


def _is_today(day: TrainingDay) -> bool:
    return day.date == timezone.localdate()


# --- Roll call ----------------------------------------------------------------------------------


@requires(Capability.RECORD_ATTENDANCE)
@require_http_methods(["GET", "HEAD", "POST"])
def roll_call(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(request, pk)
    participants = list(queries.roster(day))
    sources = queries.attendance_sources(day)
    form = attendance_forms.RollCallForm(
        submitted_data(request),
        participants=participants,
        initial={"present": [str(pk) for pk in sources]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.record_attendance(
                    day,
                    form.cleaned_data["present"],
                    source=form.cleaned_data["source"],
                    actor=request.user,  # type: ignore[arg-type]
                    ip_address=client_ip(request),
                )
            except services.AttendanceRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Attendance for %(date)s saved: %(count)d person present.",
                        "Attendance for %(date)s saved: %(count)d people present.",
                        result.present,
                    )
                    % {
                        "date": formats.date_format(day.date, "DATE_FORMAT"),
                        "count": result.present,
                    },
                )
                return redirect("training:roll_call", pk=day.pk)
        status = 400
    ticked = {int(value) for value in form["present"].value() or [] if str(value).isdigit()}
    rows = [
        {
            "registration": participant,
            "checked": participant.pk in ticked,
            "source": sources.get(participant.pk),
        }
        for participant in participants
    ]
    context = {"day": day, "training": day.training, "form": form, "rows": rows}
    return render(request, "training/attendance/roll_call.html", context, status=status)


# --- Projector screen ---------------------------------------------------------------------------


def _check_in_state(day: TrainingDay) -> dict[str, Any]:
    code = services.current_check_in_code(day)
    path = reverse("training:self_check_in", args=[day.training.slug, code])
    url = settings.SITE_URL.rstrip("/") + path
    checked_in = queries.check_in_count(day)
    confirmed = queries.confirmed_count(day)
    return {
        "code": code,
        "url": url,
        "data_uri": qr_data_uri(url, scale=10),
        "checked_in": checked_in,
        "confirmed": confirmed,
        "summary": ngettext(
            "%(checked_in)d of %(confirmed)d participant checked in",
            "%(checked_in)d of %(confirmed)d participants checked in",
            confirmed,
        )
        % {"checked_in": checked_in, "confirmed": confirmed},
    }


@requires(Capability.RECORD_ATTENDANCE)
@require_safe
def check_in_screen(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(request, pk)
    context: dict[str, Any] = {
        "day": day,
        "training": day.training,
        "is_today": _is_today(day),
        "refresh_seconds": SCREEN_REFRESH_SECONDS,
    }
    if context["is_today"]:
        context["state"] = _check_in_state(day)
    return render(request, "training/attendance/check_in_screen.html", context)


@requires(Capability.RECORD_ATTENDANCE)
@require_safe
@never_cache
def check_in_code(request: HttpRequest, pk: int) -> JsonResponse:
    day = _day_or_404(request, pk)
    state = _check_in_state(day)
    state["open"] = _is_today(day)
    return JsonResponse(state)


# --- Sign-in sheet ------------------------------------------------------------------------------


@requires(Capability.RECORD_ATTENDANCE)
@require_safe
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day_or_404(request, pk)
    context = sign_in_sheet_context(day)
    pdf = render_pdf("training/attendance/sign_in_sheet_pdf.html", context)
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", day.training.slug)
    filename = f"sign-in-sheet-{slug}-{day.date.isoformat()}.pdf"
    return pdf_response(pdf, filename)


def sign_in_sheet_context(day: TrainingDay) -> dict[str, Any]:
    """What the sign-in sheet shows: the day, its training and a numbered row per participant."""
    participants = list(queries.roster(day))
    return {
        "day": day,
        "training": day.training,
        "organisation": day.training.organisation,
        "participants": participants,
        "blank_rows": range(len(participants) + 1, len(participants) + 1 + BLANK_SHEET_ROWS),
    }


# --- Participant's self-check-in ----------------------------------------------------------------


def _my_registrations(request: HttpRequest, training: Training) -> list[Registration]:
    """The registrations of this training whose links were opened in this browser."""
    ids = [pk for pk in request.session.get(MY_REGISTRATIONS_KEY, []) if isinstance(pk, int)]
    if not ids:
        return []
    return list(
        Registration.objects.filter(pk__in=ids, training=training, anonymised_at__isnull=True)
        .select_related("training")
        .order_by("first_name", "pk")
    )


def _pending_scan(request: HttpRequest, training: Training, code: str) -> datetime | None:
    """When this browser scanned this code, if it did so recently; the session is the server's."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("training") != training.pk:
        return None
    if services.normalise_code(str(pending.get("code", ""))) != services.normalise_code(code):
        return None
    try:
        scanned_at = datetime.fromisoformat(str(pending.get("scanned_at")))
    except ValueError:
        return None
    age = (timezone.now() - scanned_at).total_seconds()
    return scanned_at if 0 <= age <= services.PENDING_CHECK_IN_SECONDS else None


def _remember_scan(
    request: HttpRequest, training: Training, day: TrainingDay, code: str, scanned_at: datetime
) -> None:
    request.session[PENDING_KEY] = {
        "training": training.pk,
        "slug": training.slug,
        "day": day.pk,
        "date": day.date.isoformat(),
        "code": services.normalise_code(code),
        "scanned_at": scanned_at.isoformat(),
    }


def _participant_page(
    request: HttpRequest, training: Training, status: int = 200, **context: Any
) -> HttpResponse:
    context = {"training": training, **context}
    return render(request, "training/attendance/self_check_in.html", context, status=status)


@public
@require_http_methods(["GET", "HEAD", "POST"])
def self_check_in(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    training = get_object_or_404(Training.objects.select_related("programme"), slug=slug)
    scanned_at = _pending_scan(request, training, code)
    day = services.day_for_code(training, code, at=scanned_at)
    if day is None:
        return _participant_page(request, training, status=400, refusal=_invalid_code_message())
    if not _is_today(day):
        refusal = _("Check-in for this day is open only on %(date)s.") % {
            "date": formats.date_format(day.date, "DATE_FORMAT")
        }
        return _participant_page(request, training, day=day, refusal=refusal)
    if scanned_at is None:
        scanned_at = timezone.now()
        _remember_scan(request, training, day, code, scanned_at)
    mine = _my_registrations(request, training)
    if request.method == "POST":
        return _confirm_check_in(request, training, day, code, scanned_at, mine)
    present = set(
        Attendance.objects.filter(day=day, registration__in=mine).values_list(
            "registration_id", flat=True
        )
    )
    people = [
        {
            "registration": registration,
            "checked_in": registration.pk in present,
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        }
        for registration in mine
    ]
    return _participant_page(request, training, day=day, code=code, people=people)


def _confirm_check_in(
    request: HttpRequest,
    training: Training,
    day: TrainingDay,
    code: str,
    scanned_at: datetime,
    mine: list[Registration],
) -> HttpResponse:
    chosen = request.POST.get("registration", "")
    candidates = [r for r in mine if str(r.pk) == chosen] if chosen else mine
    if len(candidates) != 1:
        # Nobody (or several people) known on this phone: they must open their own link first.
        return _participant_page(request, training, status=400, day=day, code=code, people=[])
    registration = candidates[0]
    already = Attendance.objects.filter(registration=registration, day=day).exists()
    try:
        services.check_in(registration, day, code, scanned_at=scanned_at)
    except services.CheckInRefused as refused:
        return _participant_page(request, training, status=400, day=day, refusal=refused.message)
    request.session.pop(PENDING_KEY, None)
    return _participant_page(request, training, day=day, checked_in=registration, already=already)


def _invalid_code_message() -> str:
    return _(
        "This check-in code is not valid or has expired. Please scan the code on the screen again."
    )

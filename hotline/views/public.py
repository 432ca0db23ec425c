"""The public side of anonymous online reports (/report/): no account, three languages, a phone.

The reporter's address is never kept: the rate limits count an HMAC of it, and the audit entries
of the reporter's actions carry no address. Pages that show a passphrase or a report are never
cached.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.codes import readable_code
from core.crypto import blind_index
from core.models import Organisation
from core.ratelimit import ONLINE_REPORTS, REPORT_SIGN_INS
from core.services import client_ip
from core.views import public, submitted_data
from hotline.models import OnlineReport
from hotline.public_forms import (
    HONEYPOT_FIELD,
    OnlineReportForm,
    ReportMessageForm,
    ReportSignInForm,
)
from hotline.queries import online_reports as queries
from hotline.services.online_reports import (
    REFERENCE_LENGTH,
    add_reporter_message,
    report_for_passphrase,
    submit_online_report,
)

PASSPHRASE_SESSION_KEY = "hotline.report.passphrase.{}"  # noqa: S105 (a session key, shown once)
GRANT_SESSION_KEY = "hotline.report.grant.{}"  # the reporter signed in to this report


def _address(request: HttpRequest) -> str | None:
    """What the rate limits count: a keyed hash of the address, never the address itself."""
    return blind_index(client_ip(request), "hotline.report.address", str) or None


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request: HttpRequest, organisation: str | None = None) -> HttpResponse:
    if organisation is not None:
        chosen = queries.accepting_organisation(organisation)
        if chosen is None:
            raise Http404
    else:
        accepting = list(queries.accepting_organisations())
        if not accepting:
            return render(request, "hotline/public_report_closed.html")
        if len(accepting) > 1:
            return render(
                request, "hotline/public_report_choose.html", {"organisations": accepting}
            )
        chosen = accepting[0]
    return _report_form(request, chosen)


def _report_form(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = OnlineReportForm(submitted_data(request))
    status = 200
    if request.method == "POST":
        address = _address(request)
        if ONLINE_REPORTS.limit_reached(address):
            status = 429
        elif request.POST.get(HONEYPOT_FIELD):
            # A bot filled the field people cannot see: it is told it succeeded, nothing is kept.
            ONLINE_REPORTS.count_submission(address)
            return redirect("hotline:report_sent", reference=readable_code(REFERENCE_LENGTH))
        elif form.is_valid():
            report, passphrase = submit_online_report(
                organisation, form.cleaned_data, translation.get_language() or ""
            )
            ONLINE_REPORTS.count_submission(address)
            request.session[PASSPHRASE_SESSION_KEY.format(report.reference)] = passphrase
            return redirect("hotline:report_sent", reference=report.reference)
        else:
            status = 400
    context = {
        "organisation": organisation,
        "form": form,
        "honeypot_field": HONEYPOT_FIELD,
        "rate_limited": status == 429,
    }
    return render(request, "hotline/public_report_form.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "HEAD"])
def report_sent(request: HttpRequest, reference: str) -> HttpResponse:
    reference = queries.normalise_reference(reference)
    # Shown once: a reload, the back button or someone later at the same browser sees nothing.
    passphrase = request.session.pop(PASSPHRASE_SESSION_KEY.format(reference), None)
    context = {"reference": reference, "passphrase": passphrase}
    return render(request, "hotline/public_report_sent.html", context)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_sign_in(request: HttpRequest) -> HttpResponse:
    initial = {"reference": request.GET.get("reference", "")[:40].replace("\x00", "")}
    form = ReportSignInForm(submitted_data(request), initial=initial)
    status = 200
    if request.method == "POST":
        address = _address(request)
        if REPORT_SIGN_INS.limit_reached(address):
            status = 429
        else:
            REPORT_SIGN_INS.count_submission(address)
            status = 400
            if form.is_valid():
                report = report_for_passphrase(
                    form.cleaned_data["reference"], form.cleaned_data["passphrase"]
                )
                if report is not None:
                    _grant(request, report)
                    return redirect("hotline:report_thread", reference=report.reference)
                # One message for an unknown reference and a wrong passphrase alike.
                form.add_error(None, _("The reference or passphrase is not correct."))
    context = {"form": form, "rate_limited": status == 429}
    return render(request, "hotline/public_report_sign_in.html", context, status=status)


def _grant(request: HttpRequest, report: OnlineReport) -> None:
    # A new session key on sign-in: a session id planted before cannot ride on the grant.
    request.session.cycle_key()
    request.session[GRANT_SESSION_KEY.format(report.reference)] = report.pk


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_thread(request: HttpRequest, reference: str) -> HttpResponse:
    reference = queries.normalise_reference(reference)
    key = GRANT_SESSION_KEY.format(reference)
    granted = request.session.get(key)
    report = queries.reporter_thread(granted) if isinstance(granted, int) else None
    if report is None or report.reference != reference:
        sign_in = reverse("hotline:report_sign_in")
        return redirect(f"{sign_in}?{urlencode({'reference': reference})}")
    if request.method == "POST" and "sign_out" in request.POST:
        del request.session[key]
        messages.success(
            request,
            _("You are signed out of your report. Your reference and passphrase still work."),
        )
        return redirect("hotline:report_sign_in")
    form = ReportMessageForm(submitted_data(request), label=_("What else do you want to tell us?"))
    status = 200
    if request.method == "POST":
        address = _address(request)
        if ONLINE_REPORTS.limit_reached(address):
            status = 429
        elif form.is_valid():
            add_reporter_message(report, form.cleaned_data["body"])
            ONLINE_REPORTS.count_submission(address)
            messages.success(
                request, _("Thank you. The organisation has been told about your new information.")
            )
            return redirect("hotline:report_thread", reference=report.reference)
        else:
            status = 400
    context = {"report": report, "form": form, "rate_limited": status == 429}
    return render(request, "hotline/public_report_thread.html", context, status=status)

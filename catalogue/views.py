"""Catalogue screens: the public catalogue with its enquiry form, and the staff back office for
programmes, accreditations, accrediting bodies and the enquiry inbox."""

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from catalogue import forms, public_pages, queries, services
from catalogue.models import Accreditation, AccreditingBody, Programme
from core.access import Capability, requires
from core.ratelimit import ENQUIRIES
from core.services import client_ip
from core.views import public, submitted_data

PUBLIC_PAGE_SIZE = 24
STAFF_PAGE_SIZE = 25
HONEYPOT_FIELD = "website"

# --- Public catalogue ---------------------------------------------------------------------------


@public
@require_http_methods(["GET", "HEAD"])
def public_list(request: HttpRequest) -> HttpResponse:
    key = public_pages.page_key(request)
    content = public_pages.kept_page(key) if key else None
    if content is not None:
        return HttpResponse(content)
    response = _render_public_list(request)
    if key:
        public_pages.keep_page(key, response.content)
    return response


def _render_public_list(request: HttpRequest) -> HttpResponse:
    organisations = list(queries.public_organisations())
    filters = forms.PublicFilterForm(request.GET, organisations=organisations)
    filters.is_valid()  # an unknown filter value is ignored rather than refused
    chosen = filters.cleaned_data
    programmes = queries.public_programmes(
        search=chosen.get("q", ""),
        sector=chosen.get("sector", ""),
        organisation_slug=chosen.get("organisation", ""),
    )
    page = Paginator(programmes, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/public_list.html", {"filters": filters, "page": page})


def _public_programme_or_404(slug: str) -> Programme:
    programme = queries.public_programme(slug)
    if programme is None:
        raise Http404
    return programme


@public
@require_http_methods(["GET", "HEAD", "POST"])
def public_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _public_programme_or_404(slug)
    form = forms.EnquiryForm(submitted_data(request))
    status = 200
    if request.method == "POST":
        address = client_ip(request)
        if ENQUIRIES.limit_reached(address):
            status = 429
        elif request.POST.get(HONEYPOT_FIELD):
            # A bot filled the field people cannot see: it is told it succeeded, nothing is kept.
            ENQUIRIES.count_submission(address)
            return redirect("catalogue:enquiry_thanks", slug=programme.slug)
        elif form.is_valid():
            services.submit_enquiry(
                programme, form.cleaned_data, language=translation.get_language() or "en"
            )
            ENQUIRIES.count_submission(address)
            return redirect("catalogue:enquiry_thanks", slug=programme.slug)
    history = list(programme.accreditations.all())
    context = {
        "programme": programme,
        "history": history,
        "current": programme.current_accreditation,
        "form": form,
        "honeypot_field": HONEYPOT_FIELD,
        "rate_limited": status == 429,
    }
    return render(request, "catalogue/public_detail.html", context, status=status)


@public
def enquiry_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _public_programme_or_404(slug)
    return render(request, "catalogue/enquiry_thanks.html", {"programme": programme})


# --- Programmes (staff) -------------------------------------------------------------------------


def _programme_or_404(request: HttpRequest, pk: int) -> Programme:
    programme = queries.programme_for(request.organisation, pk)  # type: ignore[attr-defined]
    if programme is None:
        raise Http404
    return programme


@requires(Capability.VIEW_CATALOGUE)
def programme_list(request: HttpRequest) -> HttpResponse:
    filters = forms.ProgrammeFilterForm(request.GET)
    filters.is_valid()
    programmes = queries.programmes_for(
        request.organisation,  # type: ignore[attr-defined]
        search=filters.cleaned_data.get("q", ""),
        status=filters.cleaned_data.get("status", ""),
    )
    page = Paginator(programmes, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/programme_list.html", {"filters": filters, "page": page})


@requires(Capability.VIEW_CATALOGUE)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    return render(
        request,
        "catalogue/programme_detail.html",
        {
            "programme": programme,
            "history": list(programme.accreditations.all()),
            "current": programme.current_accreditation,
        },
    )


@requires(Capability.MANAGE_CATALOGUE)
def programme_add(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, Programme())


@requires(Capability.MANAGE_CATALOGUE)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_form(request, _programme_or_404(request, pk))


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = forms.ProgrammeForm(submitted_data(request), instance=programme)
    if request.method == "POST" and form.is_valid():
        programme = services.save_programme(
            form.save(commit=False),
            sectors=form.cleaned_data["sectors"],
            organisation=request.organisation,  # type: ignore[attr-defined]
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(request, _("The programme was saved."))
        return redirect("catalogue:programme_detail", pk=programme.pk)
    return render(request, "catalogue/programme_form.html", {"form": form, "programme": programme})


# --- Accreditations (staff) ---------------------------------------------------------------------


@requires(Capability.MANAGE_CATALOGUE)
def accreditation_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    return _accreditation_form(request, programme, Accreditation())


@requires(Capability.MANAGE_CATALOGUE)
def accreditation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    accreditation = get_object_or_404(
        queries.accreditations_for(request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    return _accreditation_form(request, accreditation.programme, accreditation)


def _accreditation_form(
    request: HttpRequest, programme: Programme, accreditation: Accreditation
) -> HttpResponse:
    form = forms.AccreditationForm(
        submitted_data(request),
        request.FILES or None,
        instance=accreditation,
        organisation=request.organisation,  # type: ignore[attr-defined]
    )
    if request.method == "POST" and form.is_valid():
        services.save_accreditation(
            form.save(commit=False),
            programme=programme,
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(request, _("The accreditation was saved."))
        return redirect("catalogue:programme_detail", pk=programme.pk)
    return render(
        request,
        "catalogue/accreditation_form.html",
        {"form": form, "programme": programme, "accreditation": accreditation},
    )


@requires(Capability.VIEW_CATALOGUE)
def accreditation_file(request: HttpRequest, pk: int) -> FileResponse:
    accreditation = get_object_or_404(
        queries.accreditations_for(request.organisation).exclude(decision_file=""),  # type: ignore[attr-defined]
        pk=pk,
    )
    try:
        handle = accreditation.decision_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = PurePath(accreditation.decision_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Accrediting bodies (staff) -----------------------------------------------------------------


@requires(Capability.VIEW_CATALOGUE)
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = queries.bodies_for(request.organisation)  # type: ignore[attr-defined]
    page = Paginator(bodies, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/body_list.html", {"page": page})


@requires(Capability.MANAGE_CATALOGUE)
def body_add(request: HttpRequest) -> HttpResponse:
    return _body_form(request, AccreditingBody())


@requires(Capability.MANAGE_CATALOGUE)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(queries.bodies_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    return _body_form(request, body)


def _body_form(request: HttpRequest, body: AccreditingBody) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = forms.AccreditingBodyForm(
        submitted_data(request), instance=body, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        services.save_body(
            form.save(commit=False),
            organisation=organisation,
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
        messages.success(request, _("The accrediting body was saved."))
        return redirect("catalogue:body_list")
    return render(request, "catalogue/body_form.html", {"form": form, "body": body})


# --- Enquiry inbox (staff) ----------------------------------------------------------------------


@requires(Capability.HANDLE_ENQUIRIES)
def enquiry_list(request: HttpRequest) -> HttpResponse:
    filters = forms.EnquiryFilterForm(request.GET)
    filters.is_valid()
    enquiries = queries.enquiries_for(
        request.organisation,  # type: ignore[attr-defined]
        status=filters.cleaned_data.get("status", ""),
    )
    page = Paginator(enquiries, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/enquiry_list.html", {"filters": filters, "page": page})


@requires(Capability.HANDLE_ENQUIRIES)
@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = get_object_or_404(queries.enquiries_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    form = forms.EnquiryStatusForm(submitted_data(request), initial={"status": enquiry.status})
    if request.method == "POST":
        if form.is_valid():
            services.set_enquiry_status(
                enquiry,
                form.cleaned_data["status"],
                actor=request.user,  # type: ignore[arg-type]
                ip_address=client_ip(request),
            )
            messages.success(request, _("The enquiry's status was changed."))
            return redirect("catalogue:enquiry_detail", pk=enquiry.pk)
    else:
        services.record_enquiry_read(
            enquiry,
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    return render(request, "catalogue/enquiry_detail.html", {"enquiry": enquiry, "form": form})

"""Staff front door: sign-in with second factor, dashboard, language, organisation, members,
audit log, error pages."""

import base64
import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login

from core import directory, forms
from core.access import Capability, requires, signed_in
from core.dashboard import panels_for
from core.middleware import ORG_SESSION_KEY
from core.models import Person
from core.qr import qr_data_uri
from core.queries import audit_entries, confirmed_totp_device, organisation_members
from core.services import (
    MembershipError,
    add_member,
    client_ip,
    confirm_totp_device,
    pending_totp_device,
    record_second_factor,
    reset_second_factor,
    set_member_roles,
    set_preferred_language,
)

logger = logging.getLogger(__name__)


def submitted_data(request: HttpRequest) -> QueryDict | None:
    """What a form is bound to: the POST data, even an empty POST (which must show "required"
    errors rather than an untouched form), or None for GET."""
    return request.POST if request.method == "POST" else None


def public(view: Any) -> Any:
    """Marks a view anyone may open; the second-factor gate lets it through."""
    view.public = True
    return view


@public
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # An unreachable database means "not healthy": reported to the probe, logged, not raised.
        logger.exception("Health check: the database is not reachable")
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@public
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("catalogue:public_list")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


login = public(LoginView.as_view())


logout = public(auth_views.LogoutView.as_view())


# Exempt from CSRF on purpose: the worst a forged request can do is change someone's language,
# and without a token in the switcher public pages hold nothing per visitor and can be kept
# rendered (catalogue.public_pages).
@public
@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language; a signed-in user's choice is remembered on their account."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponse(_("Unknown language."), status=400)
    if request.user.is_authenticated:
        set_preferred_language(request.user, language)  # type: ignore[arg-type]
    return django_set_language(request)


@requires(Capability.VIEW_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": panels_for(request)})


@signed_in
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationSwitchForm(request.POST, organisations=request.organisations)  # type: ignore[attr-defined]
    if form.is_valid():
        request.session[ORG_SESSION_KEY] = form.cleaned_data["organisation"].pk
    else:
        messages.error(request, _("You are not a member of that organisation."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = reverse("core:dashboard")
    return redirect(next_url)


@requires(Capability.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = forms.AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(request.organisation, **filters)  # type: ignore[attr-defined]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


@never_cache
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the error may come from the database or a context processor.
    try:
        body = loader.get_template("500.html").render({})
    except Exception:  # the last resort must answer whatever broke; the cause is logged
        logger.exception("The 500 page itself could not be rendered")
        body = "<!DOCTYPE html><title>Server error</title><h1>Server error</h1>"
    return HttpResponseServerError(body)


# --- Second factor -------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("core:dashboard")


def _with_query(view_name: str, request: HttpRequest) -> str:
    query = request.GET.urlencode()
    return f"{reverse(view_name)}?{query}" if query else reverse(view_name)


@never_cache
@signed_in
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of a role that needs it: scan the QR code, confirm with the first code."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if confirmed_totp_device(request.user) is not None:  # type: ignore[arg-type]
        return redirect(_with_query("core:otp_verify", request))
    device = pending_totp_device(request.user)  # type: ignore[arg-type]
    form = forms.SecondFactorForm(submitted_data(request), device=device)
    if request.method == "POST" and form.is_valid():
        confirm_totp_device(device, ip_address=client_ip(request))
        otp_login(request, device)
        messages.success(request, _("Your authenticator app is set up."))
        return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "qr_code": qr_data_uri(device.config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "core/otp_enrol.html", context)


@never_cache
@signed_in
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Every sign-in of a role that needs it: the current code from the enrolled app."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    device = confirmed_totp_device(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect(_with_query("core:otp_enrol", request))
    form = forms.SecondFactorForm(submitted_data(request), device=device)
    if request.method == "POST":
        passed = form.is_valid()
        record_second_factor(request.user, passed=passed, ip_address=client_ip(request))  # type: ignore[arg-type]
        if passed:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(request, "core/otp_verify.html", {"form": form})


# --- Members -------------------------------------------------------------------------------------


@requires(Capability.MANAGE_MEMBERS)
def members(request: HttpRequest) -> HttpResponse:
    people = organisation_members(request.organisation)  # type: ignore[attr-defined]
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "core/members.html", {"page": page})


@requires(Capability.MANAGE_MEMBERS)
def member_add(request: HttpRequest) -> HttpResponse:
    form = forms.MemberAddForm(submitted_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, created = add_member(
                request.organisation,  # type: ignore[attr-defined]
                username=data["username"],
                roles=data["roles"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except MembershipError as error:
            form.add_error("username", str(error))
        else:
            if created:
                messages.success(
                    request, _("The account was created. Give the person their temporary password.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "An account with this username already existed; it now has these roles in your organisation."
                    ),
                )
            return redirect("core:member_edit", user_id=user.pk)
    return render(request, "core/member_form.html", {"form": form})


@requires(Capability.MANAGE_MEMBERS)
def member_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    person = get_object_or_404(organisation_members(organisation), pk=user_id)
    audit = {"actor": request.user, "ip_address": client_ip(request)}
    if request.method == "POST" and "reset_second_factor" in request.POST:
        reset_second_factor(organisation, person, **audit)
        messages.success(
            request,
            _("The second factor was reset; the person sets it up again at their next page."),
        )
        return redirect("core:member_edit", user_id=person.pk)
    if request.method == "POST" and "remove" in request.POST:
        try:
            set_member_roles(organisation, person, [], **audit)
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            name = person.get_full_name() or person.get_username()
            messages.success(
                request, _("%(name)s was removed from the organisation.") % {"name": name}
            )
            return redirect("core:home" if person == request.user else "core:members")
    current_roles = [m.role for m in person.org_memberships]  # type: ignore[attr-defined]
    data = request.POST if request.method == "POST" and "remove" not in request.POST else None
    form = forms.MemberRolesForm(data, initial={"roles": current_roles})
    if form.is_valid():
        try:
            set_member_roles(organisation, person, form.cleaned_data["roles"], **audit)
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The roles were saved."))
            return redirect("core:member_edit", user_id=person.pk)
    return render(request, "core/member_edit.html", {"person": person, "form": form})


@never_cache
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired page, cookies blocked): explain it in the visitor's language."""
    return render(request, "core/csrf_failure.html", status=403)


# --- People and institutions directory ----------------------------------------------------------

DIRECTORY_PAGE_SIZE = 50


@requires(Capability.MANAGE_PEOPLE)
def people(request: HttpRequest) -> HttpResponse:
    filters = forms.DirectorySearchForm(request.GET)
    filters.is_valid()
    found = directory.people_for(
        request.organisation,  # type: ignore[attr-defined]
        search=filters.cleaned_data.get("q", ""),
    )
    page = Paginator(found, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/people.html", {"filters": filters, "page": page})


@requires(Capability.MANAGE_PEOPLE)
def person_add(request: HttpRequest) -> HttpResponse:
    return _person_form(request, Person())


@requires(Capability.MANAGE_PEOPLE)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        directory.people_for(request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    return _person_form(request, person)


def _person_form(request: HttpRequest, person: Person) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = forms.PersonForm(
        submitted_data(request),
        instance=person,
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        person = directory.save_person(
            form.save(commit=False),
            organisation=organisation,
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(request, _("%(name)s was saved.") % {"name": person.full_name})
        return redirect("core:people")
    return render(request, "core/person_form.html", {"form": form, "person": person})


@requires(Capability.MANAGE_PEOPLE)
def institutions(request: HttpRequest) -> HttpResponse:
    filters = forms.InstitutionFilterForm(request.GET)
    filters.is_valid()
    found = directory.institutions_for(
        request.organisation,  # type: ignore[attr-defined]
        search=filters.cleaned_data.get("q", ""),
        type=filters.cleaned_data.get("type", ""),
    )
    page = Paginator(found, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/institutions.html", {"filters": filters, "page": page})


@requires(Capability.MANAGE_PEOPLE)
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    institution = get_object_or_404(directory.institutions_for(organisation), pk=pk)
    form = forms.InstitutionForm(
        submitted_data(request),
        instance=institution,
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        directory.save_institution(
            form.save(commit=False),
            organisation=organisation,
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(request, _("The institution was saved."))
        return redirect("core:institutions")
    return render(request, "core/institution_form.html", {"form": form, "institution": institution})

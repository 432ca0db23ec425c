"""Staff front door: sign-in with second factor, dashboard, language, organisation, audit log."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core import forms
from core.access import Capability, requires, signed_in
from core.middleware import ORG_SESSION_KEY
from core.queries import audit_entries
from core.services import set_preferred_language


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
    except Exception:  # any database failure means "not healthy", reported, not raised
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


@public
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
    from core.dashboard import panels_for

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
    return render(request, "500.html", status=500)


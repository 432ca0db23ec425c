"""Request-wide rules: current organisation and capabilities, second factor, idle timeout,
the user's remembered language, and headers django's security middleware does not send."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from core.access import capabilities_of, needs_second_factor
from core.queries import memberships_of

Middleware = Callable[[HttpRequest], HttpResponse]

ORG_SESSION_KEY = "putokaz_org"
LAST_SEEN_SESSION_KEY = "putokaz_last_seen"

# Staff pages a user with a pending second factor may still open.
SECOND_FACTOR_EXEMPT_URLS = ("core:otp_verify", "core:otp_enrol", "core:logout", "core:set_language")


def permissions_policy(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response

    return middleware


def current_organisation(get_response: Middleware) -> Middleware:
    """Sets request.organisation, request.roles and request.capabilities for staff."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.organisation = None  # type: ignore[attr-defined]
        request.organisations = []  # type: ignore[attr-defined]
        request.roles = frozenset()  # type: ignore[attr-defined]
        request.capabilities = frozenset()  # type: ignore[attr-defined]
        request.needs_second_factor = False  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            memberships = memberships_of(user)
            organisations = {m.organisation_id: m.organisation for m in memberships}
            chosen = request.session.get(ORG_SESSION_KEY)
            if chosen not in organisations and organisations:
                chosen = next(iter(organisations))
            if chosen is not None:
                roles = frozenset(m.role for m in memberships if m.organisation_id == chosen)
                request.organisation = organisations[chosen]  # type: ignore[attr-defined]
                request.roles = roles  # type: ignore[attr-defined]
                request.capabilities = capabilities_of(roles)  # type: ignore[attr-defined]
            request.organisations = list(organisations.values())  # type: ignore[attr-defined]
            # Any role anywhere that needs it makes the second factor mandatory for the person.
            request.needs_second_factor = needs_second_factor(  # type: ignore[attr-defined]
                m.role for m in memberships
            )
            if request.needs_second_factor and not user.is_verified():  # type: ignore[attr-defined]
                pending = _second_factor_redirect(request)
                if pending is not None:
                    return pending
        return get_response(request)

    return middleware


def _second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    match = request.resolver_match or _resolve(request.path_info)
    if match is None:
        return None
    if match.view_name in SECOND_FACTOR_EXEMPT_URLS or getattr(match.func, "public", False):
        return None
    from django_otp import devices_for_user

    target = "core:otp_verify" if any(devices_for_user(request.user)) else "core:otp_enrol"
    return redirect(f"{reverse(target)}?next={request.get_full_path()}")


def _resolve(path: str):  # type: ignore[no-untyped-def]
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None


def idle_timeout(get_response: Middleware) -> Middleware:
    """Ends sessions idle for too long: 15 minutes for roles that see victims' data."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY, now)
            limit = (
                settings.SESSION_IDLE_SECONDS_SENSITIVE
                if request.session.get("putokaz_sensitive")
                else settings.SESSION_IDLE_SECONDS
            )
            if now - last_seen > limit:
                logout(request)
                response = redirect_to_login(request.get_full_path())
                response["X-Putokaz-Session"] = "expired"
                return response
            request.session[LAST_SEEN_SESSION_KEY] = now
        return get_response(request)

    return middleware


def user_language(get_response: Middleware) -> Middleware:
    """A signed-in user's remembered language wins over the browser's."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.preferred_language:  # type: ignore[union-attr]
            translation.activate(user.preferred_language)  # type: ignore[union-attr]
            request.LANGUAGE_CODE = translation.get_language()
        return get_response(request)

    return middleware

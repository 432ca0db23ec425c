"""Request-wide rules: current organisation and capabilities, second factor, idle timeout,
the user's remembered language, and headers django's security middleware does not send."""

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode
from django_otp import devices_for_user

from core.access import capabilities_of, needs_second_factor
from core.models import Membership
from core.queries import memberships_of

Middleware = Callable[[HttpRequest], HttpResponse]

ORG_SESSION_KEY = "putokaz_org"
LAST_SEEN_SESSION_KEY = "putokaz_last_seen"

# Staff pages a user with a pending second factor may still open.
SECOND_FACTOR_EXEMPT_URLS = (
    "core:otp_verify",
    "core:otp_enrol",
    "core:logout",
    "core:set_language",
)


def permissions_policy(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response

    return middleware


def _memberships(request: HttpRequest) -> list[Membership]:
    """The signed-in user's memberships, read once per request and shared by the middlewares."""
    cached = getattr(request, "_putokaz_memberships", None)
    if cached is None:
        cached = memberships_of(request.user)  # type: ignore[arg-type]
        request._putokaz_memberships = cached  # type: ignore[attr-defined]
    return cached


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
            memberships = _memberships(request)
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
    target = "core:otp_verify" if any(devices_for_user(request.user)) else "core:otp_enrol"
    return redirect(f"{reverse(target)}?next={quote(request.get_full_path(), safe='/')}")


def _resolve(path: str) -> ResolverMatch | None:
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
            # Computed from the memberships on every request rather than remembered at sign-in,
            # so a role granted mid-session (or a session made by force_login) gets the short limit.
            sensitive = needs_second_factor(m.role for m in _memberships(request))
            limit = (
                settings.SESSION_IDLE_SECONDS_SENSITIVE
                if sensitive
                else settings.SESSION_IDLE_SECONDS
            )
            if now - last_seen > limit:
                logout(request)
                query = urlencode({"next": request.get_full_path(), "expired": "1"})
                response = redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
                response["X-Putokaz-Session"] = "expired"
                return response
            # Saving the session costs a write; a minute's precision is enough for the limit.
            if now - last_seen >= 60 or LAST_SEEN_SESSION_KEY not in request.session:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return get_response(request)

    return middleware


def user_language(get_response: Middleware) -> Middleware:
    """A signed-in user's remembered language wins over the browser's."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        preferred = user.preferred_language if user.is_authenticated else ""  # type: ignore[union-attr]
        if preferred:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
        response = get_response(request)
        # The cookie follows the account, so the sign-in page after sign-out keeps the language.
        # Read again: the view may have just changed it (and then set the cookie itself).
        preferred = user.preferred_language if user.is_authenticated else ""  # type: ignore[union-attr]
        cookie = settings.LANGUAGE_COOKIE_NAME
        if (
            preferred
            and cookie not in response.cookies
            and request.COOKIES.get(cookie) != preferred
        ):
            response.set_cookie(
                cookie,
                preferred,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware

"""Sign-in events go to the audit log (the typed password never does: only the username)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from core.models import AuditAction, User
from core.services import client_ip, record_audit

# The idle limit and the language are not decided here: the middleware reads both from the
# account on every request (core.middleware.idle_timeout / user_language), so they also hold
# for sessions that did not pass through this signal.


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record_audit(action=AuditAction.LOGIN, actor=user, ip_address=client_ip(request))


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record_audit(action=AuditAction.LOGOUT, actor=user, ip_address=client_ip(request))


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record_audit(
        action=AuditAction.LOGIN_FAILED,
        summary=username,
        ip_address=client_ip(request) if request is not None else None,
    )

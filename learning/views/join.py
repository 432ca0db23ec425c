"""The participant's phone in the Social Barometer: no account and no personal data.

A phone is known only by a random device id in a signed cookie, so that it has one vote per
round. People type the code shown on the projector at /join/ (or scan its QR code), see the
statement of the open round with three big buttons, and the page follows the trainer's next
statement by polling a small JSON state endpoint.

Votes arrive in two ways:
- the HTML form on the phone page, protected by Django's CSRF token as usual;
- `vote.json` for the page's script and for load tests. It is CSRF-exempt because it is protected
  otherwise: it only accepts a JSON body (a cross-site form cannot send `application/json`
  without a CORS preflight, which is never granted), and it requires the signed device cookie,
  which is SameSite=Lax and so never sent with a cross-site POST. A forged request from another
  site therefore carries no device and is refused.
"""

import json
import secrets
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.localisation import localised
from core.views import public
from learning.models.barometer import Answer, BarometerRound, RoundState
from learning.queries import barometer as queries
from learning.services import barometer as services

DEVICE_COOKIE = "barometer_device"
DEVICE_SALT = "learning.barometer.device"
DEVICE_COOKIE_AGE = 14 * 24 * 3600
# How often a phone asks which statement is on the screen.
STATE_POLL_MS = 2000


def device_of(request: HttpRequest) -> str | None:
    """The phone's device id from its signed cookie (None if absent or tampered with)."""
    return request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)


def _remember_device(response: HttpResponse, device: str) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        device,
        salt=DEVICE_SALT,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _new_device() -> str:
    return secrets.token_urlsafe(16)


def _unknown_code(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "learning/barometer/join_unknown.html", {"code": code}, status=404)


def phone_state(round: BarometerRound | None) -> dict[str, Any]:
    """What a phone shows of the running round (never the distribution: that is the room's)."""
    if round is None:
        return {"round": None, "message": _("Waiting for the trainer to show a statement.")}
    revealed = round.state == RoundState.REVEALED
    statement = round.statement
    my_answer = getattr(round, "my_answer", None)
    can_vote = round.state == RoundState.OPEN and not round.room_mode
    if round.room_mode:
        message = _("Stand at the side of the room that matches your answer.")
    elif round.state == RoundState.OPEN:
        message = _("Voting is open.")
    else:
        message = _("Voting on this statement is closed.")
    return {
        "round": round.pk,
        "state": round.state,
        "statement": localised(statement, "text"),
        "can_vote": can_vote,
        "allow_change": round.allow_change,
        "my_answer": my_answer or "",
        "my_answer_label": str(Answer(my_answer).label) if my_answer else "",
        "message": message,
        "revealed": revealed,
        "correct_label": str(statement.get_correct_answer_display()) if revealed else "",  # type: ignore[attr-defined]
        "explanation": localised(statement, "explanation") if revealed else "",
    }


@public
@require_http_methods(["GET", "HEAD"])
def join(request: HttpRequest) -> HttpResponse:
    code = services.normalise_join_code(request.GET.get("code", ""))
    if code:
        return redirect("learning:join_session", code=code)
    return render(request, "learning/barometer/join.html", {})


@public
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def join_session(request: HttpRequest, code: str) -> HttpResponse:
    code = services.normalise_join_code(code)
    device = device_of(request)
    new_device = device is None
    device = device or _new_device()
    status = 200
    refusal = ""
    if request.method == "POST":
        round_id = request.POST.get("round", "")
        try:
            if not round_id.isdigit():
                raise services.UnknownRound
            services.cast_vote(code, int(round_id), device, request.POST.get("answer", ""))
        except services.UnknownRound:
            if queries.running_session(code) is None:
                return _unknown_code(request, code)
            refusal, status = _("The screen has moved on; vote on the statement shown now."), 409
        except services.VoteRefused as refused:
            refusal, status = refused.message, 409
        else:
            # Post/redirect/get: a reload does not send the vote again.
            response = redirect("learning:join_session", code=code)
            if new_device:
                _remember_device(response, device)
            return response
    round = queries.running_round(code, device)
    session = round.session if round is not None else queries.running_session(code)
    if session is None:
        return _unknown_code(request, code)
    context = {
        "code": code,
        "state": phone_state(round),
        "answers": list(Answer),
        "refusal": refusal,
        "poll_ms": STATE_POLL_MS,
    }
    response = render(request, "learning/barometer/join_session.html", context, status=status)
    if new_device:
        _remember_device(response, device)
    return response


@public
@require_safe
@never_cache
def join_state(request: HttpRequest, code: str) -> JsonResponse:
    code = services.normalise_join_code(code)
    round = queries.running_round(code, device_of(request))
    if round is None and queries.running_session(code) is None:
        return JsonResponse({"message": _("This code is not valid.")}, status=404)
    return JsonResponse(phone_state(round))


@public
@csrf_exempt  # Protected by the JSON body and the SameSite device cookie: see the module doc.
@require_POST
def join_vote(request: HttpRequest, code: str) -> JsonResponse:
    code = services.normalise_join_code(code)
    if request.content_type != "application/json":
        return JsonResponse({"ok": False, "message": _("Send the vote as JSON.")}, status=415)
    device = device_of(request)
    if device is None:
        message = _("Open the voting page first: your browser must accept its cookie.")
        return JsonResponse({"ok": False, "message": message}, status=403)
    try:
        body = json.loads(request.body)
        round_id, answer = int(body["round"]), str(body["answer"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "message": _("The vote is not readable.")}, status=400)
    if answer not in Answer.values:
        message = _("Choose agree, not sure or disagree.")
        return JsonResponse({"ok": False, "message": message}, status=400)
    try:
        services.cast_vote(code, round_id, device, answer)
    except services.UnknownRound:
        message = _("This code or this statement is not running.")
        return JsonResponse({"ok": False, "message": message}, status=404)
    except services.VoteRefused as refused:
        return JsonResponse({"ok": False, "message": refused.message}, status=409)
    return JsonResponse({"ok": True, "answer": answer, "answer_label": str(Answer(answer).label)})

"""Staff screens of the Social Barometer: the statement bank and decks, and for a training the
live session (the trainer's control page, the projector view and the tally it polls)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import Capability, requires
from core.localisation import localised
from core.qr import qr_data_uri
from core.views import submitted_data
from learning import forms_barometer as forms
from learning.models.barometer import BarometerRound, BarometerSession, Deck, RoundState, Statement
from learning.queries import barometer as queries
from learning.services import barometer as services
from training.models import Training
from training.queries import trainings_for

STATEMENTS_PER_PAGE_LIMIT = 500
# How often the projector asks for the tally (a vote must show within a second).
TALLY_POLL_MS = 500


def _statement_or_404(request: HttpRequest, pk: int) -> Statement:
    return get_object_or_404(queries.statements_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _deck_or_404(request: HttpRequest, pk: int) -> Deck:
    return get_object_or_404(Deck.objects.filter(organisation=request.organisation), pk=pk)  # type: ignore[attr-defined]


def _session_or_404(request: HttpRequest, pk: int) -> BarometerSession:
    return get_object_or_404(queries.sessions_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _round_or_404(request: HttpRequest, pk: int) -> BarometerRound:
    return get_object_or_404(
        BarometerRound.objects.filter(
            session__organisation=request.organisation  # type: ignore[attr-defined]
        ).select_related("session", "statement"),
        pk=pk,
    )


def _back_to(request: HttpRequest, session: BarometerSession) -> HttpResponse:
    """Back to the screen the control was pressed on: the projector or the control page."""
    name = "barometer_projector" if request.POST.get("next") == "projector" else "barometer_session"
    return redirect(f"learning:{name}", pk=session.pk)


# --- Statement bank -----------------------------------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_safe
def statement_list(request: HttpRequest) -> HttpResponse:
    filters = forms.StatementFilterForm(request.GET or None)
    text, topic = "", ""
    if filters.is_valid():
        text, topic = filters.cleaned_data["q"], filters.cleaned_data["topic"]
    statements = list(
        queries.search_statements(request.organisation, text, topic)[  # type: ignore[attr-defined]
            :STATEMENTS_PER_PAGE_LIMIT
        ]
    )
    context = {"filters": filters, "statements": statements, "filtered": bool(text or topic)}
    return render(request, "learning/barometer/statement_list.html", context)


def _statement_form(request: HttpRequest, statement: Statement) -> HttpResponse:
    form = forms.StatementForm(submitted_data(request), instance=statement)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.save_statement(form.save(commit=False), form.cleaned_data["topics"])
            messages.success(request, _("The statement is saved."))
            return redirect("learning:barometer_statements")
        status = 400
    context = {"form": form, "statement": statement}
    return render(request, "learning/barometer/statement_form.html", context, status=status)


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def statement_add(request: HttpRequest) -> HttpResponse:
    return _statement_form(request, Statement(organisation=request.organisation))  # type: ignore[attr-defined]


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _statement_form(request, _statement_or_404(request, pk))


# --- Decks --------------------------------------------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_safe
def deck_list(request: HttpRequest) -> HttpResponse:
    decks = list(queries.decks_for(request.organisation))  # type: ignore[attr-defined]
    return render(request, "learning/barometer/deck_list.html", {"decks": decks})


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def deck_add(request: HttpRequest) -> HttpResponse:
    form = forms.DeckForm(submitted_data(request))
    if request.method == "POST" and form.is_valid():
        deck = services.create_deck(request.organisation, form.cleaned_data["name"])  # type: ignore[attr-defined]
        messages.success(request, _("The deck is created; now add statements to it."))
        return redirect("learning:barometer_deck", pk=deck.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/barometer/deck_add.html", {"form": form}, status=status)


def _positions(request: HttpRequest, entry_ids: list[int]) -> tuple[dict[int, int], set[int], bool]:
    positions: dict[int, int] = {}
    valid = True
    for entry_id in entry_ids:
        raw = request.POST.get(f"position-{entry_id}", "").strip()
        if raw:
            if raw.isdigit() and 0 < int(raw) < 10000:
                positions[entry_id] = int(raw)
            else:
                valid = False
    removed = {entry_id for entry_id in entry_ids if request.POST.get(f"remove-{entry_id}")}
    return positions, removed, valid


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def deck_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deck = _deck_or_404(request, pk)
    entries = list(queries.deck_entries(deck))
    form = forms.DeckForm(submitted_data(request), instance=deck)
    error = ""
    if request.method == "POST":
        positions, removed, valid = _positions(request, [entry.pk for entry in entries])
        if form.is_valid() and valid:
            services.update_deck(deck, form.cleaned_data["name"], positions, removed)
            messages.success(request, _("The deck is saved."))
            return redirect("learning:barometer_deck", pk=deck.pk)
        if not valid:
            error = _("Positions must be whole numbers from 1 upwards.")
    context = {
        "deck": deck,
        "form": form,
        "entries": entries,
        "error": error,
        "add_form": forms.DeckAddStatementForm(organisation=request.organisation),  # type: ignore[attr-defined]
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/barometer/deck_detail.html", context, status=status)


@requires(Capability.MANAGE_LEARNING)
@require_POST
def deck_add_statement(request: HttpRequest, pk: int) -> HttpResponse:
    deck = _deck_or_404(request, pk)
    form = forms.DeckAddStatementForm(request.POST, organisation=request.organisation)  # type: ignore[attr-defined]
    if not form.is_valid():
        messages.error(request, _("Choose an active statement of the bank."))
        return redirect("learning:barometer_deck", pk=deck.pk)
    try:
        services.add_to_deck(deck, form.cleaned_data["statement"])
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The statement is added at the end of the deck."))
    return redirect("learning:barometer_deck", pk=deck.pk)


# --- Sessions in a training ---------------------------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_safe
def training_barometer(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    context = {
        "training": training,
        "sessions": list(queries.sessions_for(request.organisation).filter(training=training)),  # type: ignore[attr-defined]
        "start_form": forms.StartSessionForm(organisation=request.organisation),  # type: ignore[attr-defined]
        "report": queries.barometer_report(training),
    }
    return render(request, "learning/barometer/training.html", context)


@requires(Capability.RUN_LEARNING)
@require_POST
def session_start(request: HttpRequest, pk: int) -> HttpResponse:
    training: Training = get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    form = forms.StartSessionForm(request.POST, organisation=request.organisation)  # type: ignore[attr-defined]
    if not form.is_valid():
        messages.error(request, _("Choose one of your organisation's decks, or none."))
        return redirect("learning:barometer_training", pk=training.pk)
    try:
        session = services.start_session(training, form.cleaned_data["deck"], actor=request.user)
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
        return redirect("learning:barometer_training", pk=training.pk)
    messages.success(
        request,
        _("The barometer is running; phones join with the code %(code)s.") % {"code": session.code},
    )
    return redirect("learning:barometer_session", pk=session.pk)


@requires(Capability.RUN_LEARNING)
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.is_active:
        services.end_session(session)
        messages.success(request, _("The barometer session has ended; its code no longer works."))
    return redirect("learning:barometer_training", pk=session.training_id)


def join_url(session: BarometerSession) -> str:
    """The address phones open (the QR code's content)."""
    return settings.SITE_URL.rstrip("/") + reverse("learning:join_session", args=[session.code])


def _bars(dist: queries.Distribution) -> list[dict[str, Any]]:
    return [{**row, "value_label": _("%(share)d%% (%(count)d)") % row} for row in dist.rows()]


def tally_state(round: BarometerRound | None) -> dict[str, Any]:
    """What the projector shows of the current round; the distribution only when visible."""
    if round is None:
        return {"round": None}
    dist = queries.distribution(round)
    visible = queries.results_visible(round)
    revealed = round.state == RoundState.REVEALED
    statement = round.statement
    return {
        "round": round.pk,
        "position": round.position,
        "state": round.state,
        "state_label": str(round.get_state_display()),  # type: ignore[attr-defined]
        "statement": localised(statement, "text"),
        "room_mode": round.room_mode,
        "votes": dist.total,
        "votes_label": ngettext("%(count)d vote", "%(count)d votes", dist.total)
        % {"count": dist.total},
        "visible": visible,
        "rows": _bars(dist) if visible else [],
        "revealed": revealed,
        "correct_label": str(statement.get_correct_answer_display()) if revealed else "",  # type: ignore[attr-defined]
        "explanation": localised(statement, "explanation") if revealed else "",
    }


def _session_context(request: HttpRequest, session: BarometerSession) -> dict[str, Any]:
    rounds = queries.session_rounds(session)
    current = rounds[-1] if rounds else None
    next_statement = queries.next_deck_statement(session, rounds) if session.is_active else None
    url = join_url(session)
    return {
        "session": session,
        "training": session.training,
        "rounds": rounds,
        "current": current,
        "tally": tally_state(current),
        # The projector always lays out the three bars; empty while results are hidden.
        "bars": _bars(
            queries.distribution(current)
            if current is not None and queries.results_visible(current)
            else queries.Distribution(counts=dict.fromkeys(queries.ANSWERS, 0), correct_answer="")
        ),
        "next_statement": next_statement,
        "join_url": url,
        "join_qr": qr_data_uri(url, scale=8),
        "poll_ms": TALLY_POLL_MS,
    }


@requires(Capability.RUN_LEARNING)
@require_safe
def session_control(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    context = _session_context(request, session)
    initial = {"statement": context["next_statement"]} if context["next_statement"] else None
    context["open_form"] = forms.OpenRoundForm(organisation=request.organisation, initial=initial)  # type: ignore[attr-defined]
    current = context["current"]
    if current is not None:
        context["notes_form"] = forms.NotesForm(instance=current)
        context["room_form"] = forms.RoomCountsForm(
            initial={
                "agree": current.room_agree,
                "unsure": current.room_unsure,
                "disagree": current.room_disagree,
            }
        )
        context["results"] = [
            {"round": r, "distribution": queries.distribution(r)} for r in context["rounds"]
        ]
    return render(request, "learning/barometer/session_control.html", context)


@requires(Capability.RUN_LEARNING)
@require_safe
def session_projector(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    return render(request, "learning/barometer/projector.html", _session_context(request, session))


@requires(Capability.RUN_LEARNING)
@require_safe
@never_cache
def session_tally(request: HttpRequest, pk: int) -> JsonResponse:
    round = queries.current_round(request.organisation, pk)  # type: ignore[attr-defined]
    if round is None:
        _session_or_404(request, pk)  # No round yet, or not this organisation's session.
    return JsonResponse(tally_state(round))


# --- Rounds -------------------------------------------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    form = forms.OpenRoundForm(request.POST, organisation=request.organisation)  # type: ignore[attr-defined]
    if not form.is_valid():
        messages.error(request, _("Choose an active statement of the bank."))
        return _back_to(request, session)
    try:
        services.open_round(
            session,
            form.cleaned_data["statement"],
            visibility=form.cleaned_data["visibility"],
            allow_change=form.cleaned_data["allow_change"],
            room_mode=form.cleaned_data["room_mode"],
        )
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
    return _back_to(request, session)


@requires(Capability.RUN_LEARNING)
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_404(request, pk)
    try:
        services.close_round(round)
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
    return _back_to(request, round.session)


@requires(Capability.RUN_LEARNING)
@require_POST
def round_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_404(request, pk)
    try:
        services.reveal_round(round)
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
    return _back_to(request, round.session)


@requires(Capability.RUN_LEARNING)
@require_POST
def round_notes(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_404(request, pk)
    form = forms.NotesForm(request.POST, instance=round)
    if form.is_valid():
        services.save_notes(round, form.cleaned_data["notes"])
        messages.success(request, _("The discussion notes are saved."))
    else:
        messages.error(request, _("The notes could not be saved."))
    return _back_to(request, round.session)


@requires(Capability.RUN_LEARNING)
@require_POST
def round_room_counts(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_404(request, pk)
    form = forms.RoomCountsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type the number of people at each side (0 or more)."))
        return _back_to(request, round.session)
    try:
        services.record_room_counts(
            round,
            form.cleaned_data["agree"],
            form.cleaned_data["unsure"],
            form.cleaned_data["disagree"],
        )
    except services.BarometerRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The counts are saved."))
    return _back_to(request, round.session)

"""Evaluation screens: the coordinator's questionnaire editor, the trainer's page to open the
evaluation and show its link and QR, the results, and the participant's anonymous form."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalogue.models import Programme
from core.access import Capability, requires
from core.qr import qr_data_uri
from core.services import client_ip
from core.views import public, submitted_data
from learning import forms_evaluations as forms
from learning.models.evaluations import Evaluation
from learning.queries import evaluations as queries
from learning.services import evaluations as services
from training.models import Training
from training.queries import trainings_for

# One submission per device: a signed cookie says this browser has answered. It prevents
# accidental doubles (a second tap, a reload), not determined ones: a private window or another
# phone answers again. Anything stronger would need to know who answered, which we must not.
SUBMITTED_COOKIE_SALT = "learning.evaluation.submitted"
SUBMITTED_COOKIE_MAX_AGE = 180 * 24 * 3600


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _public_url(evaluation: Evaluation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("learning:evaluate", args=[evaluation.token])


# --- Questionnaires (coordinator) ---------------------------------------------------------------


@requires(Capability.MANAGE_LEARNING)
@require_safe
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    programmes = queries.programmes_with_questionnaires(request.organisation)  # type: ignore[attr-defined]
    return render(
        request, "learning/evaluations/questionnaire_list.html", {"programmes": programmes}
    )


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.filter(organisation=request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    questionnaire = queries.questionnaire_of(programme)
    if questionnaire is None:
        # A new questionnaire starts from the default set; the coordinator edits or removes items.
        initial_items = [forms.item_initial(spec) for spec in services.DEFAULT_ITEMS]
        initial = {"title_sr": "Evaluacija obuke", "title_en": "Training evaluation"}
    else:
        initial_items = [
            forms.item_initial(item) for item in queries.questionnaire_items(questionnaire)
        ]
        initial = {"title_sr": questionnaire.title_sr, "title_en": questionnaire.title_en}
    posted = submitted_data(request)
    form = forms.QuestionnaireForm(posted, initial=initial)
    items = forms.ItemFormSet(posted, initial=initial_items, prefix="items")
    status = 200
    if posted is not None:
        if form.is_valid() and items.is_valid():
            try:
                services.save_questionnaire(
                    programme,
                    title_sr=form.cleaned_data["title_sr"],
                    title_en=form.cleaned_data["title_en"],
                    items=items.specs(),
                    actor=request.user,
                    ip_address=client_ip(request),
                )
            except services.EvaluationRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The evaluation questionnaire is saved."))
                return redirect("learning:questionnaire_edit", pk=programme.pk)
        status = 400
    context = {
        "programme": programme,
        "questionnaire": questionnaire,
        "form": form,
        "items": items,
    }
    return render(request, "learning/evaluations/questionnaire_form.html", context, status=status)


# --- A training's evaluation (trainer, coordinator) ---------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_safe
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    current = queries.evaluation_of(training)
    context: dict[str, Any] = {
        "training": training,
        "evaluation": current,
        "has_questionnaire": queries.questionnaire_of(training.programme) is not None,
    }
    if current is not None:
        url = _public_url(current)
        context |= {
            "url": url,
            "qr": qr_data_uri(url, scale=8),
            "responses": current.responses.count(),
        }
    return render(request, "learning/evaluations/evaluation.html", context)


@requires(Capability.RUN_LEARNING)
@require_POST
def evaluation_status(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.open_evaluation(training, actor=request.user, ip_address=client_ip(request))
            messages.success(request, _("The evaluation is open: participants can answer now."))
        elif action == "close":
            services.close_evaluation(training, actor=request.user, ip_address=client_ip(request))
            messages.success(request, _("The evaluation is closed: no more answers are accepted."))
        else:
            messages.error(request, _("Choose whether to open or close the evaluation."))
    except services.EvaluationRefused as refused:
        messages.error(request, refused.message)
    return redirect("learning:evaluation", pk=training.pk)


@requires(Capability.RUN_LEARNING)
@require_safe
def evaluation_results(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    results = queries.evaluation_results(training)
    return render(
        request,
        "learning/evaluations/results.html",
        {
            "training": training,
            "results": results,
            "chart": queries.averages_chart(results.items),
        },
    )


@requires(Capability.MANAGE_LEARNING)
@require_POST
def answer_shareable(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(queries.answers_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    shareable = request.POST.get("shareable", "1" if not answer.shareable else "0") == "1"
    try:
        services.set_answer_shareable(
            answer, shareable, actor=request.user, ip_address=client_ip(request)
        )
    except services.EvaluationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The comment may now be quoted in reports.")
            if shareable
            else _("The comment will no longer be quoted in reports."),
        )
    training_pk = answer.response.evaluation.training_id
    return redirect(reverse("learning:evaluation_results", args=[training_pk]) + "#comments")


# --- The participant's form (public, anonymous) -------------------------------------------------


def _cookie_name(evaluation: Evaluation) -> str:
    return f"evaluated_{evaluation.pk}"


def _already_answered(request: HttpRequest, evaluation: Evaluation) -> bool:
    value = request.get_signed_cookie(
        _cookie_name(evaluation), default=None, salt=SUBMITTED_COOKIE_SALT
    )
    return value == "1"


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    current = (
        Evaluation.objects.filter(token=token)
        .select_related("training__programme", "questionnaire")
        .first()
    )
    if current is None:
        raise Http404
    training = current.training
    context: dict[str, Any] = {"evaluation": current, "training": training}
    if _already_answered(request, current):
        return render(request, "learning/evaluations/evaluate_done.html", context)
    if not current.is_open:
        context["refusal"] = str(services.CLOSED_MESSAGE)
        status = 409 if request.method == "POST" else 200
        return render(request, "learning/evaluations/evaluate.html", context, status=status)
    form = forms.EvaluationAnswersForm(
        submitted_data(request),
        items=queries.questionnaire_items(current.questionnaire),
        trainers=list(training.trainers.order_by("last_name", "first_name")),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_evaluation(current, form.answers())
            except services.EvaluationRefused as refused:
                context["refusal"] = refused.message
                return render(request, "learning/evaluations/evaluate.html", context, status=409)
            response = redirect("learning:evaluate", token=current.token)
            response.set_signed_cookie(
                _cookie_name(current),
                "1",
                salt=SUBMITTED_COOKIE_SALT,
                max_age=SUBMITTED_COOKIE_MAX_AGE,
                path=reverse("learning:evaluate", args=[current.token]),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
        status = 400
    context["form"] = form
    return render(request, "learning/evaluations/evaluate.html", context, status=status)

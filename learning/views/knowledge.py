"""Knowledge tests: the question bank, a training's test with its two phases and results (staff),
and the quiz participants take on their phones (public)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import Capability, requires
from core.qr import qr_data_uri
from core.views import public, submitted_data
from learning import forms_knowledge as forms
from learning.models import KnowledgeTest, Phase, Question
from learning.queries import knowledge as queries
from learning.services import knowledge as services
from training.models import Registration, Training
from training.queries import trainings_for
from training.tokens import registration_id_from, registration_token

MY_REGISTRATIONS_KEY = "my_registrations"  # filled by the registration page (training.views.public)
QUESTIONS_PER_PAGE = 50

# --- Question bank ------------------------------------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    questions = queries.questions_for(request.organisation, search)  # type: ignore[attr-defined]
    page = Paginator(questions, QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "learning/knowledge/question_list.html", {"page": page, "search": search}
    )


def _question_form(request: HttpRequest, question: Question | None) -> HttpResponse:
    form, formset = forms.question_forms(submitted_data(request), question)
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            choices = forms.chosen_answers(form, formset)
            if choices is not None:
                try:
                    services.save_question(
                        request.organisation,  # type: ignore[attr-defined]
                        question=question,
                        kind=form.cleaned_data["kind"],
                        text_sr=form.cleaned_data["text_sr"],
                        text_en=form.cleaned_data["text_en"],
                        choices=choices,
                        actor=request.user,
                    )
                except services.KnowledgeRefused as refused:
                    form.add_error(None, refused.message)
                else:
                    messages.success(request, _("The question is saved."))
                    return redirect("learning:question_list")
        status = 400
    context = {"form": form, "formset": formset, "question": question}
    return render(request, "learning/knowledge/question_form.html", context, status=status)


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def question_add(request: HttpRequest) -> HttpResponse:
    return _question_form(request, None)


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.filter(organisation=request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    return _question_form(request, question)


# --- A training's test --------------------------------------------------------------------------


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _test_or_404(training: Training) -> KnowledgeTest:
    test = queries.test_of(training)
    if test is None:
        raise Http404
    return test


def quiz_url(test: KnowledgeTest, phase: str) -> str:
    """The full address participants open (or scan) for one phase."""
    path = reverse("learning:quiz", args=[test.token, phase])
    return settings.SITE_URL.rstrip("/") + path


@requires(Capability.RUN_LEARNING)
@require_safe
def knowledge_test(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    test = queries.test_of(training)
    context: dict[str, Any] = {"training": training, "test": test}
    if test is not None:
        counts = queries.attempt_counts(test)
        context["items"] = queries.test_items(test)
        context["phases"] = [
            {
                "value": phase.value,
                "label": phase.label,
                "open": test.is_open(phase),
                "count": counts[phase],
                "url": quiz_url(test, phase),
                "qr": qr_data_uri(quiz_url(test, phase), scale=6),
            }
            for phase in Phase
        ]
    return render(request, "learning/knowledge/test_detail.html", context)


@requires(Capability.RUN_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def knowledge_test_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    test = queries.test_of(training)
    bank = list(queries.questions_for(request.organisation))  # type: ignore[attr-defined]
    initial = (
        forms.test_form_initial(list(test.items.all()), test.anonymous, test.pass_mark)
        if test
        else {}
    )
    form = forms.KnowledgeTestForm(submitted_data(request), questions=bank, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_test(
                    training,
                    questions=form.cleaned_data["questions"],
                    anonymous=form.cleaned_data["anonymous"],
                    pass_mark=form.cleaned_data["pass_mark"],
                    actor=request.user,
                )
            except services.KnowledgeRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The knowledge test is saved."))
                return redirect("learning:knowledge_test", pk=training.pk)
        status = 400
    context = {"training": training, "test": test, "form": form}
    return render(request, "learning/knowledge/test_form.html", context, status=status)


@requires(Capability.RUN_LEARNING)
@require_POST
def knowledge_phase(request: HttpRequest, pk: int, phase: str) -> HttpResponse:
    training = _training_or_404(request, pk)
    test = _test_or_404(training)
    is_open = request.POST.get("open") == "1"
    try:
        services.set_phase_open(test, phase, is_open=is_open, actor=request.user)
    except services.KnowledgeRefused as refused:
        messages.error(request, refused.message)
    else:
        label = Phase(phase).label
        if is_open:
            messages.success(request, _("%(phase)s is open.") % {"phase": label})
        else:
            messages.success(request, _("%(phase)s is closed.") % {"phase": label})
    return redirect("learning:knowledge_test", pk=training.pk)


@requires(Capability.RUN_LEARNING)
@require_safe
def knowledge_results(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    test = _test_or_404(training)
    results = queries.knowledge_results(test)
    return render(
        request,
        "learning/knowledge/results.html",
        {"training": training, "test": test, "results": results},
    )


# --- The participant's quiz ---------------------------------------------------------------------


def _participants(request: HttpRequest, test: KnowledgeTest) -> list[Registration]:
    """Who may be answering on this phone: the registration in `?r=`, else the registrations of
    this training whose links were opened in this browser."""
    token = request.GET.get("r") or request.POST.get("r") or ""
    registration_id = registration_id_from(token) if token else None
    if registration_id is not None:
        ids = [registration_id]
    else:
        ids = [pk for pk in request.session.get(MY_REGISTRATIONS_KEY, []) if isinstance(pk, int)]
    if not ids:
        return []
    found = list(
        Registration.objects.filter(
            pk__in=ids, training_id=test.training_id, anonymised_at__isnull=True
        ).order_by("first_name", "pk")
    )
    if registration_id is not None and found:
        mine = list(request.session.get(MY_REGISTRATIONS_KEY, []))
        if registration_id not in mine:
            request.session[MY_REGISTRATIONS_KEY] = [*mine, registration_id]
    return found


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def quiz(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    test = queries.test_by_token(token)
    if test is None or phase not in Phase.values:
        raise Http404
    context: dict[str, Any] = {
        "test": test,
        "training": test.training,
        "phase": Phase(phase),
    }
    posted = request.method == "POST"
    if not test.is_open(phase):
        context["refusal"] = _("This test is closed. Ask your trainer when it opens.")
        return render(
            request, "learning/knowledge/quiz.html", context, status=409 if posted else 200
        )
    registration: Registration | None = None
    if not test.anonymous:
        people = _participants(request, test)
        if not people:
            return render(request, "learning/knowledge/quiz_who.html", context)
        if len(people) > 1 and not (request.GET.get("r") or request.POST.get("r")):
            context["people"] = [(p, registration_token(p.pk)) for p in people]
            return render(request, "learning/knowledge/quiz_who.html", context)
        registration = people[0]
        context["registration"] = registration
        context["registration_token"] = registration_token(registration.pk)
        done = queries.attempt_of(test, phase, registration)
        if done is not None:
            context["attempt"] = done
            context["already"] = True
            return render(
                request, "learning/knowledge/quiz_done.html", context, status=409 if posted else 200
            )
    items = queries.test_items(test)
    form = forms.QuizForm(request.POST if posted else None, items=items, anonymous=test.anonymous)
    status = 200
    if posted:
        if form.is_valid():
            try:
                attempt = services.submit_attempt(
                    test,
                    phase,
                    form.selections(),
                    registration=registration,
                    code=form.cleaned_data.get("code", ""),
                )
            except services.AlreadyAnswered as refused:
                context.update(refusal=refused.message, already=True)
                return render(request, "learning/knowledge/quiz_done.html", context, status=409)
            except services.KnowledgeRefused as refused:
                form.add_error(None, refused.message)
            else:
                context["attempt"] = attempt
                if registration is not None:
                    registration.refresh_from_db(fields=["post_test_passed"])
                return render(request, "learning/knowledge/quiz_done.html", context)
        status = 400
    context["form"] = form
    return render(request, "learning/knowledge/quiz.html", context, status=status)

"""Where learning starts: the index of the learning tools and, for each training, its hub with
the barometer, the knowledge test, the evaluation, the action plans and the report."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.access import Capability, requires
from learning.queries.report import barometer_sessions_of
from training.queries import trainings_for

TRAININGS_PER_PAGE = 50


@dataclass(frozen=True)
class Tool:
    """A link to one learning page: its label, URL name and whether it takes the training's pk."""

    label: str | Promise
    url_name: str
    per_training: bool = False
    capability: Capability = Capability.RUN_LEARNING


@dataclass(frozen=True)
class Area:
    """A learning area as the index and the hub present it."""

    heading: str | Promise
    description: str | Promise
    tools: tuple[Tool, ...]


RUN, MANAGE = Capability.RUN_LEARNING, Capability.MANAGE_LEARNING

# The organisation-wide pages of each area (the index).
INDEX_AREAS: tuple[Area, ...] = (
    Area(
        _("Social Barometer"),
        _(
            "Statements about trafficking with the correct answer and an explanation, and decks "
            "of statements to put to the room."
        ),
        (
            Tool(_("Statement bank"), "learning:barometer_statements"),
            Tool(_("Decks"), "learning:barometer_decks"),
        ),
    ),
    Area(
        _("Knowledge tests"),
        _("The question bank from which each training's pre- and post-test is made."),
        (Tool(_("Question bank"), "learning:question_list"),),
    ),
    Area(
        _("Evaluations"),
        _("Each programme's questionnaire, answered anonymously at the end of its trainings."),
        (Tool(_("Questionnaires"), "learning:questionnaires", capability=MANAGE),),
    ),
    Area(
        _("Action plans"),
        _("What schools plan after a training and the follow-up workshops they ask for."),
        (
            Tool(
                _("Action plans and workshop requests"),
                "learning:plans_overview",
                capability=MANAGE,
            ),
        ),
    ),
)

# The pages of each area for one training (the hub).
HUB_AREAS: tuple[Area, ...] = (
    Area(
        _("Social Barometer"),
        _(
            "Start a session, put statements to the room, show the projector and reveal the "
            "answers."
        ),
        (Tool(_("Barometer sessions"), "learning:barometer_training", per_training=True),),
    ),
    Area(
        _("Knowledge test"),
        _("The test taken at the start and at the end; open each phase when the room is ready."),
        (
            Tool(_("Knowledge test"), "learning:knowledge_test", per_training=True),
            Tool(_("Test results and gain"), "learning:knowledge_results", per_training=True),
        ),
    ),
    Area(
        _("Evaluation"),
        _("The programme's questionnaire, answered anonymously by link or QR code."),
        (
            Tool(_("Evaluation"), "learning:evaluation", per_training=True),
            Tool(_("Evaluation results"), "learning:evaluation_results", per_training=True),
        ),
    ),
    Area(
        _("Action plans"),
        _("Small groups write their school's plan and ask for follow-up workshops."),
        (Tool(_("Groups and their plans"), "learning:plan_groups", per_training=True),),
    ),
)


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str


def _links(request: HttpRequest, areas: tuple[Area, ...], pk: int | None = None) -> list[dict]:
    """The areas with the links the user may follow, as dicts for the template."""
    capabilities: frozenset[Capability] = getattr(request, "capabilities", frozenset())
    result = []
    for area in areas:
        links = [
            Link(tool.label, reverse(tool.url_name, args=[pk] if tool.per_training else []))
            for tool in area.tools
            if tool.capability in capabilities
        ]
        if links:
            result.append(
                {"heading": area.heading, "description": area.description, "links": links}
            )
    return result


@requires(Capability.RUN_LEARNING)
def index(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    trainings = trainings_for(organisation).order_by("-starts_on", "-pk")
    page = Paginator(trainings, TRAININGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"areas": _links(request, INDEX_AREAS), "page": page}
    return render(request, "learning/index.html", context)


@requires(Capability.RUN_LEARNING)
def training_hub(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    context = {
        "training": training,
        "areas": _links(request, HUB_AREAS, training.pk),
        "sessions": list(barometer_sessions_of(training)),
    }
    return render(request, "learning/training_hub.html", context)

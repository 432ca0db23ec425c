"""The demo's learning data: the 2023 trainings have a barometer with a shift, a test with a gain,
an evaluation with quotable comments and action plans with requests in every follow-up state;
loading twice writes nothing new and sends no e-mail, and the report of a demo training opens."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Avg
from django.urls import reverse

from conftest import sign_in
from core.models import User
from learning import models
from learning.demo import STATEMENTS, TRAININGS_2023
from training.models import Training

pytestmark = pytest.mark.django_db

COUNTED = (
    models.Statement,
    models.Deck,
    models.BarometerSession,
    models.BarometerRound,
    models.BarometerVote,
    models.Question,
    models.KnowledgeTest,
    models.Attempt,
    models.Questionnaire,
    models.Evaluation,
    models.EvaluationResponse,
    models.EvaluationAnswer,
    models.PlanGroup,
    models.PlanActivity,
    models.WorkshopRequest,
)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in COUNTED)


@pytest.fixture
def seeded() -> str:
    return seed()


def test_seeding_twice_gives_the_same_counts_and_sends_no_email(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        seed()
        first = counts()
        seed()

    assert counts() == first
    assert all(first), dict(zip([m.__name__ for m in COUNTED], first, strict=True))
    assert mail.outbox == []


def test_the_deck_holds_fifteen_statements_in_both_languages_with_explanations(seeded):
    deck = models.Deck.objects.get()
    statements = [entry.statement for entry in deck.entries.select_related("statement")]

    assert len(statements) == len(STATEMENTS) == 15
    assert all(s.text_en and s.explanation_sr and s.explanation_en for s in statements)
    assert {s.correct_answer for s in statements} == {"agree", "disagree"}
    assert all(s.topics.exists() for s in statements)


def test_each_2023_training_shows_learning_the_report_can_tell(seeded):
    for slug in TRAININGS_2023:
        training = Training.objects.get(slug=slug)
        test = training.knowledge_test
        pre = test.attempts.filter(phase="pre").aggregate(avg=Avg("score"))["avg"]
        post = test.attempts.filter(phase="post").aggregate(avg=Avg("score"))["avg"]
        requests = models.WorkshopRequest.objects.filter(group__training=training)

        assert training.barometer_sessions.get().rounds.count() == 9
        assert post > pre + 2
        assert test.items.count() == 8
        assert training.evaluation.responses.count() >= 10
        assert (
            2
            <= models.EvaluationAnswer.objects.filter(
                response__evaluation__training=training, shareable=True
            ).count()
            <= 3
        )
        assert 2 <= training.plan_groups.count() <= 3
        assert requests.count() == training.plan_groups.count()
    states = set(models.WorkshopRequest.objects.values_list("status", flat=True))
    assert states == {"requested", "planned", "done", "postponed", "declined"}


def test_the_report_of_a_demo_training_renders_as_page_and_pdf(seeded, client):
    training = Training.objects.get(slug=TRAININGS_2023[0])
    sign_in(client, User.objects.get(username="coordinator"))

    page = client.get(reverse("learning:training_report", args=[training.pk]), {"language": "sr"})
    pdf = client.get(reverse("learning:training_report_pdf", args=[training.pk]))

    assert page.status_code == 200
    assert len(page.context["sections"]) == 4
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_the_report_takes_as_many_queries_for_29_participants_as_for_13(seeded, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, User.objects.get(username="coordinator"))
    client.get(reverse("learning:index"))  # the session and caches warmed up
    queries = []
    for slug in (TRAININGS_2023[0], TRAININGS_2023[1]):  # Belgrade 13, Novi Sad 29
        training = Training.objects.get(slug=slug)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("learning:training_report", args=[training.pk]))
        assert response.status_code == 200
        queries.append(len(captured))

    assert queries[0] == queries[1]
    assert queries[1] <= 60

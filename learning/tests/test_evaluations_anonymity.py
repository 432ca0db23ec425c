"""Anonymous evaluations stay anonymous: no table links a response to a registration or a person,
and nothing finer than the day says when it was given."""

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from core.models import AuditEntry
from learning.models import EvaluationAnswer, EvaluationResponse
from learning.tests.factories_evaluations import EvaluationFactory, item_at
from training.models import Registration
from training.tests.factories import AttendanceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PERSONAL_MODELS = {Registration, get_user_model()}


@pytest.mark.parametrize("model", [EvaluationResponse, EvaluationAnswer])
def test_responses_have_no_link_to_a_registration_or_a_user(model) -> None:
    related = {field.related_model for field in model._meta.get_fields() if field.is_relation}
    # Following the relations one step further must not reach them either (response → answers).
    for relation in list(related):
        if relation in {EvaluationResponse, EvaluationAnswer}:
            related |= {f.related_model for f in relation._meta.get_fields() if f.is_relation}

    assert related & PERSONAL_MODELS == set()


@pytest.mark.parametrize("model", [EvaluationResponse, EvaluationAnswer])
def test_responses_keep_no_time_finer_than_the_day(model) -> None:
    assert not [f.name for f in model._meta.fields if isinstance(f, models.DateTimeField)]


def test_a_submission_writes_no_personal_data(client) -> None:
    evaluation = EvaluationFactory()
    participant = RegistrationFactory(training=evaluation.training, first_name="Jelena")
    AttendanceFactory(registration=participant)
    audit_entries = AuditEntry.objects.count()
    data = {f"item_{item.pk}": "4" for item in evaluation.questionnaire.items.filter(kind="likert")}
    data[f"item_{item_at(evaluation, 6).pk}"] = "Korisno."

    response = client.post(
        reverse("learning:evaluate", args=[evaluation.token]),
        data,
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 302
    stored = EvaluationResponse.objects.get()
    assert [f.name for f in EvaluationResponse._meta.concrete_fields] == [
        "id",
        "evaluation",
        "submitted_on",
    ]
    assert stored.evaluation == evaluation
    # No audit entry either: it would keep the time to the second and the address.
    assert AuditEntry.objects.count() == audit_entries
    texts = list(EvaluationAnswer.objects.values_list("text", flat=True))
    assert not any("203.0.113.7" in text or "Jelena" in text for text in texts)

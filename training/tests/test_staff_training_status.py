"""A training moves draft → open → closed → held → reported; any other move is refused with a
message, never an error page."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Role
from training.models import Training, TrainingStatus
from training.services.trainings import StatusChangeRefused, change_status
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def _post_status(client, training, status):
    return client.post(
        reverse("training:training_status", args=[training.pk]), {"status": status}, follow=True
    )


def test_coordinator_walks_a_training_through_the_whole_flow(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, status=TrainingStatus.DRAFT)

    for status in ["open", "closed", "held", "reported"]:
        response = _post_status(coordinator_client, training, status)
        assert response.status_code == 200
        training.refresh_from_db()
        assert training.status == status

    changes = AuditEntry.objects.filter(object_type="training.training", action="update")
    assert [e.summary for e in changes.order_by("sequence")] == [
        "training status draft -> open",
        "training status open -> closed",
        "training status closed -> held",
        "training status held -> reported",
    ]


@pytest.mark.parametrize(
    ("current", "wanted"),
    [("draft", "held"), ("open", "reported"), ("reported", "open"), ("held", "draft")],
)
def test_a_move_outside_the_flow_is_refused_with_a_message(
    coordinator_client, organisation, current, wanted
):
    training = TrainingFactory(organisation=organisation, status=current)

    response = _post_status(coordinator_client, training, wanted)

    assert response.redirect_chain[-1][0] == reverse("training:training_detail", args=[training.pk])
    assert "cannot become" in response.content.decode()
    training.refresh_from_db()
    assert training.status == current


def test_an_unknown_status_is_refused_with_a_message(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation)

    response = _post_status(coordinator_client, training, "published")

    assert response.status_code == 200
    assert Training.objects.get().status == TrainingStatus.OPEN


def test_a_training_without_days_cannot_open(organisation):
    training = TrainingFactory(organisation=organisation, status="draft", days=[])

    with pytest.raises(StatusChangeRefused):
        change_status(training, TrainingStatus.OPEN)

    assert Training.objects.get().status == TrainingStatus.DRAFT


def test_the_page_offers_only_the_allowed_moves(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, status=TrainingStatus.CLOSED)

    page = coordinator_client.get(reverse("training:training_detail", args=[training.pk]))

    offered = [value for value, _label in page.context["next_statuses"]]
    assert offered == ["open", "held"]


def test_a_trainer_cannot_change_the_status(client_as, organisation):
    training = TrainingFactory(organisation=organisation)

    response = _post_status(client_as(Role.TRAINER), training, "closed")

    assert response.status_code == 403
    assert Training.objects.get().status == TrainingStatus.OPEN

"""The trainer's groups page: a group is made of the participants' institutions and gets an
unguessable link with a QR code; plan collection opens and closes; staff may always edit."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Role
from core.tests.factories import InstitutionFactory
from learning.models.plans import PlanActivity, PlanCollection, PlanGroup
from learning.tests.factories_plans import PlanCollectionFactory, PlanGroupFactory
from training.models import RegistrationStatus
from training.tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation)


@pytest.fixture
def trainer_client(client_as):
    return client_as(Role.TRAINER)


def test_trainer_creates_a_group_of_participants_schools_and_gets_its_link(
    trainer_client, training
):
    first = RegistrationFactory(training=training).institution
    second = RegistrationFactory(training=training).institution

    response = trainer_client.post(
        reverse("learning:plan_groups", kwargs={"pk": training.pk}),
        {"name": "Grupa Čačak", "institutions": [first.pk, second.pk]},
        follow=True,
    )

    group = PlanGroup.objects.get()
    assert set(group.institutions.all()) == {first, second}
    assert len(group.token) >= 32
    page = response.content.decode()
    assert reverse("learning:plan_public", kwargs={"token": group.token}) in page
    assert 'src="data:image/' in page
    assert AuditEntry.objects.filter(object_type="learning.plangroup", action="create").exists()


def test_only_institutions_of_confirmed_participants_can_be_chosen(trainer_client, training):
    RegistrationFactory(training=training)
    outsider = InstitutionFactory(organisation=training.organisation, name="OŠ Daleka")
    cancelled = RegistrationFactory(training=training, status=RegistrationStatus.CANCELLED)

    response = trainer_client.post(
        reverse("learning:plan_groups", kwargs={"pk": training.pk}),
        {"name": "Grupa", "institutions": [outsider.pk, cancelled.institution.pk]},
    )

    assert response.status_code == 400
    assert "OŠ Daleka" not in response.content.decode()
    assert not PlanGroup.objects.exists()


def test_a_group_name_is_used_once_per_training(trainer_client, training):
    group = PlanGroupFactory(training=training, name="Grupa 1")

    response = trainer_client.post(
        reverse("learning:plan_groups", kwargs={"pk": training.pk}),
        {"name": "grupa 1", "institutions": [group.institutions.first().pk]},
    )

    assert response.status_code == 400
    assert "already has a group with that name" in response.content.decode()
    assert PlanGroup.objects.count() == 1


def test_trainer_opens_and_closes_plan_collection(trainer_client, training):
    url = reverse("learning:plan_collection", kwargs={"pk": training.pk})

    trainer_client.post(url, {"open": "1"})
    assert PlanCollection.objects.get(training=training).is_open

    trainer_client.post(url, {"open": "0"})
    assert not PlanCollection.objects.get(training=training).is_open
    assert AuditEntry.objects.filter(object_type="learning.plancollection").count() == 2


def test_staff_can_edit_a_plan_after_collection_closed(trainer_client, training):
    group = PlanGroupFactory(training=training)
    PlanCollectionFactory(training=training, is_open=False)
    data = {
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-0-what": "Tribina za roditelje",
        "activities-0-audience": "roditelji",
        "activities-0-lead": "direktor",
        "activities-0-when": "05/2027",
        "requests-TOTAL_FORMS": "0",
        "requests-INITIAL_FORMS": "0",
    }

    response = trainer_client.post(
        reverse("learning:plan_group", kwargs={"pk": group.pk}), data, follow=True
    )

    assert "Your plan was saved." in response.content.decode()
    assert PlanActivity.objects.get().what == "Tribina za roditelje"


def test_groups_page_lists_groups_in_constant_queries(
    trainer_client, training, django_assert_max_num_queries
):
    for _ in range(2):
        PlanGroupFactory(training=training)
    url = reverse("learning:plan_groups", kwargs={"pk": training.pk})
    with django_assert_max_num_queries(20) as few:
        trainer_client.get(url)
    for _ in range(4):
        PlanGroupFactory(training=training)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = trainer_client.get(url)
    assert response.status_code == 200


def test_another_organisations_training_and_group_are_not_found(
    client_as, training, other_organisation
):
    group = PlanGroupFactory(training=training)
    outsider = client_as(Role.TRAINER, other_organisation)

    assert (
        outsider.get(reverse("learning:plan_groups", kwargs={"pk": training.pk})).status_code == 404
    )
    assert outsider.get(reverse("learning:plan_group", kwargs={"pk": group.pk})).status_code == 404

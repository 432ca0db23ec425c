"""The group's public plan page: opened by its link without an account, saved all or nothing,
read-only once the trainer closes plan collection."""

from datetime import date

import pytest
from django.urls import reverse

from core.models import AuditEntry
from core.tests.factories import InstitutionFactory
from learning.models.plans import PlanActivity, WorkshopRequest, WorkshopRequestStatus
from learning.tests.factories_plans import (
    PlanActivityFactory,
    PlanCollectionFactory,
    PlanGroupFactory,
    WorkshopRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    group = PlanGroupFactory(training__organisation=organisation, name="Čačak škole")
    PlanCollectionFactory(training=group.training, is_open=True)
    return group


def _url(group):
    return reverse("learning:plan_public", kwargs={"token": group.token})


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _plan_data(group, activities, requests=(), initial_requests=0):
    data = {
        **_management("activities", len(activities)),
        **_management("requests", len(requests), initial_requests),
    }
    for index, row in enumerate(activities):
        for name, value in row.items():
            data[f"activities-{index}-{name}"] = value
    for index, row in enumerate(requests):
        for name, value in row.items():
            data[f"requests-{index}-{name}"] = value
    return data


def _activity(**overrides):
    return {
        "what": "Radionica o vrbovanju",
        "audience": "učenici 7. razreda",
        "lead": "Jelena, pedagoškinja",
        "when": "03/2027",
        **overrides,
    }


def _request(group, **overrides):
    return {
        "institution": str(group.institutions.first().pk),
        "topic": "Bezbednost na internetu",
        "audience": "roditelji",
        "preferred_period": "april 2027",
        "expected_participants": "35",
        **overrides,
    }


def test_the_group_link_opens_the_plan_form_without_an_account(client, group):
    response = client.get(_url(group))

    assert response.status_code == 200
    assert "Čačak škole" in response.content.decode()
    assert 'name="activities-TOTAL_FORMS"' in response.content.decode()


def test_a_wrong_token_is_not_found(client, group):
    response = client.get(reverse("learning:plan_public", kwargs={"token": group.token + "x"}))

    assert response.status_code == 404


def test_the_group_saves_activities_and_a_workshop_request(client, group):
    data = _plan_data(
        group,
        [_activity(), _activity(what="Roditeljski sastanak", when="after the winter break")],
        [_request(group)],
    )

    response = client.post(_url(group), data, follow=True)

    assert "Your plan was saved." in response.content.decode()
    first, second = PlanActivity.objects.filter(group=group)
    assert (first.when_month, first.when_text) == (date(2027, 3, 1), "")
    assert (second.when_month, second.when_text) == (None, "after the winter break")
    request = WorkshopRequest.objects.get()
    assert (request.group, request.organisation, request.expected_participants) == (
        group,
        group.organisation,
        35,
    )
    assert request.status == WorkshopRequestStatus.REQUESTED
    assert AuditEntry.objects.filter(object_type="learning.plangroup", action="update").exists()


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("3.2027", date(2027, 3, 1)),
        ("March 2027", date(2027, 3, 1)),
        ("март 2027.", date(2027, 3, 1)),
        ("2027-11", date(2027, 11, 1)),
    ],
)
def test_a_month_typed_in_any_usual_way_is_kept_as_a_date(client, group, typed, month):
    client.post(_url(group), _plan_data(group, [_activity(when=typed)]))

    assert PlanActivity.objects.get().when_month == month


def test_invalid_rows_are_refused_with_messages_and_nothing_is_written(client, group):
    PlanActivityFactory(group=group, what="Stara aktivnost")
    other_school = InstitutionFactory(organisation=group.organisation)
    data = _plan_data(
        group,
        [_activity(), _activity(lead="")],
        [_request(group, institution=str(other_school.pk), expected_participants="0")],
    )

    response = client.post(_url(group), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Say who leads the activity." in page
    assert "Choose one of the group&#x27;s institutions." in page
    assert "Expect at least one participant." in page
    assert "The plan was not saved" in page
    assert list(PlanActivity.objects.values_list("what", flat=True)) == ["Stara aktivnost"]
    assert not WorkshopRequest.objects.exists()


def test_a_plan_without_activities_is_refused(client, group):
    response = client.post(_url(group), _plan_data(group, [], [_request(group)]))

    assert response.status_code == 400
    assert "Add at least one activity to the plan." in response.content.decode()
    assert not WorkshopRequest.objects.exists()


def test_a_removed_row_is_deleted_and_a_followed_up_request_is_kept(client, group):
    open_request = WorkshopRequestFactory(group=group, topic="Za brisanje")
    planned = WorkshopRequestFactory(
        group=group, topic="U pripremi", status=WorkshopRequestStatus.PLANNED
    )
    data = _plan_data(
        group,
        [_activity()],
        [_request(group, pk=str(open_request.pk), DELETE="on")],
        initial_requests=1,
    )

    client.post(_url(group), data)

    assert list(WorkshopRequest.objects.values_list("pk", flat=True)) == [planned.pk]


def test_closed_collection_shows_the_plan_read_only_and_refuses_changes(client, group):
    PlanCollectionFactory(training=group.training).__class__.objects.filter(
        training=group.training
    ).update(is_open=False)
    PlanActivityFactory(group=group, what="Čas o bezbednosti")

    page = client.get(_url(group)).content.decode()
    response = client.post(_url(group), _plan_data(group, [_activity(what="Nova")]), follow=True)

    assert "Plan collection for this training is closed" in page
    assert "Čas o bezbednosti" in page
    assert 'name="activities-TOTAL_FORMS"' not in page
    assert "nothing was saved" in response.content.decode()
    assert list(PlanActivity.objects.values_list("what", flat=True)) == ["Čas o bezbednosti"]


def test_without_a_collection_row_the_page_is_read_only(client, organisation):
    group = PlanGroupFactory(training__organisation=organisation)

    page = client.get(_url(group)).content.decode()

    assert "Plan collection for this training is closed" in page

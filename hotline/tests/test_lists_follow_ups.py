"""Follow-up tasks: adding one on a contact's page (and being refused with a message), the "My
follow-ups" list with the most overdue first, the organisation-wide toggle, and marking done."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, Role
from hotline.models import FollowUp
from hotline.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

FOLLOW_UPS = reverse("hotline:follow_ups")


@pytest.fixture
def contact(organisation, consultant):  # type: ignore[no-untyped-def]
    return ContactFactory(organisation=organisation, consultant=consultant)


def task(contact, assigned_to, due_in_days: int, description: str = "Nazvati", **fields):  # type: ignore[no-untyped-def]
    return FollowUp.objects.create(
        organisation=contact.organisation,
        contact=contact,
        description=description,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
        assigned_to=assigned_to,
        **fields,
    )


def add(client, contact, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("hotline:follow_up_add", args=[contact.pk]), data)


def test_adding_a_follow_up_assigns_it_and_returns_to_the_contact(
    consultant_client, contact, member
):
    colleague = member(Role.SOS_CONSULTANT)
    due = timezone.localdate() + timedelta(days=2)

    response = add(
        consultant_client,
        contact,
        description="Provjeriti agenciju u registru",
        due_on=due.isoformat(),
        assigned_to=colleague.pk,
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:contact_detail", args=[contact.pk])
    follow_up = FollowUp.objects.get(contact=contact)
    assert (follow_up.description, follow_up.due_on, follow_up.assigned_to) == (
        "Provjeriti agenciju u registru",
        due,
        colleague,
    )
    assert AuditEntry.objects.filter(
        action="update", object_id=str(contact.pk), summary="follow-up added"
    ).exists()
    page = consultant_client.get(response["Location"]).content.decode()
    assert "Follow-up added." in page and "Provjeriti agenciju u registru" in page


def test_today_is_a_valid_due_date(consultant_client, contact, consultant):
    response = add(
        consultant_client,
        contact,
        description="Danas",
        due_on=timezone.localdate().isoformat(),
        assigned_to=consultant.pk,
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"due_on": "2001-01-01"}, "The due date cannot be in the past."),
        ({"description": "   "}, "This field is required."),
        ({"description": "x" * 501}, "at most 500 characters"),
        ({"due_on": "sutra"}, "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(
    consultant_client, contact, consultant, change, message
):
    data = {
        "description": "Nazvati",
        "due_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        "assigned_to": consultant.pk,
        **change,
    }

    response = add(consultant_client, contact, **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_user_of_another_organisation_cannot_be_assigned(
    consultant_client, contact, member, other_organisation
):
    outsider = member(Role.SOS_CONSULTANT, other_organisation)
    researcher = member(Role.RESEARCHER)

    for assignee in (outsider, researcher):
        response = add(
            consultant_client,
            contact,
            description="Nazvati",
            due_on=(timezone.localdate() + timedelta(days=1)).isoformat(),
            assigned_to=assignee.pk,
        )
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_follow_up_cannot_be_added_to_another_organisations_contact(
    consultant_client, consultant, other_organisation
):
    theirs = ContactFactory(organisation=other_organisation)

    response = add(
        consultant_client,
        theirs,
        description="Nazvati",
        due_on=(timezone.localdate() + timedelta(days=1)).isoformat(),
        assigned_to=consultant.pk,
    )

    assert response.status_code == 404


def test_my_follow_ups_lists_only_mine_with_the_most_overdue_first(
    consultant_client, contact, consultant, member
):
    colleague = member(Role.SOS_CONSULTANT)
    later = task(contact, consultant, 5, "Kasnije")
    overdue = task(contact, consultant, -3, "Zakasnilo")
    today = task(contact, consultant, 0, "Danas")
    task(contact, colleague, -10, "Kolegin zadatak")
    task(contact, consultant, -1, "Gotovo", done_at=timezone.now(), done_by=consultant)

    response = consultant_client.get(FOLLOW_UPS)

    assert [f.pk for f in response.context["page"]] == [overdue.pk, today.pk, later.pk]
    content = response.content.decode()
    assert "Kolegin zadatak" not in content
    assert reverse("hotline:contact_detail", args=[contact.pk]) in content
    assert [f.description for f in response.context["done"]] == ["Gotovo"]


def test_all_open_follow_ups_of_the_organisation_on_request(
    consultant_client, contact, consultant, member, other_organisation
):
    colleague = member(Role.SOS_CONSULTANT)
    mine = task(contact, consultant, 1)
    theirs = task(contact, colleague, -1)
    task(ContactFactory(organisation=other_organisation), colleague, -5, "Tuđe")

    response = consultant_client.get(FOLLOW_UPS, {"all": "1"})

    assert [f.pk for f in response.context["page"]] == [theirs.pk, mine.pk]
    assert "Tuđe" not in response.content.decode()


def test_marking_done_records_who_and_when_and_audits_the_contact(
    consultant_client, contact, consultant
):
    follow_up = task(contact, consultant, 0)

    response = consultant_client.post(
        reverse("hotline:follow_up_done", args=[follow_up.pk]), {"next": FOLLOW_UPS}
    )

    assert response.status_code == 302 and response["Location"] == FOLLOW_UPS
    follow_up.refresh_from_db()
    assert follow_up.done_by == consultant and follow_up.done_at is not None
    entry = AuditEntry.objects.get(action="update", object_type="hotline.contact")
    assert entry.object_id == str(contact.pk)


def test_marking_done_twice_says_so_without_an_error(consultant_client, contact, consultant):
    follow_up = task(contact, consultant, 0)
    url = reverse("hotline:follow_up_done", args=[follow_up.pk])
    consultant_client.post(url)
    first_done_at = FollowUp.objects.get().done_at

    response = consultant_client.post(url, follow=True)

    assert response.status_code == 200
    assert "already been marked done" in response.content.decode()
    assert FollowUp.objects.get().done_at == first_done_at


def test_an_outside_next_address_is_ignored(consultant_client, contact, consultant):
    follow_up = task(contact, consultant, 0)

    response = consultant_client.post(
        reverse("hotline:follow_up_done", args=[follow_up.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == FOLLOW_UPS


def test_another_organisations_follow_up_is_not_found(
    consultant_client, other_organisation, member
):
    theirs = task(
        ContactFactory(organisation=other_organisation),
        member(Role.SOS_CONSULTANT, other_organisation),
        0,
    )

    response = consultant_client.post(reverse("hotline:follow_up_done", args=[theirs.pk]))

    assert response.status_code == 404
    assert FollowUp.objects.get().done_at is None


@pytest.mark.parametrize("how_many", [1, 40])
def test_the_follow_ups_page_costs_a_fixed_number_of_queries(
    consultant_client, consultant, organisation, how_many, django_assert_max_num_queries
):
    for number in range(how_many):
        contact = ContactFactory(organisation=organisation, consultant=consultant)
        task(contact, consultant, number - 5)
        task(contact, consultant, -1, done_at=timezone.now(), done_by=consultant)
    consultant_client.get(FOLLOW_UPS)  # refreshes the session's idle clock

    with django_assert_max_num_queries(11):
        consultant_client.get(FOLLOW_UPS, {"all": "1"})


def test_researchers_cannot_see_follow_ups(client_as):
    assert client_as(Role.RESEARCHER).get(FOLLOW_UPS).status_code == 403

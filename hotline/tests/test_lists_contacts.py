"""The contact list: each filter narrows as a consultant expects, other organisations' contacts
never appear, no name, phone, e-mail or note is shown, and the page costs the same few queries
whether it lists one contact or a full page."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, Role
from hotline.codes import Channel, ContactKind, ContactStatus, Line, RiskLevel, Subject
from hotline.models import FollowUp
from hotline.queries.lists import PAGE_SIZE, contact_page, contacts_matching
from hotline.services.contacts import email_index, phone_index
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db

URL = reverse("hotline:contact_list")


def local(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def contact(organisation, consultant, **fields):  # type: ignore[no-untyped-def]
    return ContactFactory(organisation=organisation, consultant=consultant, **fields)


def listed(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [c.pk for c in response.context["page"]]


def test_lists_recorded_and_received_contacts_newest_first_without_drafts(
    consultant_client, organisation, consultant
):
    older = contact(organisation, consultant, started_at=local(2025, 3, 1, 9, 0))
    newer = contact(organisation, consultant, started_at=local(2025, 3, 2, 9, 0))
    received = contact(
        organisation,
        None,
        status=ContactStatus.RECEIVED,
        channel=Channel.ONLINE_REPORT,
        started_at=local(2025, 3, 3, 9, 0),
    )
    DraftContactFactory(organisation=organisation, consultant=consultant)

    response = consultant_client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [received.pk, newer.pk, older.pk]


def test_month_filter_cuts_at_local_midnight(consultant_client, organisation, consultant):
    # 23:30 on 31 March in Belgrade is 21:30 UTC; 00:10 on 1 April is still 31 March in UTC.
    last_of_march = contact(organisation, consultant, started_at=local(2025, 3, 31, 23, 30))
    first_of_april = contact(organisation, consultant, started_at=local(2025, 4, 1, 0, 10))
    first_of_march = contact(organisation, consultant, started_at=local(2025, 3, 1, 0, 0))
    contact(organisation, consultant, started_at=local(2025, 2, 28, 23, 59))

    march = consultant_client.get(URL, {"month": "2025-03"})
    april = consultant_client.get(URL, {"month": "2025-04"})

    assert listed(march) == [last_of_march.pk, first_of_march.pk]
    assert listed(april) == [first_of_april.pk]


def test_a_period_includes_both_of_its_days(consultant_client, organisation, consultant):
    inside = [
        contact(organisation, consultant, started_at=local(2025, 5, 10, 0, 0)),
        contact(organisation, consultant, started_at=local(2025, 5, 12, 23, 59)),
    ]
    contact(organisation, consultant, started_at=local(2025, 5, 13, 0, 0))
    contact(organisation, consultant, started_at=local(2025, 5, 9, 23, 59))

    response = consultant_client.get(URL, {"date_from": "2025-05-10", "date_to": "2025-05-12"})

    assert sorted(listed(response)) == sorted(c.pk for c in inside)


@pytest.mark.parametrize(
    ("field", "wanted", "other"),
    [
        ("line", Line.MISSING_CHILDREN, Line.SOS),
        ("subject", Subject.JOB_OFFER, Subject.INFORMATION),
        ("risk_level", RiskLevel.HIGH, RiskLevel.LOW),
        ("channel", Channel.EMAIL, Channel.PHONE),
    ],
)
def test_each_code_filter_keeps_only_matching_contacts(
    consultant_client, organisation, consultant, field, wanted, other
):
    match = contact(organisation, consultant, **{field: wanted})
    contact(organisation, consultant, **{field: other})

    response = consultant_client.get(URL, {field: wanted})

    assert listed(response) == [match.pk]


def test_consultant_filter_lists_one_consultants_contacts(
    consultant_client, organisation, consultant, member
):
    colleague = member(Role.SOS_CONSULTANT)
    theirs = contact(organisation, colleague)
    contact(organisation, consultant)

    response = consultant_client.get(URL, {"consultant": colleague.pk})

    assert listed(response) == [theirs.pk]
    assert str(colleague.pk) in [
        str(value) for value, _ in response.context["form"].fields["consultant"].choices
    ]


def test_kind_filter_tells_conversations_from_contacts_without_data(
    consultant_client, organisation, consultant
):
    data = contact(organisation, consultant)
    silent = contact(organisation, consultant, kind=ContactKind.SILENT, subject="")
    hang_up = contact(organisation, consultant, kind=ContactKind.HANG_UP, subject="")

    assert listed(consultant_client.get(URL, {"kind": "data"})) == [data.pk]
    assert sorted(listed(consultant_client.get(URL, {"kind": "non_data"}))) == sorted(
        [silent.pk, hang_up.pk]
    )
    assert listed(consultant_client.get(URL, {"kind": "silent"})) == [silent.pk]


def test_follow_up_due_lists_contacts_with_an_open_task_due_by_today(
    consultant_client, organisation, consultant
):
    today = timezone.localdate()
    overdue, due_today, later, done = (contact(organisation, consultant) for _ in range(4))
    for subject, due_on, done_at in (
        (overdue, today - timedelta(days=2), None),
        (due_today, today, None),
        (later, today + timedelta(days=3), None),
        (done, today - timedelta(days=1), timezone.now()),
    ):
        FollowUp.objects.create(
            organisation=organisation,
            contact=subject,
            description="Nazvati ponovo",
            due_on=due_on,
            assigned_to=consultant,
            done_at=done_at,
        )

    response = consultant_client.get(URL, {"follow_up_due": "on"})

    assert sorted(listed(response)) == sorted([overdue.pk, due_today.pk])


def test_same_as_finds_contacts_from_one_number_however_it_was_typed(
    consultant_client, organisation, consultant
):
    first = contact(
        organisation,
        consultant,
        caller_phone="+381 64 123 4567",
        caller_phone_index=phone_index("+381 64 123 4567"),
        started_at=local(2025, 1, 1, 10, 0),
    )
    again = contact(
        organisation,
        consultant,
        caller_phone="064/123-4567",
        caller_phone_index=phone_index("064/123-4567"),
        started_at=local(2025, 2, 1, 10, 0),
    )
    by_email = contact(
        organisation,
        consultant,
        caller_email="Ana@Example.org",
        caller_email_index=email_index("Ana@Example.org"),
        started_at=local(2025, 3, 1, 10, 0),
    )
    first.caller_email_index = email_index("ana@example.org")
    first.save()
    contact(
        organisation,
        consultant,
        caller_phone="064 123 4568",
        caller_phone_index=phone_index("064 123 4568"),
    )
    contact(organisation, consultant)  # no phone, no e-mail: never "the same" as anyone

    response = consultant_client.get(URL, {"same_as": again.pk})
    from_first = consultant_client.get(URL, {"same_as": first.pk})

    assert listed(response) == [again.pk, first.pk]
    assert listed(from_first) == [by_email.pk, again.pk, first.pk]
    assert "Contacts from the same number or address" in response.content.decode()


def test_same_as_a_contact_without_phone_or_email_lists_nothing(
    consultant_client, organisation, consultant
):
    lonely = contact(organisation, consultant)
    contact(organisation, consultant)

    assert listed(consultant_client.get(URL, {"same_as": lonely.pk})) == []


def test_another_organisations_contacts_never_appear(
    consultant_client, organisation, other_organisation, consultant
):
    ours = contact(organisation, consultant, caller_phone_index=phone_index("0641234567"))
    theirs = ContactFactory(
        organisation=other_organisation, caller_phone_index=phone_index("0641234567")
    )

    assert listed(consultant_client.get(URL)) == [ours.pk]
    # Not even through the repeat-caller link with the other organisation's contact number.
    assert listed(consultant_client.get(URL, {"same_as": theirs.pk})) == []
    assert listed(consultant_client.get(URL, {"same_as": ours.pk})) == [ours.pk]


def test_the_list_never_shows_a_callers_name_phone_email_or_notes(
    consultant_client, organisation, consultant
):
    contact(
        organisation,
        consultant,
        caller_name="Milica Stanković",
        caller_phone="+381 63 987 6543",
        caller_email="milica.s@example.org",
        notes="Ponuda za posao u Beču, pasoš zadržan.",
    )

    content = consultant_client.get(URL).content.decode()

    for secret in ("Milica", "987 6543", "milica.s@example.org", "Beču"):
        assert secret not in content


def test_an_invalid_filter_is_shown_and_ignored_not_a_server_error(
    consultant_client, organisation, consultant
):
    one = contact(organisation, consultant)

    response = consultant_client.get(
        URL, {"month": "2025-13", "subject": "nonsense", "consultant": "x", "same_as": "-4"}
    )

    assert response.status_code == 200
    assert listed(response) == [one.pk]
    assert response.context["form"].errors.keys() >= {"month", "subject", "consultant"}


def test_viewing_the_list_is_audited_with_its_filters_only(
    consultant_client, organisation, consultant
):
    contact(organisation, consultant, caller_name="Milica Stanković")

    consultant_client.get(URL, {"month": "2025-03", "subject": "job_offer"})

    entry = AuditEntry.objects.get(action="read", object_type="hotline.contact")
    assert entry.object_id == ""
    assert "month=2025-03" in entry.summary and "subject=job_offer" in entry.summary
    assert "Milica" not in entry.summary


def test_a_page_holds_twenty_five_contacts(consultant_client, organisation, consultant):
    ContactFactory.create_batch(26, organisation=organisation, consultant=consultant)

    first = consultant_client.get(URL)
    second = consultant_client.get(URL, {"page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 1


@pytest.mark.parametrize("filters", [{}, {"month": "2025-03", "subject": "job_offer"}])
@pytest.mark.parametrize("how_many", [1, 60])
def test_the_list_costs_the_same_few_queries_whatever_it_holds(
    consultant_client,
    organisation,
    consultant,
    member,
    how_many,
    filters,
    django_assert_max_num_queries,
):
    colleagues = [consultant, member(Role.SOS_CONSULTANT)]
    for index in range(how_many):
        row = contact(
            organisation,
            colleagues[index % 2],
            subject=Subject.JOB_OFFER,
            started_at=local(2025, 3, 1 + index % 28, 12, 0),
        )
        FollowUp.objects.create(
            organisation=organisation,
            contact=row,
            description="Provjeriti agenciju",
            due_on=date(2025, 4, 1),
            assigned_to=consultant,
        )

    # The first request of a session refreshes its idle clock (a session write, once a minute).
    consultant_client.get(URL)

    with django_assert_max_num_queries(12):
        response = consultant_client.get(URL, filters)

    assert len(listed(response)) == min(how_many, PAGE_SIZE)
    assert all(c.open_follow_ups == 1 for c in response.context["page"])


def test_pages_of_mixed_statuses_follow_the_date_order(organisation, consultant):
    for day in range(1, 29):
        status = ContactStatus.RECEIVED if day % 3 == 0 else ContactStatus.RECORDED
        contact(organisation, consultant, status=status, started_at=local(2025, 3, day, 12, 0))
        contact(organisation, consultant, status=status, started_at=local(2025, 3, day, 12, 0))
    expected = list(contacts_matching(organisation, {}).values_list("pk", flat=True))

    paged = [c.pk for number in (1, 2, 3) for c in contact_page(organisation, {}, number)]

    assert paged == expected
    assert contact_page(organisation, {"subject": "information"}, 2).paginator.count == 56


def test_contacts_matching_combines_filters(organisation, consultant):
    match = contact(
        organisation,
        consultant,
        subject=Subject.JOB_OFFER,
        line=Line.SOS,
        started_at=local(2025, 3, 10, 12, 0),
    )
    contact(organisation, consultant, subject=Subject.JOB_OFFER, started_at=local(2025, 4, 1, 12))
    contact(organisation, consultant, subject=Subject.OTHER, started_at=local(2025, 3, 10, 12))

    found = contacts_matching(
        organisation, {"month": date(2025, 3, 1), "subject": Subject.JOB_OFFER, "line": Line.SOS}
    )

    assert list(found) == [match]


def test_researchers_and_case_managers_cannot_open_the_list(client_as):
    assert client_as(Role.RESEARCHER).get(URL).status_code == 403
    assert client_as(Role.CASE_MANAGER).get(URL).status_code == 403

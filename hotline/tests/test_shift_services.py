"""The writes of a shift: a draft kept while talking, a recorded contact, a quick contact, and
the count of a caller's earlier contacts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.models import AuditAction, AuditEntry
from hotline.codes import ContactKind, ContactStatus, Line
from hotline.forms import ContactForm
from hotline.models import Contact, FollowUp
from hotline.queries.shift import earlier_contacts
from hotline.services.contacts import (
    ContactRefused,
    NotYourDraft,
    discard_draft,
    draft_form_data,
    phone_index,
    record_contact,
    record_quick_contact,
    save_draft,
    start_contact,
)
from hotline.tests.factories import ContactFactory, DraftContactFactory, consultant_of

pytestmark = pytest.mark.django_db


def valid_form_data(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "line": "sos",
        "channel": "phone",
        "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M:%S"),
        "duration": "12:30",
        "caller_type": "victim",
        "caller_name": "Jelena Petrović",
        "caller_phone": "+381 64 123 4567",
        "subject": "suspected_trafficking",
        "indicators": ["DebtBondage", "WithholdsDocuments"],
        "risk_level": "high",
        "actions": ["information_given", "referral_police"],
        "notes": "Works in a bar in Novi Sad, passport taken.",
        "follow_up_description": "Call back tomorrow",
        "follow_up_due": (timezone.localdate() + timedelta(days=1)).isoformat(),
    }
    data.update(overrides)
    return data


def cleaned(organisation, **overrides):  # type: ignore[no-untyped-def]
    form = ContactForm(valid_form_data(**overrides), organisation=organisation)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_recording_writes_the_fields_indicators_actions_and_follow_up(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)

    contact = record_contact(draft, consultant, cleaned(organisation))

    contact.refresh_from_db()
    assert contact.status == ContactStatus.RECORDED
    assert contact.kind == ContactKind.DATA
    assert contact.duration_seconds == 750
    assert contact.caller_name == "Jelena Petrović"
    assert contact.recorded_at is not None
    assert contact.draft_data == ""
    assert sorted(contact.indicators.values_list("code", flat=True)) == [
        "DebtBondage",
        "WithholdsDocuments",
    ]
    assert sorted(contact.actions.values_list("code", flat=True)) == [
        "information_given",
        "referral_police",
    ]
    follow_up = FollowUp.objects.get(contact=contact)
    assert follow_up.description == "Call back tomorrow"
    assert follow_up.assigned_to == consultant


def test_recording_is_audited_without_protected_values(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)

    record_contact(draft, consultant, cleaned(organisation))

    entry = AuditEntry.objects.filter(object_id=str(draft.pk)).order_by("-sequence").first()
    assert entry.action == AuditAction.UPDATE
    assert entry.summary == "contact recorded"
    assert entry.actor == consultant
    assert "Jelena" not in "".join(AuditEntry.objects.values_list("summary", flat=True))


def test_recorded_phone_carries_a_blind_index_equal_for_another_format_of_the_number(
    organisation,
):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)

    contact = record_contact(draft, consultant, cleaned(organisation))

    assert contact.caller_phone_index == phone_index("064/123-4567")
    assert contact.caller_phone_index != ""


def test_a_recorded_contact_cannot_be_recorded_again(organisation):
    consultant = consultant_of(organisation)
    contact = record_contact(
        start_contact(organisation, consultant), consultant, cleaned(organisation)
    )

    with pytest.raises(ContactRefused):
        record_contact(contact, consultant, cleaned(organisation, notes="Changed"))
    contact.refresh_from_db()
    assert contact.notes == "Works in a bar in Novi Sad, passport taken."


def test_quick_contact_is_counted_with_no_data(organisation):
    consultant = consultant_of(organisation)

    contact = record_quick_contact(
        organisation, consultant, kind=ContactKind.SILENT, line=Line.MISSING_CHILDREN
    )

    contact.refresh_from_db()
    assert contact.status == ContactStatus.RECORDED
    assert contact.kind == ContactKind.SILENT
    assert contact.line == Line.MISSING_CHILDREN
    assert (contact.caller_type, contact.subject, contact.notes, contact.caller_phone) == (
        "",
        "",
        "",
        "",
    )
    assert AuditEntry.objects.filter(object_id=str(contact.pk), summary="quick contact: silent")


def test_a_draft_that_turns_out_silent_becomes_the_quick_contact(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)
    save_draft(draft, consultant, {"caller_name": "Someone", "caller_phone": "064 1"})

    contact = record_quick_contact(organisation, consultant, kind=ContactKind.HANG_UP, draft=draft)

    assert contact.pk == draft.pk
    contact.refresh_from_db()
    assert (contact.kind, contact.draft_data, contact.caller_phone_index) == ("hang_up", "", "")
    assert Contact.objects.count() == 1


def test_quick_contact_refuses_the_data_kind(organisation):
    with pytest.raises(ContactRefused):
        record_quick_contact(organisation, consultant_of(organisation), kind=ContactKind.DATA)


def test_a_saved_draft_keeps_everything_typed_even_invalid_values(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)
    typed = {
        "caller_name": "Marko Marković",
        "caller_email": "not an address",
        "duration": "forever",
        "indicators": ["DebtBondage", "NoSuchIndicator"],
        "follow_up_due": "31.02.",
    }

    save_draft(draft, consultant, typed)

    draft.refresh_from_db()
    assert draft_form_data(draft) == typed
    assert draft.status == ContactStatus.DRAFT


def test_a_saved_draft_is_encrypted_in_the_database(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)

    save_draft(draft, consultant, {"caller_name": "Marko Marković", "notes": "Tajna beleška"})

    with connection.cursor() as cursor:
        cursor.execute("SELECT draft_data FROM hotline_contact WHERE id = %s", [draft.pk])
        (raw,) = cursor.fetchone()
    assert raw
    assert "Marko" not in raw
    assert "Tajna" not in raw


def test_another_consultant_cannot_save_my_draft(organisation):
    mine = start_contact(organisation, consultant_of(organisation))
    save_draft(mine, mine.consultant, {"notes": "mine"})

    with pytest.raises(NotYourDraft):
        save_draft(mine, consultant_of(organisation), {"notes": "theirs"})
    mine.refresh_from_db()
    assert draft_form_data(mine) == {"notes": "mine"}


def test_another_consultant_cannot_record_or_discard_my_draft(organisation):
    mine = start_contact(organisation, consultant_of(organisation))
    colleague = consultant_of(organisation)

    with pytest.raises(NotYourDraft):
        record_contact(mine, colleague, cleaned(organisation))
    with pytest.raises(NotYourDraft):
        discard_draft(mine, colleague)
    mine.refresh_from_db()
    assert mine.status == ContactStatus.DRAFT


def test_discarding_deletes_the_draft_and_audits_it(organisation):
    consultant = consultant_of(organisation)
    draft = start_contact(organisation, consultant)

    discard_draft(draft, consultant)

    assert not Contact.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(
        object_id=str(draft.pk), action=AuditAction.DELETE, summary="draft discarded"
    ).exists()


def test_earlier_contacts_counts_the_same_number_typed_another_way(organisation):
    ContactFactory(
        organisation=organisation,
        caller_phone="+381 64 1234567",
        caller_phone_index=phone_index("+381 64 1234567"),
    )
    ContactFactory(
        organisation=organisation,
        caller_phone="00381641234567",
        caller_phone_index=phone_index("00381641234567"),
    )
    ContactFactory(organisation=organisation, caller_phone_index=phone_index("065 999 0000"))
    consultant = consultant_of(organisation)
    draft = save_draft(
        start_contact(organisation, consultant), consultant, {"caller_phone": "064 123 4567"}
    )

    assert earlier_contacts(draft) == 2


def test_earlier_contacts_counts_a_matching_email_once_per_contact(organisation):
    from hotline.services.contacts import email_index

    ContactFactory(
        organisation=organisation,
        caller_phone_index=phone_index("064 123 4567"),
        caller_email_index=email_index("ana@example.org"),
    )
    consultant = consultant_of(organisation)
    draft = save_draft(
        start_contact(organisation, consultant),
        consultant,
        {"caller_phone": "064 123 4567", "caller_email": "Ana@Example.org"},
    )

    assert earlier_contacts(draft) == 1


def test_earlier_contacts_ignores_other_organisations_and_empty_numbers(
    organisation, other_organisation, django_assert_num_queries
):
    ContactFactory(organisation=other_organisation, caller_phone_index=phone_index("0641234567"))
    DraftContactFactory(organisation=organisation)  # no phone: an empty index matches nothing
    consultant = consultant_of(organisation)
    draft = save_draft(
        start_contact(organisation, consultant), consultant, {"caller_phone": "064 123 4567"}
    )
    empty = start_contact(organisation, consultant)

    with django_assert_num_queries(1):
        assert earlier_contacts(draft) == 0
    with django_assert_num_queries(0):
        assert earlier_contacts(empty) == 0

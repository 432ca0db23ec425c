"""The timeline of a case: the hand-over contact, identification, consent, assessments, plans,
services, referrals, hearings, notes and documents in one view, newest first, for the same
number of queries whatever the number of events (bench target: <= 20 for 500 events)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import models
from cases.codes import (
    ClosureOutcome,
    ClosureReason,
    ConsentPurpose,
    DecisionMaker,
    HearingKind,
    LegalBasis,
    NeedDomain,
    ReferralDirection,
    ReferralStatus,
    TraffickingStatus,
)
from cases.queries.timeline import timeline
from cases.services.assistance import (
    add_note,
    create_plan,
    record_assessment,
    record_service,
    upload_document,
)
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = date(2026, 3, 2)
PDF = b"%PDF-1.4\n%%EOF\n"


def _one_of_each(case, manager, partner, n=1):  # type: ignore[no-untyped-def]
    """`n` records of every kind on the case, on days after the case was opened."""
    proceeding = models.CourtProceeding.objects.create(
        case=case, court="Viši sud u Beogradu", role="injured_party"
    )
    for i in range(n):
        day = START + timedelta(days=1 + i % 200)
        models.IdentificationDecision.objects.create(
            case=case,
            status=TraffickingStatus.IDENTIFIED,
            decided_by=DecisionMaker.CENTRE,
            decided_on=day,
            recorded_by=manager,
        )
        models.Consent.objects.create(
            case=case,
            purpose=ConsentPurpose.SHARING,
            partner=partner,
            legal_basis=LegalBasis.CONSENT,
            given_on=day,
            recorded_by=manager,
        )
        record_assessment(case, manager, day, dict.fromkeys(NeedDomain.values, (1, "")))
        create_plan(case, manager, day, None, "", [{"domain": "health", "goal": "Dentist"}])
        record_service(case, manager, "medical", day, "Dom zdravlja", 2)
        models.Referral.objects.create(
            organisation=case.organisation,
            case=case,
            direction=ReferralDirection.OUTGOING,
            partner=partner,
            reason_code="AdditionalServicesRequired",
            sent_on=day,
            created_by=manager,
        )
        models.Hearing.objects.create(
            proceeding=proceeding, held_on=day, kind=HearingKind.TESTIMONY
        )
        add_note(case, manager, day, f"Note number {i}")
        upload_document(case, manager, f"Document {i}", f"doc-{i}.pdf", PDF)


def test_every_kind_of_event_is_on_the_timeline_newest_first(
    case_manager_client, case, case_manager, partner_organisation
):
    handover = CaseHandoverFactory(
        contact__organisation=case.organisation,
        contact__started_at=timezone.now() - timedelta(days=300),
        status="accepted",
        case_code=case.code,
    )
    case.handover = handover
    case.save()
    _one_of_each(case, case_manager, partner_organisation)
    models.Consent.objects.filter(case=case).update(withdrawn_on=TODAY)
    models.Referral.objects.filter(case=case).update(status=ReferralStatus.ACCEPTED)

    response = case_manager_client.get(reverse("cases:timeline", args=[case.pk]))

    page = response.content.decode()
    kinds = [event.kind for event in response.context["events"]]
    assert kinds == [
        "document",  # uploaded today
        "consent",  # withdrawn today
        "note",
        "hearing",
        "referral",
        "service",
        "plan",
        "assessment",
        "consent",
        "identification",
        "opened",
        "contact",  # before the case was opened
    ]
    for text in [
        "Consent withdrawn: Sharing",
        "Consent given: Sharing",
        "Partner Shelter",
        "Note number 0",
        "Court: Testimony",
        "Status: Accepted",
        "Service: Medical assistance",
        "Support plan agreed",
        "Needs assessment",
        "Identification: Identified victim",
        "Case opened",
        "Document: Document 0",
    ]:
        assert text in page, text
    assert reverse("hotline:contact_detail", args=[handover.contact.pk]) in page
    document = models.CaseDocument.objects.get()
    assert reverse("cases:document_download", args=[case.pk, document.pk]) in page


def test_a_closed_case_ends_with_its_closing(case_manager_client, case):
    case.status, case.closed_on = "Closed", TODAY
    case.closure_reason, case.closure_outcome = (
        ClosureReason.GOALS_ACHIEVED,
        ClosureOutcome.REINTEGRATED,
    )
    case.save()

    events = timeline(case)

    assert [e.kind for e in events] == ["closed", "opened"]
    assert events[0].detail == "Support plan goals achieved · Reintegrated"


def test_the_timeline_costs_the_same_queries_for_one_or_fifty_events_of_each_kind(
    case_manager_client, case, case_manager, partner_organisation, organisation
):
    from cases.tests.factories import CaseFactory

    small = CaseFactory(organisation=organisation, case_manager=case_manager, team=case.team)
    _one_of_each(small, case_manager, partner_organisation, n=1)
    _one_of_each(case, case_manager, partner_organisation, n=50)  # 500 events
    case_manager_client.get(reverse("cases:timeline", args=[small.pk]))

    with CaptureQueriesContext(connection) as one:
        case_manager_client.get(reverse("cases:timeline", args=[small.pk]))
    with CaptureQueriesContext(connection) as many:
        response = case_manager_client.get(reverse("cases:timeline", args=[case.pk]))

    assert len(response.context["events"]) == 50 * 9 + 1
    assert len(many) == len(one)
    assert len(many) <= 20
    document_content = '"cases_casedocument"."content"'
    assert not any(document_content in q["sql"] for q in many.captured_queries)

"""A copy of everything held about a person: the case team downloads one JSON file with the
identity, every record of all the person's cases, the documents and who opened the cases."""

import base64
import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import (
    CaseStatus,
    ConsentPurpose,
    CourtRole,
    ExploitationForm,
    HearingKind,
    LegalBasis,
    NeedDomain,
    ReferralDirection,
    ReferralReason,
    ReferralStatus,
    ServiceKind,
    TraffickerRelation,
    TraffickerRole,
    TraffickingStatus,
)
from cases.models import (
    DOCUMENT_CONTEXT,
    CaseDocument,
    CaseNote,
    Consent,
    CourtProceeding,
    Exploitation,
    GlassBreak,
    Hearing,
    IdentificationDecision,
    Need,
    NeedsAssessment,
    PlanGoal,
    Referral,
    Service,
    SupportPlan,
    Trafficker,
)
from cases.services.persons import set_identity
from cases.services.rights import export_person
from cases.tests.factories import CaseFactory
from conftest import sign_in
from core.crypto import encrypt_bytes
from core.models import AuditAction, AuditEntry, Role

pytestmark = pytest.mark.django_db

TEXTS = (
    "closure_note",
    "identification_note",
    "need_note",
    "person_view",
    "goal",
    "activities",
    "service_note",
    "referral_reason",
    "shared_summary",
    "feedback",
    "court_case_number",
    "proceeding_note",
    "hearing_note",
    "note",
    "document_title",
    "document_file_name",
    "glass_reason",
)


def set_names(person, given: str, family: str, aliases: str = "") -> None:  # type: ignore[no-untyped-def]
    """Write the names and their blind-index keys through the persons service."""
    set_identity(person, given_name=given, family_name=family, aliases=aliases)


def fill_case(case, user, texts: dict[str, str] | None = None, document: bytes = b"%PDF-1 x"):  # type: ignore[no-untyped-def]
    """One record of every kind on the case, each free text from `texts` (default: its key)."""
    t = {key: key.replace("_", " ") for key in TEXTS} | (texts or {})
    day = date(2026, 3, 5)
    case.closure_note = t["closure_note"]
    case.save(update_fields=["closure_note"])
    IdentificationDecision.objects.create(
        case=case,
        status=TraffickingStatus.IDENTIFIED,
        decided_by="NonPoliceGovernmentalOrganization",
        decided_on=day,
        note=t["identification_note"],
        recorded_by=user,
    )
    Exploitation.objects.create(
        case=case,
        form=ExploitationForm.LABOUR,
        labour_sector="F_Construction",
        recruitment_country="RS",
        recruitment_place="Vranje",
        exploitation_country="DE",
        is_transnational=True,
        means_of_control=["DebtBondage", "WithholdsDocuments"],
    )
    Trafficker.objects.create(
        case=case,
        gender="Masculine",
        age_band="25-34",
        citizenship="RS",
        relation=TraffickerRelation.EMPLOYER,
        role=TraffickerRole.EXPLOITER,
    )
    assessment = NeedsAssessment.objects.create(case=case, assessed_on=day, assessed_by=user)
    Need.objects.create(
        assessment=assessment, domain=NeedDomain.SAFETY, rating=3, note=t["need_note"]
    )
    plan = SupportPlan.objects.create(
        case=case, agreed_on=day, person_view=t["person_view"], created_by=user
    )
    PlanGoal.objects.create(
        plan=plan,
        domain=NeedDomain.LEGAL,
        goal=t["goal"],
        activities=t["activities"],
        responsible="Centar za socijalni rad",
    )
    Service.objects.create(
        case=case,
        kind=ServiceKind.LEGAL_AID,
        delivered_on=day,
        count=2,
        note=t["service_note"],
        recorded_by=user,
    )
    consent = Consent.objects.create(
        case=case,
        purpose=ConsentPurpose.SHARING,
        institution_name="Centar za zaštitu žrtava",
        legal_basis=LegalBasis.CONSENT,
        given_on=day,
        recorded_by=user,
    )
    Referral.objects.create(
        organisation=case.organisation,
        case=case,
        direction=ReferralDirection.OUTGOING,
        institution_name="Dom zdravlja",
        consent=consent,
        reason_code=ReferralReason.SERVICES,
        reason=t["referral_reason"],
        shared_summary=t["shared_summary"],
        sent_on=day,
        status=ReferralStatus.ACCEPTED,
        feedback=t["feedback"],
        created_by=user,
    )
    proceeding = CourtProceeding.objects.create(
        case=case,
        court="Viši sud u Beogradu",
        case_number=t["court_case_number"],
        role=CourtRole.INJURED_PARTY,
        note=t["proceeding_note"],
    )
    Hearing.objects.create(
        proceeding=proceeding, held_on=day, kind=HearingKind.TESTIMONY, note=t["hearing_note"]
    )
    CaseNote.objects.create(case=case, written_on=day, text=t["note"], author=user)
    CaseDocument.objects.create(
        case=case,
        title=t["document_title"],
        file_name=t["document_file_name"],
        content_type="application/pdf",
        size=len(document),
        content=encrypt_bytes(document, DOCUMENT_CONTEXT),
        uploaded_by=user,
        uploaded_on=day,
    )
    GlassBreak.objects.create(
        organisation=case.organisation,
        case=case,
        user=user,
        reason=t["glass_reason"],
        expires_at=timezone.now() - timedelta(hours=1),
    )
    return case


def close(case, on: date = date(2026, 6, 1), retain_until: date | None = None):  # type: ignore[no-untyped-def]
    case.status = CaseStatus.CLOSED
    case.closed_on = on
    case.closure_reason = "goals_achieved"
    case.retain_until = retain_until or on.replace(year=on.year + 10)
    case.save(update_fields=["status", "closed_on", "closure_reason", "retain_until"])
    return case


def test_the_export_holds_the_identity_and_every_record_of_every_case(case, case_manager):
    set_names(case.person, "Ђорђе", "Đorđević", "Djordje Djordjevic")
    fill_case(case, case_manager, document=b"passport scan bytes")
    earlier = close(
        CaseFactory(
            organisation=case.organisation,
            person=case.person,
            case_manager=case_manager,
            code="A-2024-003",
            opened_on=date(2024, 1, 10),
        ),
        on=date(2024, 9, 1),
    )

    data = export_person(case.person)

    assert data["person"]["given_name"] == "Ђорђе"
    assert data["person"]["family_name"] == "Đorđević"
    assert data["person"]["aliases"] == "Djordje Djordjevic"
    assert [c["code"] for c in data["cases"]] == [earlier.code, case.code]
    current = data["cases"][1]
    assert current["closure_note"] == "closure note"
    assert current["identification_decisions"][0]["note"] == "identification note"
    assert current["exploitation"][0]["form"] == ExploitationForm.LABOUR
    assert current["exploitation"][0]["means_of_control"] == ["DebtBondage", "WithholdsDocuments"]
    assert current["traffickers"][0]["relation"] == TraffickerRelation.EMPLOYER
    assert current["needs_assessments"][0]["needs"][0]["note"] == "need note"
    assert current["support_plans"][0]["person_view"] == "person view"
    assert current["support_plans"][0]["goals"][0]["goal"] == "goal"
    assert current["services"][0]["note"] == "service note"
    assert current["consents"][0]["purpose"] == ConsentPurpose.SHARING
    assert current["referrals"][0]["feedback"] == "feedback"
    assert current["court_proceedings"][0]["hearings"][0]["note"] == "hearing note"
    assert current["notes"][0]["text"] == "note"
    document = current["documents"][0]
    assert document["title"] == "document title"
    assert base64.b64decode(document["content_base64"]) == b"passport scan bytes"
    assert current["emergency_accesses"][0]["user"] == case_manager.get_full_name()


def test_the_download_is_a_json_file_named_by_the_code_and_audited(
    case, case_manager, case_manager_client
):
    set_names(case.person, "Милица", "Јовановић")
    fill_case(case, case_manager)
    case_manager_client.get(reverse("cases:rights", args=[case.pk]))

    response = case_manager_client.get(reverse("cases:rights_export", args=[case.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{case.code}-data.json"'
    body = response.content.decode("utf-8")
    assert "Милица" in body  # not \u escapes
    data = json.loads(body)
    assert data["cases"][0]["services"][0]["delivered_on"] == "2026-03-05"
    log = data["cases"][0]["access_log"]
    assert {"action": "read", "actor": case_manager.get_username()}.items() <= log[-1].items()
    exported = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert exported.object_id == str(case.pk)
    assert "Милица" not in exported.summary


def test_the_export_takes_the_same_number_of_queries_for_one_or_many_records(case, case_manager):
    fill_case(case, case_manager)
    with CaptureQueriesContext(connection) as few:
        export_person(case.person)
    for _ in range(5):
        fill_case(case, case_manager)
        close(
            CaseFactory(
                organisation=case.organisation, person=case.person, case_manager=case_manager
            )
        )
    with CaptureQueriesContext(connection) as many:
        data = export_person(case.person)
    assert len(data["cases"]) == 6
    assert len(many) == len(few)


def test_the_export_page_answers_in_a_bounded_number_of_queries(
    case, case_manager, case_manager_client, django_assert_max_num_queries
):
    for _ in range(3):
        fill_case(case, case_manager)
    with django_assert_max_num_queries(40):
        response = case_manager_client.get(reverse("cases:rights_export", args=[case.pk]))
    assert response.status_code == 200


def test_a_case_manager_outside_the_team_cannot_download(case, client_as):
    outsider = client_as(Role.CASE_MANAGER)
    response = outsider.get(reverse("cases:rights_export", args=[case.pk]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_emergency_access_does_not_reach_the_export(case, organisation, member):
    stranger = member(Role.CASE_MANAGER)
    GlassBreak.objects.create(
        organisation=organisation,
        case=case,
        user=stranger,
        reason="danger",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    client = sign_in(Client(), stranger)
    response = client.get(reverse("cases:rights_export", args=[case.pk]), follow=True)
    assert "Only the case team may export or erase" in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_another_organisation_gets_not_found(case, client_as, other_organisation):
    other = client_as(Role.CASE_MANAGER, other_organisation)
    assert other.get(reverse("cases:rights_export", args=[case.pk])).status_code == 404

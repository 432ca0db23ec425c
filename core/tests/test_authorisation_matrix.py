"""Every URL × every role × a member of another organisation × anonymous, against one table.

A URL pattern that is not in MATRIX fails `test_every_url_has_a_row`: whoever adds a page decides
here who may open it. The expectations are written out by role, independently of
`core.access.ROLE_CAPABILITIES`, so a change to the capability table that opens a page to a new
role fails this test until the table below agrees.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases import models as case_models
from cases.codes import ConsentPurpose, ExploitationForm, LegalBasis, ReferralDirection
from cases.tests.factories import CaseFactory, TeamFactory
from catalogue.tests.factories import (
    AccreditationFactory,
    AccreditingBodyFactory,
    EnquiryFactory,
    ProgrammeFactory,
)
from conftest import sign_in
from core.crypto import encrypt_bytes
from core.models import Role
from core.tests.factories import MembershipFactory, PersonFactory, TOTPDeviceFactory
from hotline.models import FollowUp
from hotline.services.online_reports import submit_online_report
from hotline.tests.factories import ContactFactory, DraftContactFactory
from hotline.tests.factories_children import CaseHandoverFactory, MissingChildReportFactory
from learning.models import EvaluationAnswer
from learning.tests.factories_barometer import (
    BarometerRoundFactory,
    BarometerSessionFactory,
    DeckFactory,
    StatementFactory,
)
from learning.tests.factories_evaluations import EvaluationFactory, answer_evaluation, item_at
from learning.tests.factories_knowledge import KnowledgeTestFactory, QuestionFactory
from learning.tests.factories_plans import PlanGroupFactory, WorkshopRequestFactory
from training.models import CertificateBatch
from training.services.attendance import current_check_in_code
from training.tests.factories import CertificateFactory, RegistrationFactory, TrainingFactory
from training.tokens import registration_token

EVERYONE = "everyone"  # anonymous included
ALL_ROLES = frozenset(Role)
ADMIN = Role.ADMINISTRATOR
COORDINATOR = Role.EDUCATION_COORDINATOR
TRAINER = Role.TRAINER
CATALOGUE_READERS = frozenset({ADMIN, COORDINATOR, TRAINER})
TRAINING_STAFF = frozenset({COORDINATOR, TRAINER})
SOS_CONSULTANT = Role.SOS_CONSULTANT
SOS = frozenset({SOS_CONSULTANT})
CASE_MANAGERS = frozenset({Role.CASE_MANAGER})
CASE_CODE_READERS = frozenset({Role.CASE_MANAGER, SOS_CONSULTANT})
PARTNERS = frozenset({Role.PARTNER})


def _case(o: dict[str, Any]) -> dict[str, Any]:
    return {"pk": o["case"].pk}


def _on_case(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda o: {"pk": o["case"].pk, "item": o[key].pk}


@dataclass(frozen=True)
class Row:
    allowed: frozenset[str] | str
    method: str = "get"
    # Builds the URL's kwargs from the records of the first organisation; such URLs are
    # forbidden to members of another organisation (they see 404).
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    data: dict[str, str] = field(default_factory=dict)


MATRIX: dict[str, Row] = {
    # Public pages.
    "core:home": Row(EVERYONE),
    "core:healthz": Row(EVERYONE),
    "core:login": Row(EVERYONE),
    "core:logout": Row(EVERYONE, method="post"),
    "core:set_language": Row(EVERYONE, method="post", data={"language": "sr"}),
    "catalogue:public_list": Row(EVERYONE),
    "catalogue:public_detail": Row(EVERYONE, kwargs=lambda o: {"slug": o["programme"].slug}),
    "catalogue:enquiry_thanks": Row(EVERYONE, kwargs=lambda o: {"slug": o["programme"].slug}),
    "training:public_training": Row(EVERYONE, kwargs=lambda o: {"slug": o["training"].slug}),
    "training:institution_search": Row(
        EVERYONE, kwargs=lambda o: {"slug": o["training"].slug}, data={"q": "vuk"}
    ),
    "training:self_check_in": Row(
        EVERYONE,
        kwargs=lambda o: {"slug": o["training"].slug, "code": current_check_in_code(o["day"])},
    ),
    "training:registration": Row(EVERYONE, kwargs=lambda o: {"token": o["token"]}),
    "training:registration_cancel": Row(
        EVERYONE, method="post", kwargs=lambda o: {"token": o["token_to_cancel"]}
    ),
    "training:registration_ics": Row(EVERYONE, kwargs=lambda o: {"token": o["token"]}),
    "training:registration_data": Row(EVERYONE, kwargs=lambda o: {"token": o["token"]}),
    "training:registration_erase": Row(
        EVERYONE, method="post", kwargs=lambda o: {"token": o["token_to_erase"]}
    ),
    "training:registration_certificate": Row(EVERYONE, kwargs=lambda o: {"token": o["token"]}),
    "training:verify_form": Row(EVERYONE),
    "training:verify": Row(EVERYONE, kwargs=lambda o: {"code": o["certificate"].code}),
    # Any signed-in member.
    "core:dashboard": Row(ALL_ROLES),
    "core:switch_organisation": Row(ALL_ROLES, method="post"),
    "core:otp_enrol": Row(ALL_ROLES),
    "core:otp_verify": Row(ALL_ROLES),
    # Administrators.
    "core:audit_log": Row(frozenset({ADMIN})),
    "core:members": Row(frozenset({ADMIN})),
    "core:member_add": Row(frozenset({ADMIN})),
    "core:member_edit": Row(frozenset({ADMIN}), kwargs=lambda o: {"user_id": o["colleague"].pk}),
    # Catalogue, staff side.
    "catalogue:programme_list": Row(CATALOGUE_READERS),
    "catalogue:programme_detail": Row(
        CATALOGUE_READERS, kwargs=lambda o: {"pk": o["programme"].pk}
    ),
    "catalogue:programme_add": Row(frozenset({COORDINATOR})),
    "catalogue:programme_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["programme"].pk}
    ),
    "catalogue:accreditation_add": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["programme"].pk}
    ),
    "catalogue:accreditation_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["accreditation"].pk}
    ),
    "catalogue:accreditation_file": Row(
        CATALOGUE_READERS, kwargs=lambda o: {"pk": o["accreditation"].pk}
    ),
    "catalogue:body_list": Row(CATALOGUE_READERS),
    "catalogue:body_add": Row(frozenset({COORDINATOR})),
    "catalogue:body_edit": Row(frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["body"].pk}),
    "catalogue:enquiry_list": Row(frozenset({COORDINATOR})),
    "catalogue:enquiry_detail": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["enquiry"].pk}
    ),
    # Trainings, staff side.
    "training:season": Row(TRAINING_STAFF),
    "training:training_add": Row(frozenset({COORDINATOR})),
    "training:training_detail": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "training:training_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["training"].pk}
    ),
    "training:training_status": Row(
        frozenset({COORDINATOR}),
        method="post",
        kwargs=lambda o: {"pk": o["training"].pk},
        data={"status": "closed"},
    ),
    "training:agenda_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["training"].pk}
    ),
    "training:agenda_pdf": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "training:participants_export": Row(
        TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk, "fmt": "csv"}
    ),
    "training:attendance_export": Row(
        TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk, "fmt": "xlsx"}
    ),
    "training:staff_registration_cancel": Row(
        frozenset({COORDINATOR}),
        method="post",
        kwargs=lambda o: {"pk": o["registration_for_staff"].pk},
    ),
    "training:privacy_notice": Row(frozenset({COORDINATOR})),
    "training:roll_call": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["day"].pk}),
    "training:check_in_screen": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["day"].pk}),
    "training:check_in_code": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["day"].pk}),
    "training:sign_in_sheet": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["day"].pk}),
    "training:certificates": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "training:certificates_issue": Row(
        frozenset({COORDINATOR}), method="post", kwargs=lambda o: {"pk": o["training"].pk}
    ),
    "training:certificate_batch": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["batch"].pk}
    ),
    "training:certificate_revoke": Row(
        frozenset({COORDINATOR}),
        method="post",
        kwargs=lambda o: {"pk": o["certificate_to_revoke"].pk},
        data={"reason": "Issued by mistake"},
    ),
    "training:certificate_pdf": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["certificate"].pk}),
    # People and institutions directories.
    "core:people": Row(frozenset({COORDINATOR})),
    "core:person_add": Row(frozenset({COORDINATOR})),
    "core:person_edit": Row(frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["person"].pk}),
    "core:institutions": Row(frozenset({COORDINATOR})),
    "core:institution_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["institution"].pk}
    ),
    # Learning in the room: index, hub and report.
    "learning:index": Row(TRAINING_STAFF),
    "learning:training_hub": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:training_report": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:training_report_pdf": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    # Social Barometer.
    "learning:join": Row(EVERYONE),
    "learning:join_session": Row(EVERYONE, kwargs=lambda o: {"code": o["barometer_session"].code}),
    "learning:join_state": Row(EVERYONE, kwargs=lambda o: {"code": o["barometer_session"].code}),
    "learning:join_vote": Row(EVERYONE, kwargs=lambda o: {"code": o["barometer_session"].code}),
    "learning:barometer_statements": Row(TRAINING_STAFF),
    "learning:barometer_statement_add": Row(frozenset({COORDINATOR})),
    "learning:barometer_statement_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["barometer_statement"].pk}
    ),
    "learning:barometer_decks": Row(TRAINING_STAFF),
    "learning:barometer_deck_add": Row(frozenset({COORDINATOR})),
    "learning:barometer_deck": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["barometer_deck"].pk}
    ),
    "learning:barometer_deck_add_statement": Row(
        frozenset({COORDINATOR}), method="post", kwargs=lambda o: {"pk": o["barometer_deck"].pk}
    ),
    "learning:barometer_training": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:barometer_session_start": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["training"].pk}
    ),
    "learning:barometer_session": Row(
        TRAINING_STAFF, kwargs=lambda o: {"pk": o["barometer_session"].pk}
    ),
    "learning:barometer_projector": Row(
        TRAINING_STAFF, kwargs=lambda o: {"pk": o["barometer_session"].pk}
    ),
    "learning:barometer_tally": Row(
        TRAINING_STAFF, kwargs=lambda o: {"pk": o["barometer_session"].pk}
    ),
    "learning:barometer_session_end": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_session_to_end"].pk}
    ),
    "learning:barometer_round_open": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_session"].pk}
    ),
    "learning:barometer_round_close": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_round"].pk}
    ),
    "learning:barometer_round_reveal": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_round"].pk}
    ),
    "learning:barometer_round_notes": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_round"].pk}
    ),
    "learning:barometer_round_room": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["barometer_round"].pk}
    ),
    # Pre/post knowledge tests.
    "learning:question_list": Row(TRAINING_STAFF),
    "learning:question_add": Row(frozenset({COORDINATOR})),
    "learning:question_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["question"].pk}
    ),
    "learning:knowledge_test": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:knowledge_test_edit": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:knowledge_phase": Row(
        TRAINING_STAFF,
        method="post",
        data={"open": "0"},
        kwargs=lambda o: {"pk": o["training"].pk, "phase": "pre"},
    ),
    "learning:knowledge_results": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:quiz": Row(
        EVERYONE, kwargs=lambda o: {"token": o["knowledge_test"].token, "phase": "pre"}
    ),
    # Evaluations.
    "learning:evaluate": Row(EVERYONE, kwargs=lambda o: {"token": o["evaluation"].token}),
    "learning:questionnaires": Row(frozenset({COORDINATOR})),
    "learning:questionnaire_edit": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["programme"].pk}
    ),
    "learning:answer_shareable": Row(
        frozenset({COORDINATOR}),
        method="post",
        kwargs=lambda o: {"pk": o["evaluation_comment"].pk},
        data={"shareable": "1"},
    ),
    "learning:evaluation": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:evaluation_status": Row(
        TRAINING_STAFF,
        method="post",
        kwargs=lambda o: {"pk": o["training"].pk},
        data={"action": "open"},
    ),
    "learning:evaluation_results": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    # Action plans.
    "learning:plan_public": Row(EVERYONE, kwargs=lambda o: {"token": o["plan_group"].token}),
    "learning:plan_groups": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["training"].pk}),
    "learning:plan_collection": Row(
        TRAINING_STAFF, method="post", kwargs=lambda o: {"pk": o["training"].pk}, data={"open": "1"}
    ),
    "learning:plan_group": Row(TRAINING_STAFF, kwargs=lambda o: {"pk": o["plan_group"].pk}),
    "learning:plans_overview": Row(frozenset({COORDINATOR})),
    "learning:workshop_request": Row(
        frozenset({COORDINATOR}), kwargs=lambda o: {"pk": o["workshop_request"].pk}
    ),
    "learning:workshop_requests_export": Row(frozenset({COORDINATOR}), data={"format": "csv"}),
    # Hotline: the shift (SOS consultants only; case managers and researchers never open a contact).
    "hotline:index": Row(SOS),
    "hotline:contact_start": Row(SOS, method="post", data={"line": "sos", "channel": "phone"}),
    "hotline:quick_contact": Row(
        SOS, method="post", data={"line": "sos", "channel": "phone", "kind": "silent"}
    ),
    "hotline:drafts": Row(SOS),
    "hotline:contact_edit": Row(SOS, kwargs=lambda o: {"pk": o["draft_contact"].pk}),
    "hotline:contact_draft": Row(
        SOS, method="post", kwargs=lambda o: {"pk": o["draft_contact"].pk}, data={"notes": "x"}
    ),
    "hotline:contact_discard": Row(
        SOS, method="post", kwargs=lambda o: {"pk": o["draft_to_discard"].pk}
    ),
    # Hotline: lists, one contact, follow-ups, the monthly report.
    "hotline:contact_list": Row(SOS),
    "hotline:contact_detail": Row(SOS, kwargs=lambda o: {"pk": o["hotline_contact"].pk}),
    "hotline:follow_up_add": Row(
        SOS,
        method="post",
        kwargs=lambda o: {"pk": o["hotline_contact"].pk},
        data={"description": "Nazvati", "due_on": "2099-01-01"},
    ),
    "hotline:follow_ups": Row(SOS),
    "hotline:follow_up_done": Row(
        SOS, method="post", kwargs=lambda o: {"pk": o["hotline_follow_up"].pk}
    ),
    "hotline:line_report": Row(frozenset({SOS_CONSULTANT, Role.RESEARCHER})),
    # Hotline: anonymous online reports, public side.
    "hotline:public_report": Row(EVERYONE),
    "hotline:public_report_to": Row(
        EVERYONE, kwargs=lambda o: {"organisation": o["online_report"].organisation.slug}
    ),
    "hotline:report_sent": Row(
        EVERYONE, kwargs=lambda o: {"reference": o["online_report"].reference}
    ),
    "hotline:report_sign_in": Row(EVERYONE),
    "hotline:report_thread": Row(
        EVERYONE, kwargs=lambda o: {"reference": o["online_report"].reference}
    ),
    # Hotline: online reports, consultants' side.
    "hotline:report_queue": Row(SOS),
    "hotline:online_report": Row(SOS, kwargs=lambda o: {"pk": o["online_report"].pk}),
    "hotline:report_reply": Row(
        SOS,
        method="post",
        kwargs=lambda o: {"pk": o["online_report"].pk},
        data={"body": "Thank you for the report."},
    ),
    "hotline:report_process": Row(
        SOS, method="post", kwargs=lambda o: {"pk": o["online_report"].pk}
    ),
    # Hotline: missing children.
    "hotline:missing_children": Row(SOS),
    "hotline:missing_child_new": Row(SOS, kwargs=lambda o: {"pk": o["hotline_contact"].pk}),
    "hotline:missing_child": Row(SOS, kwargs=lambda o: {"pk": o["missing_child"].pk}),
    "hotline:missing_child_status": Row(
        SOS,
        method="post",
        kwargs=lambda o: {"pk": o["missing_child"].pk},
        data={"status": "searching"},
    ),
    # Hotline: hand-over to case managers.
    "hotline:handover_request": Row(
        SOS,
        method="post",
        kwargs=lambda o: {"pk": o["hotline_contact"].pk},
        data={"reason": "Needs shelter."},
    ),
    "hotline:handovers": Row(CASE_MANAGERS),
    "hotline:handover": Row(CASE_MANAGERS, kwargs=lambda o: {"pk": o["handover"].pk}),
    "hotline:handover_decide": Row(
        CASE_MANAGERS,
        method="post",
        kwargs=lambda o: {"pk": o["handover"].pk},
        data={"decision": "accept"},
    ),
    # Direct assistance (cases): the case manager principal is on the case's team.
    "cases:case_list": Row(CASE_CODE_READERS),
    "cases:case_new": Row(CASE_MANAGERS),
    "cases:case_from_handover": Row(
        CASE_MANAGERS, kwargs=lambda o: {"handover": o["accepted_handover"].pk}
    ),
    "cases:duplicate_check": Row(CASE_MANAGERS, data={"family_name": "Petrović"}),
    "cases:case_detail": Row(CASE_MANAGERS, kwargs=_case),
    "cases:person_edit": Row(CASE_MANAGERS, kwargs=_case),
    "cases:case_assign": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:case_close": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:case_reopen": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:break_glass": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:glass_breaks": Row(frozenset({ADMIN})),
    "cases:teams": Row(frozenset({ADMIN})),
    "cases:team_edit": Row(frozenset({ADMIN}), kwargs=lambda o: {"team": o["team"].pk}),
    "cases:identification": Row(CASE_MANAGERS, kwargs=_case),
    "cases:exploitation": Row(CASE_MANAGERS, kwargs=_case),
    "cases:exploitation_edit": Row(CASE_MANAGERS, kwargs=_on_case("exploitation")),
    "cases:exploitation_delete": Row(
        CASE_MANAGERS, method="post", kwargs=_on_case("exploitation_to_delete")
    ),
    "cases:traffickers": Row(CASE_MANAGERS, kwargs=_case),
    "cases:trafficker_delete": Row(
        CASE_MANAGERS, method="post", kwargs=_on_case("trafficker_to_delete")
    ),
    "cases:court": Row(CASE_MANAGERS, kwargs=_case),
    "cases:court_edit": Row(CASE_MANAGERS, kwargs=_on_case("proceeding")),
    "cases:hearing_add": Row(CASE_MANAGERS, method="post", kwargs=_on_case("proceeding")),
    "cases:needs": Row(CASE_MANAGERS, kwargs=_case),
    "cases:needs_new": Row(CASE_MANAGERS, kwargs=_case),
    "cases:plans": Row(CASE_MANAGERS, kwargs=_case),
    "cases:plan_new": Row(CASE_MANAGERS, kwargs=_case),
    "cases:plan_edit": Row(CASE_MANAGERS, kwargs=_on_case("plan")),
    "cases:services": Row(CASE_MANAGERS, kwargs=_case),
    "cases:timeline": Row(CASE_MANAGERS, kwargs=_case),
    "cases:note_add": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:document_upload": Row(CASE_MANAGERS, method="post", kwargs=_case),
    "cases:document_download": Row(CASE_MANAGERS, kwargs=_on_case("document")),
    "cases:referrals": Row(CASE_MANAGERS, kwargs=_case),
    "cases:referral_status": Row(CASE_MANAGERS, method="post", kwargs=_on_case("referral")),
    "cases:consents": Row(CASE_MANAGERS, kwargs=_case),
    "cases:consent_withdraw": Row(CASE_MANAGERS, method="post", kwargs=_on_case("consent")),
    "cases:incoming": Row(PARTNERS),
    "cases:incoming_detail": Row(PARTNERS, kwargs=lambda o: {"item": o["incoming_referral"].pk}),
    "cases:rights": Row(CASE_MANAGERS, kwargs=_case),
    "cases:rights_export": Row(CASE_MANAGERS, kwargs=_case),
    "cases:rights_erase": Row(CASE_MANAGERS, method="post", kwargs=_case),
}


def named_urls(patterns: list[Any] | None = None, namespace: str = "") -> Iterator[str]:
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row() -> None:
    urls = set(named_urls())

    assert urls - MATRIX.keys() == set(), "add these URLs to MATRIX"
    assert MATRIX.keys() - urls == set(), "these rows name URLs that no longer exist"


@pytest.fixture
def records(organisation, other_organisation) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    body = AccreditingBodyFactory(organisation=organisation)
    programme = ProgrammeFactory(organisation=organisation, status="active")
    accreditation = AccreditationFactory(programme=programme, body=body, with_file=True)
    colleague = MembershipFactory(organisation=organisation, role=TRAINER).user
    training = TrainingFactory(
        organisation=organisation, accreditation=accreditation, programme=programme
    )
    registration = RegistrationFactory(training=training)
    to_cancel, to_erase, for_staff = RegistrationFactory.create_batch(3, training=training)
    certificate = CertificateFactory(registration=registration)
    barometer_statement = StatementFactory(organisation=organisation)
    barometer_session = BarometerSessionFactory(organisation=organisation, training=training)
    question = QuestionFactory(organisation=organisation)
    evaluation = EvaluationFactory(training=training)
    answer_evaluation(evaluation, {item_at(evaluation, 6): "Korisna obuka."})
    plan_group = PlanGroupFactory(training=training, institutions=[registration.institution])
    hotline_contact = ContactFactory(organisation=organisation)
    organisation.accepts_online_reports = True
    organisation.save(update_fields=["accepts_online_reports"])
    online_report, _passphrase = submit_online_report(
        organisation, {"what_happened": "Seen at the bus station."}, "en"
    )
    return {
        **case_records(organisation, other_organisation),
        "barometer_statement": barometer_statement,
        "barometer_deck": DeckFactory(organisation=organisation, statements=[barometer_statement]),
        "barometer_session": barometer_session,
        "barometer_session_to_end": BarometerSessionFactory(
            organisation=organisation, training=training
        ),
        "barometer_round": BarometerRoundFactory(
            session=barometer_session, statement=barometer_statement
        ),
        "question": question,
        "knowledge_test": KnowledgeTestFactory(training=training, questions=[question]),
        "evaluation": evaluation,
        "evaluation_comment": EvaluationAnswer.objects.get(response__evaluation=evaluation),
        "plan_group": plan_group,
        "workshop_request": WorkshopRequestFactory(group=plan_group),
        "training": training,
        "day": training.days.first(),
        "token": registration_token(registration.pk),
        "token_to_cancel": registration_token(to_cancel.pk),
        "token_to_erase": registration_token(to_erase.pk),
        "registration_for_staff": for_staff,
        "certificate": certificate,
        "certificate_to_revoke": CertificateFactory(registration=to_cancel),
        "batch": CertificateBatch.objects.create(
            organisation=organisation, training=training, total=1
        ),
        "person": PersonFactory(organisation=organisation),
        "institution": registration.institution,
        "body": body,
        "programme": programme,
        "accreditation": accreditation,
        "enquiry": EnquiryFactory(programme=programme),
        "colleague": colleague,
        "hotline_contact": hotline_contact,
        "hotline_follow_up": FollowUp.objects.create(
            organisation=organisation,
            contact=hotline_contact,
            description="Nazvati",
            due_on=date(2099, 1, 1),
            assigned_to=hotline_contact.consultant,
        ),
        "draft_contact": DraftContactFactory(organisation=organisation, consultant=None),
        "draft_to_discard": DraftContactFactory(organisation=organisation, consultant=None),
        "online_report": online_report,
        "missing_child": MissingChildReportFactory(contact__organisation=organisation),
        "handover": CaseHandoverFactory(contact__organisation=organisation),
    }


def case_records(organisation, other_organisation) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A case of the first organisation with one of everything on it, and a referral another
    organisation's case made to the first one (what its partner users may open)."""
    case = CaseFactory(organisation=organisation, team=TeamFactory(organisation=organisation))
    manager = case.case_manager
    consent = case_models.Consent.objects.create(
        case=case,
        purpose=ConsentPurpose.SHARING,
        partner=other_organisation,
        legal_basis=LegalBasis.CONSENT,
        given_on=date(2026, 3, 2),
        recorded_by=manager,
    )
    referral_fields = {
        "direction": ReferralDirection.OUTGOING,
        "reason_code": "AdditionalServicesRequired",
        "shared_summary": "Needs a safe place to stay.",
        "sent_on": date(2026, 3, 3),
    }
    their_case = CaseFactory(organisation=other_organisation)
    exploitation = {"case": case, "form": ExploitationForm.SEXUAL}
    trafficker = {
        "case": case,
        "gender": "Masculine",
        "relation": "partner",
        "role": "RecruiterOrIntermediary",
    }
    return {
        "case": case,
        "team": case.team,
        "accepted_handover": CaseHandoverFactory(
            contact__organisation=organisation, status="accepted", case_code="A-2026-900"
        ),
        "exploitation": case_models.Exploitation.objects.create(**exploitation),
        "exploitation_to_delete": case_models.Exploitation.objects.create(**exploitation),
        "trafficker_to_delete": case_models.Trafficker.objects.create(**trafficker),
        "proceeding": case_models.CourtProceeding.objects.create(
            case=case, court="Viši sud u Beogradu", role="injured_party"
        ),
        "plan": case_models.SupportPlan.objects.create(
            case=case, agreed_on=date(2026, 3, 5), created_by=manager
        ),
        "document": case_models.CaseDocument.objects.create(
            case=case,
            title="Rešenje",
            file_name="resenje.pdf",
            content_type="application/pdf",
            size=4,
            content=encrypt_bytes(b"%PDF", case_models.DOCUMENT_CONTEXT),
            uploaded_by=manager,
            uploaded_on=date(2026, 3, 5),
        ),
        "consent": consent,
        "referral": case_models.Referral.objects.create(
            organisation=organisation,
            case=case,
            partner=other_organisation,
            consent=consent,
            created_by=manager,
            **referral_fields,
        ),
        "incoming_referral": case_models.Referral.objects.create(
            organisation=other_organisation,
            case=their_case,
            partner=organisation,
            created_by=their_case.case_manager,
            **referral_fields,
        ),
    }


def principals(organisation, other_organisation, records) -> dict[str, Client]:  # type: ignore[no-untyped-def]
    clients = {"anonymous": Client()}
    for role in Role:
        user = MembershipFactory(organisation=organisation, role=role).user
        TOTPDeviceFactory(user=user)
        if role == Role.CASE_MANAGER:
            records["case"].team.members.add(user)  # the case's team opens the case
        clients[role] = sign_in(Client(), user)
    # A member of another organisation holding every role there.
    outsider = MembershipFactory(organisation=other_organisation, role=ADMIN).user
    for role in set(Role) - {ADMIN}:
        MembershipFactory(organisation=other_organisation, role=role, user=outsider)
    TOTPDeviceFactory(user=outsider)
    clients["other organisation"] = sign_in(Client(), outsider)
    return clients


def outcome(response: Any) -> str:
    if response.status_code in (401, 403, 404):
        return "denied"
    # Being sent to sign in (with the page to come back to) is how anonymous visitors are refused.
    if response.status_code == 302 and response["Location"].startswith(
        f"{reverse('core:login')}?next="
    ):
        return "denied"
    assert response.status_code < 500, response
    return "allowed"


def expected(row: Row, principal: str) -> str:
    if row.allowed == EVERYONE:
        return "allowed"
    if principal == "anonymous":
        return "denied"
    if principal == "other organisation":
        return "denied" if row.kwargs else "allowed"
    return "allowed" if principal in row.allowed else "denied"


@pytest.mark.django_db
def test_each_url_is_open_exactly_to_the_roles_in_the_matrix(
    organisation, other_organisation, records
) -> None:  # type: ignore[no-untyped-def]
    clients = principals(organisation, other_organisation, records)
    mismatches = []
    # Signing out ends the session, so that row goes last.
    for name, row in sorted(MATRIX.items(), key=lambda item: item[0] == "core:logout"):
        url = reverse(name, kwargs=row.kwargs(records) if row.kwargs else None)
        for principal, client in clients.items():
            response = getattr(client, row.method)(url, row.data)
            if outcome(response) != expected(row, principal):
                mismatches.append(f"{name} as {principal}: {response.status_code}")
    assert mismatches == []

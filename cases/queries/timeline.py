"""The case timeline: everything that happened on a case in one chronological view.

One query per kind of record, never one per event, so a case with 500 events costs the same
number of queries as a case with five (bench: `case_timeline_queries`).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import (
    ConsentPurpose,
    DecisionMaker,
    HearingKind,
    LegalBasis,
    NeedRating,
    ReferralDirection,
    ReferralStatus,
    ServiceKind,
    TraffickingStatus,
)
from cases.models import (
    Case,
    CaseDocument,
    CaseNote,
    Consent,
    Hearing,
    IdentificationDecision,
    NeedsAssessment,
    Referral,
    Service,
    SupportPlan,
)
from hotline.models import Contact

# Within one day, the order things happen in: the case opens first and closes last.
_RANK = {
    "opened": 0,
    "contact": 1,
    "identification": 2,
    "consent": 3,
    "assessment": 4,
    "plan": 5,
    "service": 6,
    "referral": 7,
    "hearing": 8,
    "note": 9,
    "document": 10,
    "closed": 11,
}


@dataclass(frozen=True)
class Event:
    """One line of the timeline. `detail` may hold decrypted text: for the case team only."""

    date: datetime.date
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    link_text: str = ""
    pk: int = 0

    @property
    def sort_key(self) -> tuple[datetime.date, int, int]:
        return (self.date, _RANK[self.kind], self.pk)


def timeline(case: Case) -> list[Event]:
    """Every event of the case, newest first."""
    events = [
        *_case_events(case),
        *_contact(case),
        *_identifications(case),
        *_consents(case),
        *_assessments(case),
        *_plans(case),
        *_services(case),
        *_referrals(case),
        *_hearings(case),
        *_notes(case),
        *_documents(case),
    ]
    return sorted(events, key=lambda event: event.sort_key, reverse=True)


def _case_events(case: Case) -> Iterator[Event]:
    yield Event(case.opened_on, "opened", _("Case opened"))
    if case.closed_on is not None:
        detail = " · ".join(
            text
            for text in (case.get_closure_reason_display(), case.get_closure_outcome_display())
            if text
        )
        yield Event(case.closed_on, "closed", _("Case closed"), detail)


def _contact(case: Case) -> Iterator[Event]:
    if case.handover_id is None:
        return
    for pk, started_at in Contact.objects.filter(handover=case.handover_id).values_list(
        "pk", "started_at"
    ):
        yield Event(
            timezone.localdate(started_at),
            "contact",
            _("Contact with the SOS line, handed over to the case managers"),
            url=reverse("hotline:contact_detail", args=[pk]),
            link_text=_("The contact"),
            pk=pk,
        )


def _labels(choices: type[models.Choices]) -> dict[object, str]:
    """A code list's labels translated once (get_FOO_display costs much more per row)."""
    return {value: str(label) for value, label in choices.choices}


def _identifications(case: Case) -> Iterator[Event]:
    statuses, makers = _labels(TraffickingStatus), _labels(DecisionMaker)
    title = _("Identification: %(status)s")
    for decision in IdentificationDecision.objects.filter(case=case).defer("note"):
        yield Event(
            decision.decided_on,
            "identification",
            title % {"status": statuses.get(decision.status, decision.status)},
            makers.get(decision.decided_by, ""),
            pk=decision.pk,
        )


def _consents(case: Case) -> Iterator[Event]:
    purposes, bases = _labels(ConsentPurpose), _labels(LegalBasis)
    given, withdrawn = _("Consent given: %(purpose)s"), _("Consent withdrawn: %(purpose)s")
    for consent in Consent.objects.filter(case=case).select_related("partner"):
        purpose = purposes.get(consent.purpose, consent.purpose)
        if consent.purpose == ConsentPurpose.SHARING:
            recipient = consent.partner.name if consent.partner else consent.institution_name
            purpose = f"{purpose}: {recipient}"
        yield Event(
            consent.given_on,
            "consent",
            given % {"purpose": purpose},
            bases.get(consent.legal_basis, ""),
            pk=consent.pk,
        )
        if consent.withdrawn_on is not None:
            yield Event(
                consent.withdrawn_on, "consent", withdrawn % {"purpose": purpose}, pk=consent.pk
            )


def _assessments(case: Case) -> Iterator[Event]:
    urgent = Count("needs", filter=Q(needs__rating=NeedRating.HIGH))
    title, detail, link = _("Needs assessment"), _("Urgent needs: %(count)d"), _("Needs")
    url = reverse("cases:needs", args=[case.pk])
    for assessment in NeedsAssessment.objects.filter(case=case).annotate(urgent=urgent):
        yield Event(
            assessment.assessed_on,
            "assessment",
            title,
            detail % {"count": assessment.urgent},
            url=url,
            link_text=link,
            pk=assessment.pk,
        )


def _plans(case: Case) -> Iterator[Event]:
    title, detail, link = _("Support plan agreed"), _("Goals: %(count)d"), _("The plan")
    plans = SupportPlan.objects.filter(case=case).defer("person_view").annotate(n=Count("goals"))
    for plan in plans:
        yield Event(
            plan.agreed_on,
            "plan",
            title,
            detail % {"count": plan.n},
            url=reverse("cases:plan_edit", args=[case.pk, plan.pk]),
            link_text=link,
            pk=plan.pk,
        )


def _services(case: Case) -> Iterator[Event]:
    kinds, title = _labels(ServiceKind), _("Service: %(kind)s")
    for service in Service.objects.filter(case=case).defer("note"):
        detail = service.provider
        if service.count > 1:
            detail = f"{detail} ×{service.count}".strip()
        yield Event(
            service.delivered_on,
            "service",
            title % {"kind": kinds.get(service.kind, service.kind)},
            detail,
            pk=service.pk,
        )


def _referrals(case: Case) -> Iterator[Event]:
    directions, statuses = _labels(ReferralDirection), _labels(ReferralStatus)
    title, detail, link = _("%(direction)s: %(to)s"), _("Status: %(status)s"), _("Referrals")
    url = reverse("cases:referrals", args=[case.pk])
    referrals = (
        Referral.objects.filter(case=case)
        .select_related("partner")
        .only("sent_on", "direction", "status", "partner__name", "institution_name")
    )
    for referral in referrals:
        to = referral.partner.name if referral.partner else referral.institution_name
        yield Event(
            referral.sent_on,
            "referral",
            title % {"direction": directions.get(referral.direction, ""), "to": to},
            detail % {"status": statuses.get(referral.status, referral.status)},
            url=url,
            link_text=link,
            pk=referral.pk,
        )


def _hearings(case: Case) -> Iterator[Event]:
    kinds, title, link = _labels(HearingKind), _("Court: %(kind)s"), _("Court")
    url = reverse("cases:court", args=[case.pk])
    hearings = (
        Hearing.objects.filter(proceeding__case=case)
        .select_related("proceeding")
        .only("held_on", "kind", "proceeding__court")
    )
    for hearing in hearings:
        yield Event(
            hearing.held_on,
            "hearing",
            title % {"kind": kinds.get(hearing.kind, hearing.kind)},
            hearing.proceeding.court,
            url=url,
            link_text=link,
            pk=hearing.pk,
        )


def _notes(case: Case) -> Iterator[Event]:
    title = _("Note by %(author)s")
    for note in CaseNote.objects.filter(case=case).select_related("author"):
        author = note.author.get_full_name() or note.author.get_username()
        yield Event(note.written_on, "note", title % {"author": author}, note.text, pk=note.pk)


def _documents(case: Case) -> Iterator[Event]:
    title, link = _("Document: %(title)s"), _("Download %(file)s")
    for document in CaseDocument.objects.filter(case=case).defer("content"):
        yield Event(
            document.uploaded_on,
            "document",
            title % {"title": document.title},
            filesizeformat(document.size),
            url=reverse("cases:document_download", args=[case.pk, document.pk]),
            link_text=link % {"file": document.file_name},
            pk=document.pk,
        )

"""The assisted person's rights over their data: a copy of everything held about them, erasure
by anonymisation, and anonymisation once the retention period of every case has passed.

Erasure keeps the statistics true: every code (gender, citizenship, forms of exploitation,
sectors, countries, traffickers, services, referral statuses, consents) and the age at
identification stay; the identity, the name keys, every free text and the notes and documents
go. The codes alone no longer say who the person was.
"""

import base64
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import OPEN_STATUSES
from cases.models import (
    DOCUMENT_CONTEXT,
    Case,
    CaseDocument,
    CaseNote,
    Consent,
    CourtProceeding,
    Exploitation,
    GlassBreak,
    Hearing,
    IdentificationDecision,
    NameKey,
    Need,
    NeedsAssessment,
    Person,
    PlanGoal,
    Referral,
    Service,
    SupportPlan,
)
from cases.services import CaseRefused, audit
from cases.services.profile import EXPLOITATION_FIELDS, PROCEEDING_FIELDS, TRAFFICKER_FIELDS
from core.crypto import decrypt_bytes
from core.models import AuditAction, AuditEntry, User

# What a required free text becomes when it is erased.
ERASED = "—"
CASE_OBJECT_TYPE = "cases.case"


# --- Export -------------------------------------------------------------------------------------


def _user(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _values(obj: models.Model, *names: str) -> dict[str, Any]:
    """The named fields of `obj`; a coded field also gives its label in the current language."""
    values: dict[str, Any] = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        values[name] = value
        if getattr(field, "choices", None) and value not in (None, ""):
            values[f"{name}_label"] = str(getattr(obj, f"get_{name}_display")())
    return values


def _person_cases(person: Person) -> list[Case]:
    """Every case of the person with everything recorded on it, in a fixed number of queries."""
    return list(
        Case.objects.filter(organisation_id=person.organisation_id, person=person)
        .select_related("case_manager", "team", "organisation")
        .prefetch_related(
            Prefetch(
                "identifications",
                queryset=IdentificationDecision.objects.select_related("recorded_by"),
            ),
            "exploitations",
            "traffickers",
            Prefetch(
                "assessments",
                queryset=NeedsAssessment.objects.select_related("assessed_by").prefetch_related(
                    "needs"
                ),
            ),
            Prefetch(
                "plans",
                queryset=SupportPlan.objects.select_related("created_by").prefetch_related("goals"),
            ),
            Prefetch("services", queryset=Service.objects.select_related("recorded_by")),
            Prefetch("consents", queryset=Consent.objects.select_related("partner")),
            Prefetch("referrals", queryset=Referral.objects.select_related("partner")),
            Prefetch("proceedings", queryset=CourtProceeding.objects.prefetch_related("hearings")),
            Prefetch("notes", queryset=CaseNote.objects.select_related("author")),
            Prefetch("documents", queryset=CaseDocument.objects.select_related("uploaded_by")),
            Prefetch("glass_breaks", queryset=GlassBreak.objects.select_related("user")),
        )
        .order_by("opened_on", "pk")
    )


def _case_export(case: Case, audit_entries: list[AuditEntry]) -> dict[str, Any]:
    data = _values(
        case,
        "code",
        "status",
        "opened_on",
        "identification_status",
        "age_at_identification",
        "is_minor",
        "counts_in_statistics",
        "closed_on",
        "closure_reason",
        "closure_outcome",
        "closure_note",
        "retain_until",
    )
    data["case_manager"] = _user(case.case_manager)
    data["team"] = case.team.name if case.team else ""
    data["identification_decisions"] = [
        _values(d, "status", "decided_by", "decided_on", "note")
        | {"recorded_by": _user(d.recorded_by)}
        for d in case.identifications.all()
    ]
    data["exploitation"] = [
        _values(e, *EXPLOITATION_FIELDS, "is_transnational") for e in case.exploitations.all()
    ]
    data["traffickers"] = [_values(t, *TRAFFICKER_FIELDS) for t in case.traffickers.all()]
    data["needs_assessments"] = [
        _values(a, "assessed_on")
        | {
            "assessed_by": _user(a.assessed_by),
            "needs": [_values(n, "domain", "rating", "note") for n in a.needs.all()],
        }
        for a in case.assessments.all()
    ]
    data["support_plans"] = [
        _values(p, "agreed_on", "review_on", "person_view")
        | {
            "created_by": _user(p.created_by),
            "goals": [
                _values(g, "domain", "goal", "activities", "responsible", "deadline", "status")
                for g in p.goals.all()
            ],
        }
        for p in case.plans.all()
    ]
    data["services"] = [
        _values(s, "kind", "delivered_on", "provider", "count", "note")
        | {"recorded_by": _user(s.recorded_by)}
        for s in case.services.all()
    ]
    data["consents"] = [
        _values(c, "purpose", "institution_name", "legal_basis", "given_on", "withdrawn_on")
        | {"partner": c.partner.name if c.partner else ""}
        for c in case.consents.all()
    ]
    data["referrals"] = [
        _values(
            r,
            "direction",
            "institution_name",
            "reason_code",
            "reason",
            "shared_summary",
            "sent_on",
            "status",
            "feedback",
            "responded_at",
        )
        | {"partner": r.partner.name if r.partner else ""}
        for r in case.referrals.all()
    ]
    data["court_proceedings"] = [
        _values(p, *PROCEEDING_FIELDS)
        | {"hearings": [_values(h, "held_on", "kind", "note") for h in p.hearings.all()]}
        for p in case.proceedings.all()
    ]
    data["notes"] = [
        _values(n, "written_on", "text") | {"author": _user(n.author)} for n in case.notes.all()
    ]
    data["documents"] = [
        _values(d, "title", "file_name", "content_type", "size", "uploaded_on")
        | {
            "uploaded_by": _user(d.uploaded_by),
            "content_base64": base64.b64encode(
                decrypt_bytes(bytes(d.content), DOCUMENT_CONTEXT)
            ).decode("ascii"),
        }
        for d in case.documents.all()
    ]
    data["emergency_accesses"] = [
        {"user": _user(g.user), "at": g.created_at, "until": g.expires_at}
        for g in case.glass_breaks.all()
    ]
    data["access_log"] = [
        {
            "at": entry.created_at,
            "actor": entry.actor_name,
            "action": entry.action,
            "summary": entry.summary,
        }
        for entry in audit_entries
    ]
    return data


def export_person(person: Person) -> dict[str, Any]:
    """Everything the organisation holds about the person, across all their cases: identity,
    facts, every record, the documents (base64) and who looked at their cases and when."""
    cases = _person_cases(person)
    entries: dict[str, list[AuditEntry]] = {str(case.pk): [] for case in cases}
    for entry in AuditEntry.objects.filter(
        organisation_id=person.organisation_id,
        object_type=CASE_OBJECT_TYPE,
        object_id__in=list(entries),
    ).order_by("sequence"):
        entries[entry.object_id].append(entry)
    return {
        "exported_at": timezone.now(),
        "person": _values(
            person,
            "given_name",
            "family_name",
            "aliases",
            "date_of_birth",
            "contact_details",
            "identity_documents",
            "gender",
            "year_of_birth",
            "citizenship",
            "languages",
            "anonymised_at",
            "created_at",
        ),
        "cases": [_case_export(case, entries[str(case.pk)]) for case in cases],
    }


# --- Erasure ------------------------------------------------------------------------------------


def anonymise_person(person: Person, actor: User | None, ip: str | None) -> Person:
    """Erase the person by anonymisation: identity, name keys, free texts, notes and documents
    go; the codes that make the statistics stay. Only once every case of theirs is closed."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.anonymised_at is not None:
            raise CaseRefused(_("This person's data has already been erased."))
        cases = list(
            Case.objects.select_for_update()
            .filter(organisation_id=person.organisation_id, person=person)
            .select_related("organisation")
        )
        if any(case.status in OPEN_STATUSES for case in cases):
            raise CaseRefused(
                _(
                    "The person still has an open case. Close every case of theirs before "
                    "erasing their data."
                )
            )
        person.given_name = person.family_name = person.aliases = ""
        person.date_of_birth = person.contact_details = person.identity_documents = ""
        person.year_of_birth = None
        person.anonymised_at = timezone.now()
        person.save(
            update_fields=[
                "given_name",
                "family_name",
                "aliases",
                "date_of_birth",
                "contact_details",
                "identity_documents",
                "year_of_birth",
                "anonymised_at",
            ]
        )
        NameKey.objects.filter(person=person).delete()
        ids = [case.pk for case in cases]
        Case.objects.filter(pk__in=ids).update(closure_note="")
        IdentificationDecision.objects.filter(case_id__in=ids).update(note="")
        # Places and the responsible person are clear text that may point at the person.
        Exploitation.objects.filter(case_id__in=ids).update(
            recruitment_place="", exploitation_place=""
        )
        Need.objects.filter(assessment__case_id__in=ids).update(note="")
        SupportPlan.objects.filter(case_id__in=ids).update(person_view="")
        PlanGoal.objects.filter(plan__case_id__in=ids).update(
            goal=ERASED, activities="", responsible=""
        )
        Service.objects.filter(case_id__in=ids).update(note="")
        Referral.objects.filter(case_id__in=ids).update(reason="", shared_summary="", feedback="")
        CourtProceeding.objects.filter(case_id__in=ids).update(case_number="", note="")
        Hearing.objects.filter(proceeding__case_id__in=ids).update(note="")
        GlassBreak.objects.filter(case_id__in=ids).update(reason=ERASED)
        CaseNote.objects.filter(case_id__in=ids).delete()
        CaseDocument.objects.filter(case_id__in=ids).delete()
        for case in cases:
            audit(AuditAction.DELETE, case, actor, f"person #{person.pk} anonymised", ip)
    return person


def anonymise_expired(today: date | None = None) -> int:
    """Anonymise every person whose cases are all closed and past their retention date
    (`retain_until`, set when a case is closed). Returns how many were anonymised."""
    today = today or timezone.localdate()
    still_kept = Case.objects.filter(person=OuterRef("pk")).filter(
        Q(status__in=OPEN_STATUSES) | Q(retain_until__isnull=True) | Q(retain_until__gte=today)
    )
    expired = (
        Person.objects.filter(anonymised_at__isnull=True)
        .filter(Exists(Case.objects.filter(person=OuterRef("pk"))))
        .exclude(Exists(still_kept))
        .order_by("pk")
    )
    count = 0
    for person in expired.only("pk", "organisation_id"):
        try:
            anonymise_person(person, None, None)
        except CaseRefused:
            # A case was reopened (or the person erased) since the selection: nothing to do.
            continue
        count += 1
    return count

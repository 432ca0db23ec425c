"""Writes of the assistance given on a case: needs assessments, support plans, services
delivered, notes and documents (files encrypted at rest).

New assistance records need an open case and the person's consent to assistance; notes and
documents only an open case (they record what happened, also after a withdrawal). Every
function validates first, writes in one transaction and audits with codes and ids only.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import GoalStatus, NeedDomain, NeedRating, ServiceKind
from cases.models import (
    DOCUMENT_CONTEXT,
    Case,
    CaseDocument,
    CaseNote,
    Need,
    NeedsAssessment,
    PlanGoal,
    Service,
    SupportPlan,
)
from cases.services import CaseRefused, audit, require_assistance_consent, require_open
from core.crypto import decrypt_bytes, encrypt_bytes
from core.models import AuditAction, User

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_SERVICE_COUNT = 999
MAX_GOALS = 10


@dataclass(frozen=True)
class DocumentType:
    content_type: str
    signatures: tuple[bytes, ...]  # leading bytes, any of them; empty: checked otherwise


ZIP = b"PK\x03\x04"
# What may be uploaded, by extension; the leading bytes must agree with the extension.
DOCUMENT_TYPES: dict[str, DocumentType] = {
    "pdf": DocumentType("application/pdf", (b"%PDF-",)),
    "jpg": DocumentType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": DocumentType("image/jpeg", (b"\xff\xd8\xff",)),
    "png": DocumentType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "docx": DocumentType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)
    ),
    "odt": DocumentType("application/vnd.oasis.opendocument.text", (ZIP,)),
    "txt": DocumentType("text/plain; charset=utf-8", ()),
}
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def _check_date(value: date, case: Case, what: str) -> None:
    if value > timezone.localdate():
        raise CaseRefused(_("The %(what)s is in the future.") % {"what": what})
    if value < case.opened_on:
        raise CaseRefused(_("The %(what)s is before the case was opened.") % {"what": what})


def _require_assistance(case: Case) -> None:
    require_open(case)
    require_assistance_consent(case)


def _lock(case: Case) -> Case:
    """The case row locked for the write, so a concurrent close cannot slip between the checks."""
    return Case.objects.select_for_update().get(pk=case.pk)


# --- Needs assessments -------------------------------------------------------------------------


def record_assessment(
    case: Case,
    actor: User,
    assessed_on: date,
    ratings: dict[str, tuple[int, str]],
    ip: str | None = None,
) -> NeedsAssessment:
    """Record the person's needs in every domain on one date: `ratings[domain] = (rating, note)`."""
    domains = {str(domain) for domain in NeedDomain.values}
    if set(ratings) != domains:
        raise CaseRefused(_("Rate the need in every domain."))
    if any(rating not in NeedRating.values for rating, _note in ratings.values()):
        raise CaseRefused(_("Unknown need rating."))
    with transaction.atomic():
        locked = _lock(case)
        _require_assistance(locked)
        _check_date(assessed_on, locked, _("date of the assessment"))
        assessment = NeedsAssessment.objects.create(
            case=locked, assessed_on=assessed_on, assessed_by=actor
        )
        Need.objects.bulk_create(
            Need(assessment=assessment, domain=domain, rating=rating, note=note)
            for domain in NeedDomain.values
            for rating, note in [ratings[domain]]
        )
        audit(AuditAction.CREATE, locked, actor, f"needs assessment #{assessment.pk}", ip)
    return assessment


# --- Support plans -----------------------------------------------------------------------------


def _check_goals(goals: list[dict[str, Any]], agreed_on: date) -> None:
    for goal in goals:
        if goal.get("domain") not in NeedDomain.values:
            raise CaseRefused(_("Unknown need domain."))
        if not str(goal.get("goal", "")).strip():
            raise CaseRefused(_("Every goal needs a description."))
        deadline = goal.get("deadline")
        if deadline is not None and deadline < agreed_on:
            raise CaseRefused(_("A goal's deadline is before the plan was agreed."))


def _check_review(review_on: date | None, agreed_on: date) -> None:
    if review_on is not None and review_on <= agreed_on:
        raise CaseRefused(_("The review date must be after the date the plan was agreed."))


def _goal(plan: SupportPlan, goal: dict[str, Any]) -> PlanGoal:
    return PlanGoal(
        plan=plan,
        domain=goal["domain"],
        goal=goal["goal"],
        activities=goal.get("activities", ""),
        responsible=goal.get("responsible", ""),
        deadline=goal.get("deadline"),
    )


def create_plan(
    case: Case,
    actor: User,
    agreed_on: date,
    review_on: date | None,
    person_view: str,
    goals: list[dict[str, Any]],
    ip: str | None = None,
) -> SupportPlan:
    """Record a support plan agreed with the person, with its goals (at least one)."""
    if not goals:
        raise CaseRefused(_("A support plan needs at least one goal."))
    if len(goals) > MAX_GOALS:
        raise CaseRefused(_("A support plan has at most %(max)d goals.") % {"max": MAX_GOALS})
    _check_review(review_on, agreed_on)
    _check_goals(goals, agreed_on)
    with transaction.atomic():
        locked = _lock(case)
        _require_assistance(locked)
        _check_date(agreed_on, locked, _("date the plan was agreed"))
        plan = SupportPlan.objects.create(
            case=locked,
            agreed_on=agreed_on,
            review_on=review_on,
            person_view=person_view,
            created_by=actor,
        )
        PlanGoal.objects.bulk_create(_goal(plan, goal) for goal in goals)
        audit(AuditAction.CREATE, locked, actor, f"support plan #{plan.pk}, {len(goals)} goals", ip)
    return plan


def update_plan(
    plan: SupportPlan,
    actor: User,
    review_on: date | None,
    person_view: str,
    statuses: dict[int, str],
    new_goals: list[dict[str, Any]],
    ip: str | None = None,
) -> SupportPlan:
    """Change a plan's review date, the person's view and its goals' statuses; add goals."""
    if any(status not in GoalStatus.values for status in statuses.values()):
        raise CaseRefused(_("Unknown goal status."))
    _check_review(review_on, plan.agreed_on)
    _check_goals(new_goals, plan.agreed_on)
    with transaction.atomic():
        locked = _lock(plan.case)
        _require_assistance(locked)
        goals = {goal.pk: goal for goal in PlanGoal.objects.filter(plan=plan)}
        if not set(statuses) <= set(goals):
            raise CaseRefused(_("A goal of another plan cannot be changed here."))
        if len(goals) + len(new_goals) > MAX_GOALS:
            raise CaseRefused(_("A support plan has at most %(max)d goals.") % {"max": MAX_GOALS})
        plan.review_on = review_on
        plan.person_view = person_view
        plan.save(update_fields=["review_on", "person_view"])
        changed = [goals[pk] for pk, status in statuses.items() if goals[pk].status != status]
        for goal in changed:
            goal.status = statuses[goal.pk]
        PlanGoal.objects.bulk_update(changed, ["status"])
        PlanGoal.objects.bulk_create(_goal(plan, goal) for goal in new_goals)
        summary = ", ".join(
            [f"support plan #{plan.pk}"]
            + [f"goal #{goal.pk} {goal.status}" for goal in changed]
            + ([f"{len(new_goals)} goals added"] if new_goals else [])
        )
        audit(AuditAction.UPDATE, locked, actor, summary, ip)
    return plan


# --- Services delivered ------------------------------------------------------------------------


def record_service(
    case: Case,
    actor: User,
    kind: str,
    delivered_on: date,
    provider: str,
    count: int,
    note: str = "",
    ip: str | None = None,
) -> Service:
    """Record assistance delivered to the person: what, when, by whom, how many times."""
    if kind not in ServiceKind.values:
        raise CaseRefused(_("Unknown service."))
    if not 1 <= count <= MAX_SERVICE_COUNT:
        raise CaseRefused(
            _("The count must be between 1 and %(max)d.") % {"max": MAX_SERVICE_COUNT}
        )
    with transaction.atomic():
        locked = _lock(case)
        _require_assistance(locked)
        _check_date(delivered_on, locked, _("date of the service"))
        service = Service.objects.create(
            case=locked,
            kind=kind,
            delivered_on=delivered_on,
            provider=provider,
            count=count,
            note=note,
            recorded_by=actor,
        )
        audit(AuditAction.CREATE, locked, actor, f"service #{service.pk} {kind} x{count}", ip)
    return service


# --- Notes and documents -----------------------------------------------------------------------


def add_note(
    case: Case, actor: User, written_on: date, text: str, ip: str | None = None
) -> CaseNote:
    """Add a note (encrypted) to the case's timeline."""
    if not text.strip():
        raise CaseRefused(_("The note is empty."))
    with transaction.atomic():
        locked = _lock(case)
        require_open(locked)
        _check_date(written_on, locked, _("date of the note"))
        note = CaseNote.objects.create(case=locked, written_on=written_on, text=text, author=actor)
        audit(AuditAction.CREATE, locked, actor, f"note #{note.pk}", ip)
    return note


def document_type(file_name: str, data: bytes) -> DocumentType | None:
    """The allowed type of a file, by its extension and its leading bytes (a text file: UTF-8
    without NUL bytes); None if refused."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    kind = DOCUMENT_TYPES.get(extension)
    if kind is None:
        return None
    if kind.signatures and not data.startswith(kind.signatures):
        return None
    if extension == "odt" and data[30 : 30 + len(ODT_MIMETYPE)] != ODT_MIMETYPE:
        return None
    if extension == "txt" and not _is_text(data):
        return None
    return kind


def upload_document(
    case: Case, actor: User, title: str, file_name: str, data: bytes, ip: str | None = None
) -> CaseDocument:
    """Store an uploaded file encrypted, after checking its size and type."""
    if not data:
        raise CaseRefused(_("The file is empty."))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CaseRefused(
            _("The file is larger than %(size)s MB.") % {"size": f"{MAX_DOCUMENT_BYTES / 2**20:g}"}
        )
    kind = document_type(file_name, data)
    if kind is None:
        raise CaseRefused(_("Only PDF, JPEG, PNG, DOCX, ODT and TXT files can be uploaded."))
    with transaction.atomic():
        locked = _lock(case)
        require_open(locked)
        document = CaseDocument.objects.create(
            case=locked,
            title=title,
            file_name=file_name,
            content_type=kind.content_type,
            size=len(data),
            content=encrypt_bytes(data, DOCUMENT_CONTEXT),
            uploaded_by=actor,
            uploaded_on=timezone.localdate(),
        )
        audit(AuditAction.CREATE, locked, actor, f"document #{document.pk}", ip)
    return document


def _is_text(data: bytes) -> bool:
    try:
        return "\x00" not in data.decode("utf-8")
    except UnicodeDecodeError:
        return False


def document_content(
    case: Case, document: CaseDocument, actor: User, ip: str | None = None
) -> bytes:
    """The decrypted bytes of a document of the case; handing them out is audited as an export."""
    data = decrypt_bytes(bytes(document.content), DOCUMENT_CONTEXT)
    audit(AuditAction.EXPORT, case, actor, f"document #{document.pk} downloaded", ip)
    return data

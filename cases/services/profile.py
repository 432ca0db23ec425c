"""Writes of the person's profile on a case: the identification history (National Referral
Mechanism), the forms of exploitation, the traffickers and the court proceedings.

Every rule about these records lives here; a refusal names the field it is about (`ProfileRefused
.field`), so the page shows the message next to it. Nothing is written when one is raised, and
audit summaries carry codes and ids only.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import (
    CompensationResult,
    Country,
    DecisionMaker,
    ExploitationForm,
    HearingKind,
    TraffickingStatus,
)
from cases.models import (
    Case,
    CourtProceeding,
    Exploitation,
    Hearing,
    IdentificationDecision,
    Trafficker,
)
from cases.services import CaseRefused, audit, require_open
from core.models import AuditAction, User

# A scheduled testimony can be years away, but not further than a trial could run.
HEARING_YEARS_AHEAD = 5
# Proceedings may concern events long before the case was opened.
HEARING_YEARS_BEFORE_CASE = 10
AMOUNT_RESULTS = frozenset(
    {CompensationResult.AWARDED, CompensationResult.PARTLY_AWARDED, CompensationResult.PAID}
)
DECIDED_STATUSES = frozenset({TraffickingStatus.IDENTIFIED, TraffickingStatus.NOT_IDENTIFIED})

EXPLOITATION_FIELDS = (
    "form",
    "labour_sector",
    "recruitment_country",
    "recruitment_place",
    "transit_countries",
    "exploitation_country",
    "exploitation_place",
    "started_on",
    "ended_on",
    "recruitment_method",
    "means_of_control",
)
TRAFFICKER_FIELDS = ("gender", "age_band", "citizenship", "relation", "role")
PROCEEDING_FIELDS = (
    "court",
    "case_number",
    "role",
    "stage",
    "protective_measures",
    "compensation_claimed",
    "compensation_result",
    "compensation_amount",
    "note",
)


class ProfileRefused(CaseRefused):
    """A profile record breaks a rule; `field` is the form field it is about (None: the whole)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _not_in_the_future(value: date | None, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ProfileRefused(_("This date is in the future."), field)


def _locked(case_id: int) -> Case:
    """The case, locked for the write and checked to be open."""
    locked = Case.objects.select_for_update().select_related("person").get(pk=case_id)
    require_open(locked)
    return locked


# Identification ----------------------------------------------------------------------------


def record_identification(
    case: Case,
    actor: User,
    status: str,
    decided_by: str,
    decided_on: date,
    note: str = "",
    ip: str | None = None,
) -> IdentificationDecision:
    """Append a step of the identification history; the case's status becomes that of the
    latest decision by date (a decision recorded late does not override a newer one)."""
    if status not in TraffickingStatus.values:
        raise ProfileRefused(_("Choose a status from the list."), "status")
    if decided_by and decided_by not in DecisionMaker.values:
        raise ProfileRefused(_("Choose who decided from the list."), "decided_by")
    if status in DECIDED_STATUSES and not decided_by:
        raise ProfileRefused(_("Say who took the decision."), "decided_by")
    _not_in_the_future(decided_on, "decided_on")
    with transaction.atomic():
        locked = _locked(case.pk)
        born = locked.person.year_of_birth
        if born is not None and decided_on.year < born:
            raise ProfileRefused(
                _("The decision cannot be dated before the person's year of birth (%(year)s).")
                % {"year": born},
                "decided_on",
            )
        decision = IdentificationDecision.objects.create(
            case=locked,
            status=status,
            decided_by=decided_by,
            decided_on=decided_on,
            note=note,
            recorded_by=actor,
        )
        latest = (
            IdentificationDecision.objects.filter(case=locked)
            .order_by("-decided_on", "-pk")
            .values_list("status", flat=True)
            .first()
        )
        locked.identification_status = latest or status
        locked.save(update_fields=["identification_status"])
        case.identification_status = locked.identification_status
        audit(
            AuditAction.CREATE,
            locked,
            actor,
            f"identification #{decision.pk} {status}; case now {locked.identification_status}",
            ip,
        )
    return decision


# Exploitation ------------------------------------------------------------------------------


def is_transnational(
    recruitment_country: str, transit_countries: list[str], exploitation_country: str
) -> bool:
    """More than one known country among recruitment, transit and exploitation."""
    countries = {recruitment_country, exploitation_country, *transit_countries} - {""}
    return len(countries) > 1


def _check_exploitation(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {name: data.get(name) for name in EXPLOITATION_FIELDS}
    for name in ("labour_sector", "recruitment_country", "exploitation_country"):
        cleaned[name] = cleaned[name] or ""
    for name in ("recruitment_place", "exploitation_place", "recruitment_method"):
        cleaned[name] = (cleaned[name] or "").strip()
    cleaned["transit_countries"] = list(dict.fromkeys(cleaned["transit_countries"] or []))
    cleaned["means_of_control"] = list(dict.fromkeys(cleaned["means_of_control"] or []))
    if cleaned["form"] not in ExploitationForm.values:
        raise ProfileRefused(_("Choose a form of exploitation from the list."), "form")
    if cleaned["labour_sector"] and cleaned["form"] != ExploitationForm.LABOUR:
        raise ProfileRefused(
            _("A sector is recorded for labour exploitation only."), "labour_sector"
        )
    unknown = set(cleaned["transit_countries"]) - set(Country.values)
    if unknown:
        raise ProfileRefused(_("Choose the transit countries from the list."), "transit_countries")
    started_on, ended_on = cleaned["started_on"], cleaned["ended_on"]
    _not_in_the_future(started_on, "started_on")
    _not_in_the_future(ended_on, "ended_on")
    if started_on and ended_on and ended_on < started_on:
        raise ProfileRefused(_("The end cannot be before the start."), "ended_on")
    cleaned["is_transnational"] = is_transnational(
        cleaned["recruitment_country"],
        cleaned["transit_countries"],
        cleaned["exploitation_country"],
    )
    return cleaned


def add_exploitation(
    case: Case, actor: User, data: dict[str, Any], ip: str | None = None
) -> Exploitation:
    """Record a form of exploitation (several per case, the same form again for another
    period); internal or transnational follows from the countries."""
    cleaned = _check_exploitation(data)
    with transaction.atomic():
        locked = _locked(case.pk)
        exploitation = Exploitation.objects.create(case=locked, **cleaned)
        audit(
            AuditAction.CREATE,
            locked,
            actor,
            f"exploitation #{exploitation.pk} {exploitation.form}",
            ip,
        )
    return exploitation


def update_exploitation(
    exploitation: Exploitation, actor: User, data: dict[str, Any], ip: str | None = None
) -> Exploitation:
    """Change a recorded form of exploitation."""
    cleaned = _check_exploitation(data)
    with transaction.atomic():
        locked = _locked(exploitation.case_id)
        for name, value in cleaned.items():
            setattr(exploitation, name, value)
        exploitation.save()
        audit(
            AuditAction.UPDATE,
            locked,
            actor,
            f"exploitation #{exploitation.pk} {exploitation.form}",
            ip,
        )
    return exploitation


def delete_exploitation(exploitation: Exploitation, actor: User, ip: str | None = None) -> None:
    """Remove a form of exploitation recorded by mistake."""
    with transaction.atomic():
        locked = _locked(exploitation.case_id)
        pk, form = exploitation.pk, exploitation.form
        exploitation.delete()
        audit(AuditAction.DELETE, locked, actor, f"exploitation #{pk} {form}", ip)


# Traffickers -------------------------------------------------------------------------------


def add_trafficker(
    case: Case, actor: User, data: dict[str, Any], ip: str | None = None
) -> Trafficker:
    """Record one trafficker as the person described them: no name, only what is reported."""
    with transaction.atomic():
        locked = _locked(case.pk)
        trafficker = Trafficker.objects.create(
            case=locked, **{name: data[name] for name in TRAFFICKER_FIELDS}
        )
        audit(
            AuditAction.CREATE,
            locked,
            actor,
            f"trafficker #{trafficker.pk} {trafficker.role}/{trafficker.relation}",
            ip,
        )
    return trafficker


def delete_trafficker(trafficker: Trafficker, actor: User, ip: str | None = None) -> None:
    """Remove a trafficker recorded by mistake."""
    with transaction.atomic():
        locked = _locked(trafficker.case_id)
        pk = trafficker.pk
        trafficker.delete()
        audit(AuditAction.DELETE, locked, actor, f"trafficker #{pk}", ip)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# Court -------------------------------------------------------------------------------------


def _check_proceeding(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {name: data.get(name) for name in PROCEEDING_FIELDS}
    cleaned["court"] = (cleaned["court"] or "").strip()
    cleaned["case_number"] = (cleaned["case_number"] or "").strip()
    cleaned["note"] = cleaned["note"] or ""
    cleaned["protective_measures"] = list(dict.fromkeys(cleaned["protective_measures"] or []))
    cleaned["compensation_claimed"] = bool(cleaned["compensation_claimed"])
    result = cleaned["compensation_result"] or CompensationResult.NOT_CLAIMED
    cleaned["compensation_result"] = result
    if not cleaned["court"]:
        raise ProfileRefused(_("Name the court."), "court")
    if result != CompensationResult.NOT_CLAIMED and not cleaned["compensation_claimed"]:
        raise ProfileRefused(
            _("A compensation result means compensation was claimed: tick “compensation claimed”."),
            "compensation_claimed",
        )
    amount: Decimal | None = cleaned["compensation_amount"]
    if amount is not None:
        if result not in AMOUNT_RESULTS:
            raise ProfileRefused(
                _("An amount is recorded only when compensation was awarded."),
                "compensation_amount",
            )
        if amount < 0:
            raise ProfileRefused(_("The amount cannot be negative."), "compensation_amount")
    return cleaned


def add_proceeding(
    case: Case, actor: User, data: dict[str, Any], ip: str | None = None
) -> CourtProceeding:
    """Record criminal proceedings the person takes part in."""
    cleaned = _check_proceeding(data)
    with transaction.atomic():
        locked = _locked(case.pk)
        proceeding = CourtProceeding.objects.create(case=locked, **cleaned)
        audit(
            AuditAction.CREATE,
            locked,
            actor,
            f"court proceedings #{proceeding.pk} {proceeding.role} {proceeding.stage}",
            ip,
        )
    return proceeding


def update_proceeding(
    proceeding: CourtProceeding, actor: User, data: dict[str, Any], ip: str | None = None
) -> CourtProceeding:
    """Change the proceedings as they move on (stage, measures, compensation)."""
    cleaned = _check_proceeding(data)
    with transaction.atomic():
        locked = _locked(proceeding.case_id)
        for name, value in cleaned.items():
            setattr(proceeding, name, value)
        proceeding.save()
        audit(
            AuditAction.UPDATE,
            locked,
            actor,
            f"court proceedings #{proceeding.pk} {proceeding.stage} "
            f"compensation {proceeding.compensation_result}",
            ip,
        )
    return proceeding


def add_hearing(
    proceeding: CourtProceeding,
    actor: User,
    held_on: date,
    kind: str,
    note: str = "",
    ip: str | None = None,
) -> Hearing:
    """Record a hearing, a testimony or a verdict: past, or scheduled up to some years ahead."""
    if kind not in HearingKind.values:
        raise ProfileRefused(_("Choose the kind of hearing from the list."), "kind")
    latest = _years_after(timezone.localdate(), HEARING_YEARS_AHEAD)
    if held_on > latest:
        raise ProfileRefused(
            _("A hearing cannot be scheduled more than %(years)s years ahead.")
            % {"years": HEARING_YEARS_AHEAD},
            "held_on",
        )
    with transaction.atomic():
        locked = _locked(proceeding.case_id)
        earliest = date(locked.opened_on.year - HEARING_YEARS_BEFORE_CASE, 1, 1)
        if held_on < earliest:
            raise ProfileRefused(
                _("This date is too long before the case (earliest %(date)s).")
                % {"date": earliest.isoformat()},
                "held_on",
            )
        hearing = Hearing.objects.create(
            proceeding=proceeding, held_on=held_on, kind=kind, note=note
        )
        audit(
            AuditAction.CREATE,
            locked,
            actor,
            f"court proceedings #{proceeding.pk}: hearing #{hearing.pk} {kind}",
            ip,
        )
    return hearing

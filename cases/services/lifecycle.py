"""The life of a case: opening (directly or from an SOS-line hand-over), assigning, closing and
reopening; emergency access ("break the glass"); and the case teams.

Each function validates first and raises `CaseRefused` with nothing written, then writes in one
transaction with its audit entry.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import OPEN_STATUSES, CaseStatus, ClosureReason, TraffickingStatus
from cases.models import Case, GlassBreak, IdentificationDecision, Person, Team
from cases.services import CaseRefused, audit
from cases.services.persons import ADULT_AGE, set_identity
from core.models import AuditAction, Membership, Organisation, Role, User
from core.services import record_audit
from hotline.codes import HandoverStatus
from hotline.models import CaseHandover
from hotline.services.handovers import next_case_code
from hotline.services.notices import email_members, link_to

EARLIEST_YEAR_OF_BIRTH = 1900
GLASS_REASON_MIN_LENGTH = 10


@dataclass
class Identity:
    """What is known of who the person is (encrypted when written)."""

    given_name: str = ""
    family_name: str = ""
    aliases: str = ""
    date_of_birth: date | None = None
    contact_details: str = ""
    identity_documents: str = ""


def is_case_manager(organisation: Organisation, user: User) -> bool:
    return Membership.objects.filter(
        organisation=organisation, user=user, role=Role.CASE_MANAGER
    ).exists()


def _check_opening(
    organisation: Organisation,
    opened_on: date,
    year_of_birth: int | None,
    team: Team | None,
    handover: CaseHandover | None,
    existing_person: Person | None,
) -> None:
    today = timezone.localdate()
    if opened_on > today:
        raise CaseRefused(_("The opening date cannot be in the future."))
    if year_of_birth is not None and not EARLIEST_YEAR_OF_BIRTH <= year_of_birth <= today.year:
        raise CaseRefused(
            _("The year of birth must be between %(first)d and %(last)d.")
            % {"first": EARLIEST_YEAR_OF_BIRTH, "last": today.year}
        )
    if year_of_birth is not None and year_of_birth > opened_on.year:
        raise CaseRefused(_("The year of birth cannot be after the year the case is opened."))
    if team is not None and team.organisation_id != organisation.pk:
        raise CaseRefused(_("Choose one of your organisation's teams."))
    if existing_person is not None and existing_person.organisation_id != organisation.pk:
        raise CaseRefused(_("That person is not one of your organisation's."))
    if handover is not None:
        if handover.organisation_id != organisation.pk:
            raise CaseRefused(_("That hand-over is not one of your organisation's."))
        if handover.status != HandoverStatus.ACCEPTED or not handover.case_code:
            raise CaseRefused(_("Only an accepted hand-over can become a case."))
        if Case.objects.filter(handover=handover).exists():
            raise CaseRefused(_("A case was already opened from this hand-over."))


def open_case(
    organisation: Organisation,
    actor: User,
    *,
    given_name: str = "",
    family_name: str = "",
    aliases: str = "",
    date_of_birth: date | None = None,
    contact_details: str = "",
    identity_documents: str = "",
    gender: str,
    year_of_birth: int | None,
    minor: bool = False,
    citizenship: str,
    languages: list[str],
    opened_on: date,
    team: Team | None,
    handover: CaseHandover | None = None,
    existing_person: Person | None = None,
    ip: str | None = None,
) -> Case:
    """Open a case managed by `actor`: a new person (or an existing one, for a new period of
    assistance), the code of the hand-over or the next of the year, a presumed victim."""
    _check_opening(organisation, opened_on, year_of_birth, team, handover, existing_person)
    identity = Identity(
        given_name, family_name, aliases, date_of_birth, contact_details, identity_documents
    )
    for attempt in range(2):
        try:
            return _open(
                organisation,
                actor,
                identity=identity,
                gender=gender,
                year_of_birth=year_of_birth,
                minor=minor,
                citizenship=citizenship,
                languages=languages,
                opened_on=opened_on,
                team=team,
                handover=handover,
                existing_person=existing_person,
                ip=ip,
            )
        except IntegrityError:
            if attempt or handover is not None:
                raise CaseRefused(
                    _("Another case was opened at the same moment. Please try again.")
                ) from None
    raise AssertionError("unreachable")


def _open(
    organisation: Organisation,
    actor: User,
    *,
    identity: Identity,
    gender: str,
    year_of_birth: int | None,
    minor: bool,
    citizenship: str,
    languages: list[str],
    opened_on: date,
    team: Team | None,
    handover: CaseHandover | None,
    existing_person: Person | None,
    ip: str | None,
) -> Case:
    with transaction.atomic():
        if handover is not None:
            handover = CaseHandover.objects.select_for_update().get(pk=handover.pk)
            if Case.objects.filter(handover=handover).exists():
                raise CaseRefused(_("A case was already opened from this hand-over."))
        if existing_person is not None:
            person = existing_person
            if person.year_of_birth is None and year_of_birth is not None:
                person.year_of_birth = year_of_birth
                person.save(update_fields=["year_of_birth"])
                person.name_keys.update(year_of_birth=year_of_birth)
            year_of_birth = person.year_of_birth
        else:
            person = Person(
                organisation=organisation,
                gender=gender,
                year_of_birth=year_of_birth,
                citizenship=citizenship,
                languages=list(languages),
            )
            set_identity(
                person,
                given_name=identity.given_name,
                family_name=identity.family_name,
                aliases=identity.aliases,
                date_of_birth=identity.date_of_birth,
                contact_details=identity.contact_details,
                identity_documents=identity.identity_documents,
            )
        age = opened_on.year - year_of_birth if year_of_birth is not None else None
        case = Case.objects.create(
            organisation=organisation,
            person=person,
            code=handover.case_code if handover else next_case_code(organisation, opened_on.year),
            handover=handover,
            opened_on=opened_on,
            case_manager=actor,
            team=team,
            identification_status=TraffickingStatus.PRESUMED,
            age_at_identification=age,
            is_minor=age < ADULT_AGE if age is not None else minor,
        )
        IdentificationDecision.objects.create(
            case=case,
            status=TraffickingStatus.PRESUMED,
            decided_on=opened_on,
            recorded_by=actor,
        )
        origin = f" from hand-over #{handover.pk}" if handover else ""
        again = f", person #{person.pk} known" if existing_person else ""
        audit(AuditAction.CREATE, case, actor, f"case opened{origin}{again}", ip)
    return case


def _years_later(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def close_case(
    case: Case,
    actor: User,
    *,
    reason: str,
    outcome: str,
    note: str,
    closed_on: date,
    ip: str | None = None,
) -> Case:
    """Close the case with its reason and outcome; it is kept CASE_RETENTION_YEARS from then."""
    if case.status not in OPEN_STATUSES:
        raise CaseRefused(_("This case is already closed."))
    if closed_on > timezone.localdate():
        raise CaseRefused(_("The closing date cannot be in the future."))
    if closed_on < case.opened_on:
        raise CaseRefused(_("The closing date cannot be before the case was opened."))
    with transaction.atomic():
        case.status = (
            CaseStatus.CLOSED_REFERRED if reason == ClosureReason.REFERRED else CaseStatus.CLOSED
        )
        case.closed_on = closed_on
        case.closure_reason = reason
        case.closure_outcome = outcome
        case.closure_note = note
        case.retain_until = _years_later(closed_on, settings.CASE_RETENTION_YEARS)
        case.save(
            update_fields=[
                "status",
                "closed_on",
                "closure_reason",
                "closure_outcome",
                "closure_note",
                "retain_until",
            ]
        )
        audit(AuditAction.UPDATE, case, actor, f"closed: {reason}, {outcome}", ip)
    return case


def reopen_case(case: Case, actor: User, ip: str | None = None) -> Case:
    """Reopen a closed case: it is open again and no longer due for deletion."""
    if case.status in OPEN_STATUSES:
        raise CaseRefused(_("This case is open already."))
    if case.person.anonymised_at is not None:
        raise CaseRefused(
            _("The person's data was erased, so this case stays closed. Open a new case instead.")
        )
    with transaction.atomic():
        case.status = CaseStatus.ACTIVE
        case.closed_on = None
        case.closure_reason = ""
        case.closure_outcome = ""
        case.closure_note = ""
        case.retain_until = None
        case.save(
            update_fields=[
                "status",
                "closed_on",
                "closure_reason",
                "closure_outcome",
                "closure_note",
                "retain_until",
            ]
        )
        audit(AuditAction.UPDATE, case, actor, "reopened", ip)
    return case


def assign(
    case: Case, actor: User, case_manager: User, team: Team | None, ip: str | None = None
) -> Case:
    """Give the case to another case manager and/or team of the organisation."""
    if not is_case_manager(case.organisation, case_manager):
        raise CaseRefused(_("Choose a case manager of your organisation."))
    if team is not None and team.organisation_id != case.organisation_id:
        raise CaseRefused(_("Choose one of your organisation's teams."))
    with transaction.atomic():
        case.case_manager = case_manager
        case.team = team
        case.save(update_fields=["case_manager", "team"])
        audit(
            AuditAction.UPDATE,
            case,
            actor,
            f"assigned to user #{case_manager.pk}, team #{team.pk if team else '-'}",
            ip,
        )
    return case


def break_glass(case: Case, user: User, reason: str, ip: str | None = None) -> GlassBreak:
    """Open a case outside its team in an emergency for GLASS_BREAK_HOURS: the reason is kept
    (encrypted), the access audited and the administrators told by e-mail."""
    from cases.tasks import notify_glass_break

    if len(reason.strip()) < GLASS_REASON_MIN_LENGTH:
        raise CaseRefused(
            _("Say why you need to open this case (at least %(count)d characters).")
            % {"count": GLASS_REASON_MIN_LENGTH}
        )
    if not is_case_manager(case.organisation, user):
        raise CaseRefused(_("Only a case manager can open a case in an emergency."))
    with transaction.atomic():
        glass_break = GlassBreak.objects.create(
            organisation=case.organisation,
            case=case,
            user=user,
            reason=reason.strip(),
            expires_at=timezone.now() + timedelta(hours=settings.GLASS_BREAK_HOURS),
        )
        audit(AuditAction.READ, case, user, f"break the glass #{glass_break.pk}", ip)
        # Queued in the same transaction: no emergency access without its notice.
        notify_glass_break.enqueue(glass_break.pk)
    return glass_break


def send_glass_break_emails(glass_break_id: int) -> int:
    """E-mail the organisation's administrators who opened which case code when — never the
    reason or anything of the case. Returns how many were written to."""
    glass_break = (
        GlassBreak.objects.select_related("organisation", "case", "user")
        .filter(pk=glass_break_id)
        .first()
    )
    if glass_break is None:
        return 0
    user = glass_break.user
    return email_members(
        glass_break.organisation,
        Role.ADMINISTRATOR,
        "cases/email/glass_break",
        {
            "user_name": user.get_full_name() or user.get_username(),
            "case_code": glass_break.case.code,
            "when": timezone.localtime(glass_break.created_at),
            "link": link_to(reverse("cases:glass_breaks")),
            "organisation": glass_break.organisation,
        },
    )


# --- Teams ----------------------------------------------------------------------------------------


def create_team(organisation: Organisation, actor: User, name: str, ip: str | None = None) -> Team:
    """A new, empty case team of the organisation (names are unique in it)."""
    name = name.strip()
    if not name:
        raise CaseRefused(_("Give the team a name."))
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise CaseRefused(_("There is a team with this name already."))
    with transaction.atomic():
        team = Team.objects.create(organisation=organisation, name=name)
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=organisation,
            obj=team,
            summary=f"case team #{team.pk} created",
            ip_address=ip,
        )
    return team


def set_team_members(team: Team, actor: User, members: list[User], ip: str | None = None) -> Team:
    """The team's members become exactly `members`, each a case manager of the organisation."""
    managers = set(
        Membership.objects.filter(
            organisation_id=team.organisation_id, role=Role.CASE_MANAGER
        ).values_list("user_id", flat=True)
    )
    if any(member.pk not in managers for member in members):
        raise CaseRefused(_("Only case managers of your organisation can be in a case team."))
    with transaction.atomic():
        team.members.set(members)
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=team.organisation,
            obj=team,
            summary=f"case team #{team.pk} members: {sorted(m.pk for m in members)}",
            ip_address=ip,
        )
    return team

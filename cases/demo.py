"""Demo cases shaped like the organisation's public figures (../shared/data/seed-facts.yaml).

About 500 assisted persons since 2002 (387 in the first ten years, the rest since), almost half
of them children whose average age is near 14.7, exploitation shares as the ten-year release
gives them (sexual 72 %, labour 14 %, forced begging 7 %, forced marriage 6 %, illegal adoption
1 %, forced criminality 0.3 %), services in the proportions of its assistance counts. About 40 %
of the cases were opened from a demo contact of the SOS line (an accepted hand-over with the
case's code). Names are invented, Latin or Cyrillic; identities and free text are encrypted as
in any case, and duplicates are findable through their NameKey rows (cases.names).

`generate(organisation)` writes everything with bulk inserts and ONE audit entry; `seed(context)`
(manage.py seed_demo) runs it once, when the demo NGO has no case yet.
"""

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.codes import (
    MEANS_OF_CONTROL,
    AgeBand,
    CaseStatus,
    ClosureOutcome,
    ClosureReason,
    CompensationResult,
    ConsentPurpose,
    Country,
    CourtRole,
    DecisionMaker,
    ExploitationForm,
    Gender,
    GoalStatus,
    HearingKind,
    LabourSector,
    LegalBasis,
    NeedDomain,
    ProceedingStage,
    ProtectiveMeasure,
    RecruitmentMethod,
    ReferralDirection,
    ReferralReason,
    ReferralStatus,
    ServiceKind,
    TraffickerRelation,
    TraffickerRole,
    TraffickingStatus,
)
from cases.models import (
    Case,
    CaseNote,
    Consent,
    CourtProceeding,
    Exploitation,
    Hearing,
    IdentificationDecision,
    Need,
    NeedsAssessment,
    Person,
    PlanGoal,
    Referral,
    Service,
    SupportPlan,
    Team,
    Trafficker,
)
from cases.services.lifecycle import _years_later
from cases.services.persons import set_identity
from core.demo import DEMO_PASSWORD
from core.models import AuditAction, Membership, Organisation, Role, User
from core.models import Sequence as CodeCounter
from core.scripts import to_cyrillic
from core.services import record_audit
from hotline.codes import Action, ContactStatus, HandoverStatus, Subject
from hotline.models import CaseHandover, Contact, ContactAction
from hotline.services.handovers import CASE_CODE_DIGITS, CASE_CODE_PREFIX

ORGANISATION = "demo-ngo"
PARTNER_ORGANISATION = "partner-ngo"  # core.demo's second organisation; receives two referrals
DEFAULT_SEED = 503
TOTAL = 503  # victims assisted since 2002 (seed facts)
FIRST_YEAR = 2002
FIRST_TEN_YEARS = 387  # the ten-year release: victims identified or assisted 2002-2011
TEAM_NAME = "Tim za direktnu pomoć"
HANDOVER_SHARE = 0.40  # cases opened from a contact of the SOS line
CASE_MANAGERS = [
    ("casemanager", "Milica", "Đorđević"),  # core.demo's case manager
    ("casemanager2", "Nemanja", "Stojanović"),
    ("casemanager3", "Sanja", "Marković"),
]
PARTNER_USER = "partner"  # core.demo's user of the partner organisation

# Exploitation shares in per cent (seed facts: ten_year_release.exploitation_share_pct).
EXPLOITATION_SHARES = {
    ExploitationForm.SEXUAL: 72.0,
    ExploitationForm.LABOUR: 14.0,
    ExploitationForm.BEGGING: 7.0,
    ExploitationForm.MARRIAGE: 6.0,
    ExploitationForm.ADOPTION: 1.0,
    ExploitationForm.CRIMINALITY: 0.3,
}
MINOR_SHARE = 0.48  # "almost half" of the identified victims are children
# Ages of the children at identification: the weights average 14.7 (seed facts).
MINOR_AGES = {10: 2, 11: 3, 12: 6, 13: 12, 14: 16, 15: 22, 16: 23, 17: 15}
ADULT_AGES = {18: 14, 19: 12, 20: 11, 21: 9, 22: 8, 23: 7, 24: 6, 25: 6, 27: 5, 30: 5, 33: 4,
              36: 3, 40: 3, 45: 2, 52: 1}  # fmt: skip
# Services per assisted person: the ten-year release counted 932 psychological, 496 legal and
# 243 medical assistances for 387 victims.
SERVICE_RATES = {
    ServiceKind.PSYCHOLOGICAL: 932 / 387,
    ServiceKind.LEGAL_AID: 496 / 387,
    ServiceKind.MEDICAL: 243 / 387,
    ServiceKind.SOS_COUNSELLING: 1.0,
    ServiceKind.ACCOMMODATION: 0.5,
    ServiceKind.MATERIAL: 0.5,
    ServiceKind.ACCOMPANIMENT: 0.4,
    ServiceKind.EDUCATION: 0.25,
    ServiceKind.EMPLOYMENT: 0.2,
    ServiceKind.FAMILY_SUPPORT: 0.3,
    ServiceKind.FINANCIAL: 0.15,
}
SERVICE_PROVIDERS = {
    ServiceKind.PSYCHOLOGICAL: "Psihološkinja organizacije",
    ServiceKind.LEGAL_AID: "Advokatica organizacije",
    ServiceKind.MEDICAL: "Dom zdravlja",
    ServiceKind.ACCOMMODATION: "Prihvatilište za žrtve",
    ServiceKind.SOS_COUNSELLING: "SOS linija",
}

FEMALE_NAMES = ["Jovana", "Milica", "Ana", "Marija", "Jelena", "Dragana", "Snežana", "Tamara",
                "Ivana", "Katarina", "Sanja", "Maja", "Nataša", "Teodora", "Anđela", "Sara",
                "Kristina", "Danijela", "Gordana", "Ljiljana", "Aleksandra", "Nevena", "Đurđa",
                "Vesna", "Bojana", "Emina", "Ramiza", "Zorica", "Slađana", "Biljana"]  # fmt: skip
MALE_NAMES = ["Miloš", "Nikola", "Stefan", "Marko", "Dejan", "Nenad", "Lazar", "Luka", "Đorđe",
              "Aleksandar", "Nemanja", "Dušan", "Vuk", "Ivan", "Bojan", "Željko", "Zoran",
              "Goran", "Dragan", "Sead"]  # fmt: skip
FAMILY_NAMES = ["Marković", "Jovanović", "Petrović", "Nikolić", "Ilić", "Stanković", "Pavlović",
                "Todorović", "Lazić", "Kostić", "Đorđević", "Stojanović", "Popović", "Živković",
                "Milošević", "Đukić", "Savić", "Ristić", "Mitrović", "Kovačević", "Radosavljević",
                "Jovičić", "Tomić", "Obradović", "Vasić", "Bajrami", "Šabanović", "Ahmetović",
                "Nedeljković", "Čolić", "Gajić", "Ćirić", "Šešelj", "Žarković", "Lukić",
                "Simić", "Krstić", "Babić", "Filipović", "Vuković"]  # fmt: skip
NICKNAMES = ["Ceca", "Buba", "Maca", "Gaga", "Cica", "Žuća", "Baki", "Dule", "Cole", "Lela"]

CITIZENSHIPS = {Country.RS: 86, Country.BA: 4, Country.MK: 2, Country.ME: 2, Country.XK: 1,
                Country.RO: 1, Country.BG: 1, Country.UA: 1, Country.AL: 1, Country.OTHER: 1}  # fmt: skip
LANGUAGES = {
    Country.RS: ["sr"],
    Country.BA: ["bs", "sr"],
    Country.MK: ["mk"],
    Country.ME: ["sr"],
    Country.XK: ["sq"],
    Country.RO: ["ro"],
    Country.BG: ["bg"],
    Country.UA: ["uk", "ru"],
    Country.AL: ["sq"],
    Country.OTHER: ["en"],
}
PLACES_RS = ["Beograd", "Novi Sad", "Niš", "Kragujevac", "Subotica", "Šabac", "Leskovac",
             "Čačak", "Kraljevo", "Zrenjanin", "Pančevo", "Vranje", "Novi Pazar", "Smederevo"]  # fmt: skip
DESTINATIONS = {Country.DE: "Minhen", Country.AT: "Beč", Country.IT: "Milano",
                Country.ME: "Budva", Country.BA: "Bijeljina", Country.TR: "Istanbul",
                Country.HR: "Zagreb", Country.SI: "Ljubljana", Country.OTHER: "Dubai"}  # fmt: skip
TRANSITS = [Country.HU, Country.HR, Country.BA, Country.ME, Country.BG]
CAPITALS = {Country.BA: "Sarajevo", Country.MK: "Skoplje", Country.ME: "Podgorica",
            Country.XK: "Priština", Country.RO: "Temišvar", Country.BG: "Sofija",
            Country.UA: "Kijev", Country.AL: "Tirana", Country.OTHER: ""}  # fmt: skip
RELATIONS = {TraffickerRelation.PARTNER: 26, TraffickerRelation.ACQUAINTANCE: 28,
             TraffickerRelation.FAMILY: 14, TraffickerRelation.STRANGER: 14,
             TraffickerRelation.EMPLOYER: 10, TraffickerRelation.FRIEND: 6,
             TraffickerRelation.UNKNOWN: 2}  # fmt: skip
RECRUITMENT = {
    ExploitationForm.SEXUAL: [RecruitmentMethod.FRIENDS, RecruitmentMethod.SOCIAL_NETWORKS,
                              RecruitmentMethod.ONLINE_AD, RecruitmentMethod.BUSINESS],
    ExploitationForm.LABOUR: [RecruitmentMethod.NEWSPAPER_AD, RecruitmentMethod.ONLINE_AD,
                              RecruitmentMethod.FRIENDS, RecruitmentMethod.WORK],
    ExploitationForm.BEGGING: [RecruitmentMethod.FAMILY, RecruitmentMethod.FRIENDS],
    ExploitationForm.MARRIAGE: [RecruitmentMethod.FAMILY],
}  # fmt: skip
COURTS = ["Viši sud u Beogradu", "Viši sud u Novom Sadu", "Viši sud u Nišu",
          "Viši sud u Kragujevcu", "Viši sud u Subotici", "Osnovni sud u Šapcu"]  # fmt: skip
INSTITUTIONS = ["Centar za socijalni rad Beograd", "Dom zdravlja Voždovac",
                "Centar za zaštitu žrtava trgovine ljudima", "Nacionalna služba za zapošljavanje",
                "Prihvatilište za decu Beograd", "Policijska uprava za grad Beograd"]  # fmt: skip
GOALS = {
    NeedDomain.SAFETY: "Bezbedan smeštaj i plan bezbednosti.",
    NeedDomain.ACCOMMODATION: "Trajno rešenje stanovanja.",
    NeedDomain.HEALTH: "Redovni lekarski pregledi i terapija.",
    NeedDomain.PSYCHOLOGICAL: "Individualna psihološka podrška jednom nedeljno.",
    NeedDomain.LEGAL: "Pravna pomoć i zastupanje u krivičnom postupku.",
    NeedDomain.DOCUMENTS: "Pribavljanje lične karte i zdravstvene knjižice.",
    NeedDomain.EDUCATION: "Nastavak školovanja (upis u školu za odrasle).",
    NeedDomain.EMPLOYMENT: "Obuka i prvo zaposlenje.",
    NeedDomain.FAMILY: "Podrška porodici i povratak u porodicu, ako je bezbedno.",
    NeedDomain.FINANCES: "Jednokratna novčana pomoć i otvaranje računa.",
}
NOTES = [
    "Razgovor u prostorijama organizacije; osoba je stabilnija nego prošli put.",
    "Telefonski kontakt, dogovorena pratnja u dom zdravlja.",
    "Home visit: the family is supportive, school enrolment next month.",
    "Pripremljena za svedočenje; objašnjene zaštitne mere.",
    "Asked for help finding a job; CV written together.",
]
REFERRAL_SUMMARIES = [
    "Smeštaj u sigurnoj kući za ženu od 24 godine, bez dece, od sledeće nedelje.",
    "Psihosocijalna podrška i uključivanje u grupu podrške.",
]

TEN_YEARS_END = FIRST_YEAR + 9


class Weighted:
    """Pick among values by weight (a fixed order, so the same seed gives the same data)."""

    def __init__(self, weights: dict[Any, float]) -> None:
        self.values = list(weights)
        self.weights = list(weights.values())

    def pick(self, rng: random.Random) -> Any:
        return rng.choices(self.values, self.weights)[0]


def quota(shares: dict[Any, float], total: int) -> list[Any]:
    """`total` values whose counts follow `shares` as closely as whole numbers can (largest
    remainder), so the demo's shares hold whatever the seed."""
    whole = sum(shares.values())
    exact = {value: share * total / whole for value, share in shares.items()}
    counts = {value: int(amount) for value, amount in exact.items()}
    rest = total - sum(counts.values())
    for value in sorted(exact, key=lambda v: exact[v] - counts[v], reverse=True)[:rest]:
        counts[value] += 1
    return [value for value, count in counts.items() for _ in range(count)]


def cases_per_year(total: int, today: date) -> dict[int, int]:
    """387 cases in 2002-2011 (the ten-year release), the rest spread over the later years."""
    later_years = list(range(TEN_YEARS_END + 1, today.year + 1))
    first = round(FIRST_TEN_YEARS * total / TOTAL)
    early = {
        year: 1.0 + (year - FIRST_YEAR) * 0.08 for year in range(FIRST_YEAR, TEN_YEARS_END + 1)
    }
    counts = Counter(quota(early, first))
    counts.update(quota(dict.fromkeys(later_years, 1.0), total - first))
    return dict(sorted(counts.items()))


@dataclass
class Summary:
    cases: int = 0
    seconds: float = 0.0
    minors: int = 0
    minor_ages: list[int] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    from_handovers: int = 0
    closed: int = 0
    identified: int = 0
    rows: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        total_forms = sum(self.forms.values()) or 1
        share = self.minors / self.cases if self.cases else 0.0
        age = sum(self.minor_ages) / len(self.minor_ages) if self.minor_ages else 0.0
        return [
            f"  {self.cases} cases in {self.seconds:.1f} s: {self.from_handovers} opened from an "
            f"SOS contact, {self.identified} identified victims, {self.closed} closed",
            f"  minors {share:.1%} (average age {age:.1f})",
            "  exploitation: "
            + ", ".join(
                f"{ExploitationForm(form).label} {count / total_forms:.1%}"
                for form, count in self.forms.most_common()
            ),
            "  " + ", ".join(f"{count} {what}" for what, count in self.rows.items()),
        ]


# --- Users ----------------------------------------------------------------------------------


def _demo_user(username: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.putokaz"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"confirmed": True})
    return user


def case_managers(organisation: Organisation) -> tuple[list[User], Team]:
    """The demo case managers (core.demo's `casemanager` and two more, TOTP, demo password) and
    their team."""
    users = []
    for username, first, last in CASE_MANAGERS:
        user = _demo_user(username, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.CASE_MANAGER
        )
        users.append(user)
    team, _ = Team.objects.get_or_create(organisation=organisation, name=TEAM_NAME)
    team.members.add(*users)
    return users, team


def partner_organisation() -> tuple[Organisation, User]:
    """core.demo's partner NGO, with its user `partner` able to receive referrals there."""
    organisation, _ = Organisation.objects.get_or_create(
        slug=PARTNER_ORGANISATION,
        defaults={"name": "Partner NGO Novi Sad", "city": "Novi Sad", "founded": 2004},
    )
    user = _demo_user(PARTNER_USER, "Dragana", "Kovač")
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.PARTNER)
    return organisation, user


# --- Generation ---------------------------------------------------------------------------


@dataclass
class Planned:
    """One case before it is written: the person, the case and what happened in it."""

    year: int
    opened_on: date
    age: int
    form: str
    handover: CaseHandover | None = None
    contact: Contact | None = None
    code: str = ""


def _day_in(rng: random.Random, year: int, last: date) -> date:
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), last)
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _before(today: date, day: date) -> date:
    return min(day, today)


class Generator:
    def __init__(
        self,
        organisation: Organisation,
        managers: Sequence[User],
        team: Team,
        partner: Organisation,
        rng: random.Random,
        today: date,
    ) -> None:
        self.organisation = organisation
        self.managers = list(managers)
        self.team = team
        self.partner = partner
        self.rng = rng
        self.today = today
        self.summary = Summary()

    # The plan: years, ages, forms, hand-overs and codes -------------------------------------

    def plan(self, total: int) -> list[Planned]:
        rng, today = self.rng, self.today
        adopted = self._adopt_handovers()
        per_year = cases_per_year(total, today)
        for planned in adopted:
            if per_year.get(planned.year, 0) > 0:
                per_year[planned.year] -= 1
        plans = list(adopted)
        for year, count in per_year.items():
            for _ in range(count):
                plans.append(Planned(year, _day_in(rng, year, today), 0, ""))
        ages = quota(MINOR_AGES, round(len(plans) * MINOR_SHARE))
        ages += quota(ADULT_AGES, len(plans) - len(ages))
        forms = quota(EXPLOITATION_SHARES, len(plans))
        rng.shuffle(ages)
        rng.shuffle(forms)
        for planned, age, form in zip(plans, ages, forms, strict=True):
            planned.age, planned.form = age, form
        self._fit_forms_to_ages(plans)
        self._link_contacts(plans, round(total * HANDOVER_SHARE) - len(adopted))
        plans.sort(key=lambda p: (p.opened_on, p.code or "~"))
        self._number(plans)
        return plans

    def _fit_forms_to_ages(self, plans: list[Planned]) -> None:
        """Forced marriage and begging are mostly children's, illegal adoption an adult's: swap
        ages between cases (the shares of forms and ages stay as they are)."""
        adults = [p for p in plans if p.age >= 18 and p.form == ExploitationForm.SEXUAL]
        children = [p for p in plans if p.age < 18 and p.form == ExploitationForm.SEXUAL]
        for planned in plans:
            if planned.form == ExploitationForm.ADOPTION and planned.age < 18 and adults:
                other = adults.pop()
                planned.age, other.age = other.age, planned.age
            if (
                planned.form in (ExploitationForm.MARRIAGE, ExploitationForm.BEGGING)
                and planned.age >= 18
                and children
                and self.rng.random() < 0.7
            ):
                other = children.pop()
                planned.age, other.age = other.age, planned.age

    def _adopt_handovers(self) -> list[Planned]:
        """Accepted hand-overs with a case code but no case yet (the hotline demo's, or a
        replaced run's) become cases with that code."""
        planned = []
        handovers = (
            CaseHandover.objects.filter(
                organisation=self.organisation,
                status=HandoverStatus.ACCEPTED,
                case__isnull=True,
            )
            .exclude(case_code="")
            .select_related("contact")
            .order_by("pk")
        )
        for handover in handovers:
            decided = handover.decided_at or handover.requested_at
            opened = _before(self.today, timezone.localtime(decided).date())
            year = int(handover.case_code.split("-")[1])
            planned.append(
                Planned(year, opened, 0, "", handover, handover.contact, handover.case_code)
            )
        return planned

    def _link_contacts(self, plans: list[Planned], wanted: int) -> None:
        """Open `wanted` cases from recorded contacts of the same year (suspected trafficking or
        a request for help) that were not handed over yet."""
        if wanted <= 0:
            return
        rows = (
            Contact.objects.filter(
                organisation=self.organisation,
                status=ContactStatus.RECORDED,
                subject__in=[Subject.SUSPECTED_TRAFFICKING, Subject.HELP_REQUEST],
                consultant__isnull=False,
                handover__isnull=True,
            )
            .order_by("started_at", "pk")
            .only("pk", "started_at", "consultant_id", "organisation_id")
        )
        by_year: dict[int, list[Contact]] = {}
        for contact in rows:
            by_year.setdefault(timezone.localtime(contact.started_at).year, []).append(contact)
        candidates = [p for p in plans if p.handover is None and by_year.get(p.year)]
        self.rng.shuffle(candidates)
        for planned in candidates:
            contacts = by_year[planned.year]
            if wanted <= 0:
                break
            if not contacts:
                continue
            wanted -= 1
            contact = contacts.pop(self.rng.randrange(len(contacts)))
            planned.contact = contact
            called = timezone.localtime(contact.started_at).date()
            planned.opened_on = min(
                called + timedelta(days=self.rng.randint(1, 10)), date(planned.year, 12, 31)
            )
            planned.opened_on = _before(self.today, max(planned.opened_on, called))

    def _number(self, plans: list[Planned]) -> None:
        """Codes A-<year>-<n> in the order cases were opened, after every number already used
        (hand-overs, the shared counter); the counters end at the highest number used."""
        prefix = f"{CASE_CODE_PREFIX}-"
        used: Counter[int] = Counter()
        for code in CaseHandover.objects.filter(
            organisation=self.organisation, case_code__startswith=prefix
        ).values_list("case_code", flat=True):
            year, number = code.removeprefix(prefix).split("-")
            used[int(year)] = max(used[int(year)], int(number))
        for name, value in CodeCounter.objects.filter(
            organisation=self.organisation, name__startswith="case-code:"
        ).values_list("name", "value"):
            year = int(name.split(":")[1])
            used[year] = max(used[year], value)
        for planned in plans:
            if not planned.code:
                used[planned.year] += 1
                planned.code = f"{prefix}{planned.year}-{used[planned.year]:0{CASE_CODE_DIGITS}d}"
        for year, value in used.items():
            CodeCounter.objects.update_or_create(
                organisation=self.organisation,
                name=f"case-code:{year}",
                defaults={"value": value},
            )

    # Writing -------------------------------------------------------------------------------

    def write(self, plans: list[Planned]) -> Summary:
        rng = self.rng
        # Through the persons service, so the duplicate keys are the ones a case manager's
        # entry makes (one insert of the person, one of its keys).
        persons = [self._person(planned) for planned in plans]
        self._write_handovers(plans)
        cases = [
            self._case(planned, person) for planned, person in zip(plans, persons, strict=True)
        ]
        Case.objects.bulk_create(cases)
        records: dict[type, list[Any]] = {}

        def add(row: Any) -> Any:
            records.setdefault(type(row), []).append(row)
            return row

        for planned, case in zip(plans, cases, strict=True):
            self._identification(case, add)
            self._exploitation(planned, case, add)
            for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
                add(self._trafficker(planned, case))
            self._assistance(case, add)
            self._count(planned, case)
        # Assessments and plans first: needs and goals point at them.
        assessments = records.pop(NeedsAssessment, [])
        NeedsAssessment.objects.bulk_create(assessments)
        needs = [
            Need(assessment=assessment, domain=domain, rating=rating, note=note)
            for assessment in assessments
            for domain, rating, note in assessment._demo_needs
        ]
        Need.objects.bulk_create(needs, batch_size=2000)
        plans_ = records.pop(SupportPlan, [])
        SupportPlan.objects.bulk_create(plans_)
        goals = [goal for plan in plans_ for goal in plan._demo_goals]
        PlanGoal.objects.bulk_create(goals, batch_size=2000)
        proceedings = records.pop(CourtProceeding, [])
        CourtProceeding.objects.bulk_create(proceedings)
        hearings = [hearing for proceeding in proceedings for hearing in proceeding._demo_hearings]
        Hearing.objects.bulk_create(hearings)
        consents = records.pop(Consent, [])
        Consent.objects.bulk_create(consents)
        referrals = records.pop(Referral, [])
        Referral.objects.bulk_create(referrals)
        for model, rows in records.items():
            model.objects.bulk_create(rows, batch_size=2000)
        self.summary.rows.update(
            {
                "needs assessments": len(assessments),
                "plans": len(plans_),
                "services": len(records.get(Service, [])),
                "referrals": len(referrals),
                "consents": len(consents),
                "court proceedings": len(proceedings),
                "hearings": len(hearings),
                "notes": len(records.get(CaseNote, [])),
            }
        )
        return self.summary

    def _person(self, planned: Planned) -> Person:
        rng = self.rng
        female = rng.random() < 0.82 or planned.form == ExploitationForm.MARRIAGE
        gender = Gender.FEMININE if female else Gender.MASCULINE
        citizenship = Weighted(CITIZENSHIPS).pick(rng)
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        family = rng.choice(FAMILY_NAMES)
        cyrillic = citizenship == Country.RS and rng.random() < 0.3
        if cyrillic:
            given, family = to_cyrillic(given), to_cyrillic(family)
        aliases = []
        if rng.random() < 0.12:
            aliases.append(rng.choice(NICKNAMES))
        if rng.random() < 0.05:
            aliases.append(f"{given} {rng.choice(FAMILY_NAMES)}")  # a married or false name
        born = planned.opened_on - timedelta(days=planned.age * 365 + rng.randint(30, 330))
        phone = f"+381 6{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        person = Person(
            organisation=self.organisation,
            gender=gender,
            year_of_birth=born.year,
            citizenship=citizenship,
            languages=LANGUAGES.get(citizenship, ["sr"]),
        )
        return set_identity(
            person,
            given_name=given,
            family_name=family,
            aliases="\n".join(aliases),
            date_of_birth=born,
            contact_details=phone if rng.random() < 0.6 else "",
        )

    def _write_handovers(self, plans: list[Planned]) -> None:
        new = [p for p in plans if p.handover is None and p.contact is not None]
        reasons = [
            "Osoba je verovatno žrtva trgovine ljudima i pristaje na pomoć.",
            "Presumed victim asks for accommodation and legal aid.",
            "Maloletna, vraćena iz inostranstva; porodica traži podršku.",
        ]
        handovers = [
            CaseHandover(
                organisation=self.organisation,
                contact_id=planned.contact.pk,  # type: ignore[union-attr]
                status=HandoverStatus.ACCEPTED,
                reason=self.rng.choice(reasons),
                requested_by_id=planned.contact.consultant_id,  # type: ignore[union-attr]
                decided_by=self.rng.choice(self.managers),
                decided_at=self._moment(planned.opened_on),
                case_code=planned.code,
            )
            for planned in new
        ]
        CaseHandover.objects.bulk_create(handovers)
        for planned, handover in zip(new, handovers, strict=True):
            planned.handover = handover
            requested = planned.contact.started_at + timedelta(hours=1)  # type: ignore[union-attr]
            CaseHandover.objects.filter(pk=handover.pk).update(requested_at=requested)
        ContactAction.objects.bulk_create(
            [ContactAction(contact_id=p.contact.pk, code=Action.CASE_OPENED) for p in new],  # type: ignore[union-attr]
            ignore_conflicts=True,
        )
        self.summary.from_handovers = sum(1 for p in plans if p.handover is not None)

    def _moment(self, day: date) -> datetime:
        return timezone.make_aware(
            datetime(day.year, day.month, day.day, 10 + self.rng.randint(0, 6))
        )

    def _case(self, planned: Planned, person: Person) -> Case:
        rng, today = self.rng, self.today
        opened = planned.opened_on
        age_days = (today - opened).days
        case = Case(
            organisation=self.organisation,
            person=person,
            code=planned.code,
            handover=planned.handover,
            opened_on=opened,
            case_manager=rng.choice(self.managers),
            team=self.team,
            age_at_identification=planned.age,
            is_minor=planned.age < 18,
        )
        # The National Referral Mechanism: presumed first; most identified by the Centre.
        if age_days < 60:
            case._demo_outcome = TraffickingStatus.PRESUMED
        else:
            roll = rng.random()
            case._demo_outcome = (
                TraffickingStatus.IDENTIFIED
                if roll < 0.86
                else TraffickingStatus.NOT_IDENTIFIED
                if roll < 0.94
                else TraffickingStatus.PRESUMED
            )
        case.identification_status = case._demo_outcome
        closes = (age_days > 3 * 365 and rng.random() < 0.95) or (
            age_days > 365 and rng.random() < 0.4
        )
        if case._demo_outcome == TraffickingStatus.NOT_IDENTIFIED and age_days > 200:
            closes = True
        if closes:
            closed = _before(
                today - timedelta(days=1), opened + timedelta(days=rng.randint(120, 1100))
            )
            case.closed_on = closed
            # Kept CASE_RETENTION_YEARS after closing, as services.lifecycle.close_case keeps it.
            case.retain_until = _years_later(closed, settings.CASE_RETENTION_YEARS)
            case.status = CaseStatus.CLOSED
            if case._demo_outcome == TraffickingStatus.NOT_IDENTIFIED:
                case.closure_reason = rng.choice([ClosureReason.REFERRED, ClosureReason.OTHER])
                case.closure_outcome = ClosureOutcome.UNKNOWN
                if case.closure_reason == ClosureReason.REFERRED:
                    case.status = CaseStatus.CLOSED_REFERRED
            else:
                case.closure_reason = Weighted(
                    {
                        ClosureReason.GOALS_ACHIEVED: 55,
                        ClosureReason.PERSON_DECIDED: 12,
                        ClosureReason.MOVED: 10,
                        ClosureReason.REFERRED: 8,
                        ClosureReason.LOST_CONTACT: 14,
                        ClosureReason.DIED: 1,
                    }
                ).pick(rng)
                case.closure_outcome = (
                    Weighted(
                        {
                            ClosureOutcome.REINTEGRATED: 60,
                            ClosureOutcome.PARTLY: 30,
                            ClosureOutcome.NOT_REINTEGRATED: 10,
                        }
                    ).pick(rng)
                    if case.closure_reason == ClosureReason.GOALS_ACHIEVED
                    else Weighted(
                        {
                            ClosureOutcome.PARTLY: 30,
                            ClosureOutcome.NOT_REINTEGRATED: 20,
                            ClosureOutcome.UNKNOWN: 50,
                        }
                    ).pick(rng)
                )
                if case.closure_reason == ClosureReason.REFERRED:
                    case.status = CaseStatus.CLOSED_REFERRED
            if rng.random() < 0.3:
                case.closure_note = "Završna procena urađena zajedno sa osobom."
        elif age_days > 365 and rng.random() < 0.5:
            case.status = CaseStatus.FOLLOW_UP
        return case

    def _identification(self, case: Case, add: Any) -> None:
        rng = self.rng
        manager = case.case_manager
        add(
            IdentificationDecision(
                case=case,
                status=TraffickingStatus.PRESUMED,
                decided_by=DecisionMaker.NGO,
                decided_on=case.opened_on,
                recorded_by=manager,
            )
        )
        outcome = case._demo_outcome
        if outcome != TraffickingStatus.PRESUMED:
            decided = _before(self.today, case.opened_on + timedelta(days=rng.randint(14, 120)))
            if case.closed_on:
                decided = min(decided, case.closed_on)
            add(
                IdentificationDecision(
                    case=case,
                    status=outcome,
                    decided_by=DecisionMaker.CENTRE,
                    decided_on=decided,
                    recorded_by=manager,
                    note="Rešenje Centra primljeno poštom." if rng.random() < 0.2 else "",
                )
            )
            if outcome == TraffickingStatus.IDENTIFIED:
                self.summary.identified += 1

    def _exploitation(self, planned: Planned, case: Case, add: Any) -> None:
        rng = self.rng
        forms = [planned.form]
        if rng.random() < 0.03 and planned.form in (
            ExploitationForm.SEXUAL,
            ExploitationForm.LABOUR,
        ):
            forms.append(
                ExploitationForm.LABOUR
                if planned.form == ExploitationForm.SEXUAL
                else ExploitationForm.SEXUAL
            )
        person = case.person
        for form in forms:
            self.summary.forms[form] += 1
            foreign = person.citizenship != Country.RS
            transnational = foreign or rng.random() < (
                0.45 if form == ExploitationForm.LABOUR else 0.25
            )
            if foreign:
                origin, origin_place = person.citizenship, CAPITALS.get(person.citizenship, "")
                destination, place = Country.RS, rng.choice(PLACES_RS)
            elif transnational:
                origin, origin_place = Country.RS, rng.choice(PLACES_RS)
                destination = rng.choice(list(DESTINATIONS))
                place = DESTINATIONS[destination]
            else:
                origin, origin_place = Country.RS, rng.choice(PLACES_RS)
                destination, place = Country.RS, rng.choice(PLACES_RS)
            started = case.opened_on - timedelta(days=rng.randint(60, 900))
            add(
                Exploitation(
                    case=case,
                    form=form,
                    labour_sector=rng.choice(
                        [
                            LabourSector.CONSTRUCTION,
                            LabourSector.AGRICULTURE,
                            LabourSector.HOSPITALITY,
                            LabourSector.HOUSEHOLDS,
                            LabourSector.MANUFACTURING,
                        ]
                    )
                    if form == ExploitationForm.LABOUR
                    else "",
                    recruitment_country=origin,
                    recruitment_place=origin_place,
                    transit_countries=[rng.choice(TRANSITS)]
                    if transnational and rng.random() < 0.3
                    else [],
                    exploitation_country=destination,
                    exploitation_place=place,
                    is_transnational=origin != destination,
                    started_on=started,
                    ended_on=case.opened_on - timedelta(days=rng.randint(0, 30)),
                    recruitment_method=rng.choice(
                        RECRUITMENT.get(form, [RecruitmentMethod.FRIENDS, RecruitmentMethod.OTHER])
                    ),
                    means_of_control=sorted(
                        rng.sample([value for value, _ in MEANS_OF_CONTROL], rng.randint(1, 4))
                    ),
                )
            )

    def _trafficker(self, planned: Planned, case: Case) -> Trafficker:
        rng = self.rng
        relation = (
            TraffickerRelation.FAMILY
            if planned.form in (ExploitationForm.MARRIAGE, ExploitationForm.BEGGING)
            and rng.random() < 0.7
            else TraffickerRelation.EMPLOYER
            if planned.form == ExploitationForm.LABOUR and rng.random() < 0.6
            else Weighted(RELATIONS).pick(rng)
        )
        return Trafficker(
            case=case,
            gender=Gender.MASCULINE if rng.random() < 0.8 else Gender.FEMININE,
            age_band=Weighted(
                {
                    AgeBand.FROM_18: 15,
                    AgeBand.FROM_25: 40,
                    AgeBand.FROM_35: 30,
                    AgeBand.FROM_50: 8,
                    AgeBand.UNKNOWN: 7,
                }
            ).pick(rng),
            citizenship=case.person.citizenship if rng.random() < 0.85 else Country.OTHER,
            relation=relation,
            role=Weighted(
                {
                    TraffickerRole.RECRUITER: 35,
                    TraffickerRole.EXPLOITER: 45,
                    TraffickerRole.TRANSPORTER: 10,
                    TraffickerRole.ABUSER: 5,
                    TraffickerRole.BROKER: 5,
                }
            ).pick(rng),
        )

    def _assistance(self, case: Case, add: Any) -> None:
        rng, today = self.rng, self.today
        end = case.closed_on or today
        span = max(1, (end - case.opened_on).days)
        manager = case.case_manager

        def day(lo: float = 0.0, hi: float = 1.0) -> date:
            return case.opened_on + timedelta(days=round(span * rng.uniform(lo, hi)))

        # Consent first: assistance (consent or, for children, the guardian's), statistics.
        assistance = add(
            Consent(
                case=case,
                purpose=ConsentPurpose.ASSISTANCE,
                legal_basis=LegalBasis.CONSENT,
                given_on=case.opened_on,
                recorded_by=manager,
            )
        )
        del assistance
        if rng.random() < 0.9:
            add(
                Consent(
                    case=case,
                    purpose=ConsentPurpose.STATISTICS,
                    legal_basis=LegalBasis.CONSENT,
                    given_on=case.opened_on,
                    recorded_by=manager,
                )
            )
        # Needs assessed one to three times, the needs falling as the work goes on.
        ratings = {domain: rng.choice([1, 2, 3, 3]) for domain in NeedDomain}
        for number in range(rng.choice([1, 2, 2, 3])):
            assessment = add(
                NeedsAssessment(
                    case=case,
                    assessed_on=day(0, 0.05)
                    if number == 0
                    else day(0.3 * number, 0.4 * number + 0.2),
                    assessed_by=manager,
                )
            )
            assessment._demo_needs = [
                (
                    domain,
                    max(0, rating - number - rng.choice([0, 0, 1])),
                    "Hitno." if rating == 3 and number == 0 and rng.random() < 0.1 else "",
                )
                for domain, rating in ratings.items()
            ]
        plan = add(
            SupportPlan(
                case=case,
                agreed_on=day(0.02, 0.1),
                review_on=day(0.3, 0.5),
                person_view="Želim da završim školu i da budem blizu sestre."
                if rng.random() < 0.3
                else "",
                created_by=manager,
            )
        )
        urgent = sorted(ratings, key=lambda d: -ratings[d])[: rng.randint(2, 4)]
        plan._demo_goals = [
            PlanGoal(
                plan=plan,
                domain=domain,
                goal=GOALS[domain],
                responsible=rng.choice(
                    ["Voditeljka slučaja", "Centar za socijalni rad", "Psihološkinja", "Advokatica"]
                ),
                deadline=day(0.3, 0.9),
                status=(
                    rng.choice([GoalStatus.ACHIEVED, GoalStatus.ACHIEVED, GoalStatus.NOT_ACHIEVED])
                    if case.closed_on
                    else rng.choice([GoalStatus.PLANNED, GoalStatus.IN_PROGRESS])
                ),
            )
            for domain in urgent
        ]
        for kind, rate in SERVICE_RATES.items():
            times = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
            for _ in range(times):
                add(
                    Service(
                        case=case,
                        kind=kind,
                        delivered_on=day(0, 0.9),
                        provider=SERVICE_PROVIDERS.get(kind, ""),
                        count=rng.randint(1, 6) if kind == ServiceKind.PSYCHOLOGICAL else 1,
                        recorded_by=manager,
                    )
                )
        if rng.random() < 0.3:
            consent = None
            if rng.random() < 0.5:
                consent = add(
                    Consent(
                        case=case,
                        purpose=ConsentPurpose.SHARING,
                        institution_name=rng.choice(INSTITUTIONS),
                        legal_basis=LegalBasis.CONSENT,
                        given_on=day(0, 0.1),
                        recorded_by=manager,
                    )
                )
            sent = day(0.05, 0.3)
            add(
                Referral(
                    organisation=self.organisation,
                    case=case,
                    direction=ReferralDirection.OUTGOING,
                    institution_name=consent.institution_name
                    if consent
                    else rng.choice(INSTITUTIONS),
                    consent=consent,
                    reason_code=ReferralReason.SERVICES,
                    sent_on=sent,
                    status=ReferralStatus.COMPLETED if case.closed_on else ReferralStatus.ACCEPTED,
                    created_by=manager,
                )
            )
        if (case.is_minor is False and rng.random() < 0.35) or (
            case.is_minor and rng.random() < 0.3
        ):
            proceeding = add(
                CourtProceeding(
                    case=case,
                    court=rng.choice(COURTS),
                    case_number=f"K {rng.randint(10, 450)}/{case.opened_on.year % 100:02d}",
                    role=rng.choice(
                        [
                            CourtRole.INJURED_PARTY_WITNESS,
                            CourtRole.INJURED_PARTY_WITNESS,
                            CourtRole.WITNESS,
                            CourtRole.INJURED_PARTY,
                        ]
                    ),
                    stage=(
                        rng.choice(
                            [
                                ProceedingStage.FINAL,
                                ProceedingStage.FINAL,
                                ProceedingStage.DISCONTINUED,
                                ProceedingStage.APPEAL,
                            ]
                        )
                        if case.closed_on
                        else rng.choice(
                            [
                                ProceedingStage.INVESTIGATION,
                                ProceedingStage.INDICTMENT,
                                ProceedingStage.FIRST_INSTANCE,
                            ]
                        )
                    ),
                    protective_measures=sorted(
                        rng.sample([m.value for m in ProtectiveMeasure], rng.randint(0, 2))
                    ),
                    compensation_claimed=(claimed := rng.random() < 0.5),
                    compensation_result=rng.choice(
                        [
                            CompensationResult.PENDING,
                            CompensationResult.REFERRED_TO_CIVIL,
                            CompensationResult.AWARDED,
                            CompensationResult.REJECTED,
                        ]
                    )
                    if claimed
                    else CompensationResult.NOT_CLAIMED,
                )
            )
            proceeding._demo_hearings = [
                Hearing(
                    proceeding=proceeding,
                    held_on=day(0.1 * n + 0.1, 0.1 * n + 0.3),
                    kind=HearingKind.TESTIMONY
                    if n == 0
                    else rng.choice([HearingKind.HEARING, HearingKind.TESTIMONY]),
                )
                for n in range(rng.randint(1, 3))
            ]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            add(CaseNote(case=case, written_on=day(0, 1), text=rng.choice(NOTES), author=manager))

    def partner_referrals(self, cases: Sequence[Case], partner_user: User) -> int:
        """Two referrals to the partner organisation from open cases: one waiting, one
        accepted, each with the person's consent to share with it."""
        open_cases = [c for c in cases if c.status == CaseStatus.ACTIVE][-2:]
        for number, case in enumerate(open_cases):
            sent = max(case.opened_on, self.today - timedelta(days=3 + 5 * number))
            consent = Consent.objects.create(
                case=case,
                purpose=ConsentPurpose.SHARING,
                partner=self.partner,
                legal_basis=LegalBasis.CONSENT,
                given_on=sent,
                recorded_by=case.case_manager,
            )
            Referral.objects.create(
                organisation=self.organisation,
                case=case,
                direction=ReferralDirection.OUTGOING,
                partner=self.partner,
                consent=consent,
                reason_code=ReferralReason.SERVICES,
                reason="Potreban bezbedan smeštaj van Beograda.",
                shared_summary=REFERRAL_SUMMARIES[number % len(REFERRAL_SUMMARIES)],
                sent_on=sent,
                status=ReferralStatus.SENT if number == 0 else ReferralStatus.ACCEPTED,
                responded_by=partner_user if number else None,
                responded_at=timezone.now() if number else None,
                feedback="Prihvaćeno; smeštaj od ponedeljka." if number else "",
                created_by=case.case_manager,
            )
        self.summary.rows["referrals"] += len(open_cases)
        self.summary.rows["consents"] += len(open_cases)
        return len(open_cases)

    def _count(self, planned: Planned, case: Case) -> None:
        self.summary.cases += 1
        if case.is_minor:
            self.summary.minors += 1
            self.summary.minor_ages.append(planned.age)
        if case.closed_on:
            self.summary.closed += 1


def generate(
    organisation: Organisation,
    *,
    seed: int = DEFAULT_SEED,
    total: int = TOTAL,
    today: date | None = None,
    actor: User | None = None,
) -> Summary:
    """About `total` cases since 2002 with everything recorded on them, the case managers, their
    team and the partner organisation's referrals; one audit entry for the run."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        managers, team = case_managers(organisation)
        partner, partner_user = partner_organisation()
        generator = Generator(organisation, managers, team, partner, rng, today)
        plans = generator.plan(total)
        summary = generator.write(plans)
        cases = list(Case.objects.filter(organisation=organisation).order_by("opened_on", "pk"))
        generator.partner_referrals(cases, partner_user)
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=organisation,
            object_type="cases.case",
            summary=f"demo cases generated: {summary.cases}",
        )
    summary.seconds = time.perf_counter() - started
    return summary


def delete_cases(organisation: Organisation) -> int:
    """Delete the organisation's cases and persons (the hand-overs stay: a new run makes cases
    of them again, with their codes), and the case-code counters (the hand-overs' codes are
    their floor again). The audit log keeps its entries."""
    cases = Case.objects.filter(organisation=organisation)
    count = cases.count()
    with transaction.atomic():
        Referral.objects.filter(case__organisation=organisation).delete()
        cases.delete()
        Person.objects.filter(organisation=organisation).delete()
        CodeCounter.objects.filter(
            organisation=organisation, name__startswith="case-code:"
        ).delete()
    return count


def seed(context: dict[str, Any]) -> None:
    """Demo cases for the demo NGO: about 500 the first time, nothing when it has any."""
    organisation: Organisation = context["organisations"][ORGANISATION]
    report = ["", "Direct assistance (sign in as casemanager, casemanager2 or casemanager3; "
              "referrals to partner-ngo as partner):"]  # fmt: skip
    existing = Case.objects.filter(organisation=organisation).count()
    if existing:
        case_managers(organisation)
        partner_organisation()
        report.append(
            f"  {existing} cases already there (manage.py demo_cases --replace makes new ones)"
        )
    else:
        report += generate(organisation).lines()
    context["report"] = [*context.get("report", []), *report]

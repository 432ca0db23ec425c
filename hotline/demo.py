"""Demo contacts on the SOS and 116 000 lines, shaped like the public figures of the first
organisation (../shared/data/seed-facts.yaml, `hotline_figures` and `campaigns`).

The line has answered calls since 2002: over 35,000 contacts in about twenty years, the first
ten years a little quieter than the later ones (the ten-year release counted 14,594 calls), with
more calls in the years of the big media campaigns. The generator spreads `years` years of
contacts ending today over months, days and hours; about three in ten contacts are non-data
(silent, hang-up, wrong number, test, abusive); the 116 000 missing-children line starts in 2011;
e-mail, chat, SMS and social networks grow over the years. A share of callers give a name, a
phone or an e-mail (all encrypted, phone and e-mail with their blind index), a share of contacts
carry a note. Around them: follow-up tasks (the recent ones open), a few missing-child reports
with their timelines, a handful of anonymous online reports and hand-overs to case managers.

Contacts, their indicators and actions are written by `ContactWriter` in batches with
`executemany` (COPY on PostgreSQL): encrypted values still go through the model field's
`get_prep_value`, blind indexes through `phone_index` / `email_index`. The few records around
them use the ORM. One audit entry records the whole run ("demo contacts generated: N"), not one
per contact. Everything random comes from one `random.Random(seed)`: the same seed and day give
the same data. `bench/data.py` generates its million contacts with the same pieces.
"""

import bisect
import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.codes import READABLE_ALPHABET
from core.crypto import EncryptedTextField
from core.demo import DEMO_PASSWORD
from core.models import AuditAction, Institution, Membership, Organisation, Role, User
from core.services import record_audit
from hotline.codes import (
    Action,
    AgeBand,
    CallerType,
    Channel,
    Circumstance,
    ContactKind,
    ContactStatus,
    Country,
    FoundCondition,
    Gender,
    HandoverStatus,
    Indicator,
    Line,
    MissingChildStatus,
    RiskLevel,
    Subject,
)
from hotline.models import (
    CaseHandover,
    Contact,
    ContactAction,
    ContactIndicator,
    FollowUp,
    MissingChildEvent,
    MissingChildReport,
    OnlineReport,
    ReportMessage,
)
from hotline.services.contacts import email_index, phone_index
from hotline.services.online_reports import (
    PASSPHRASE_GROUP_LENGTH,
    PASSPHRASE_GROUPS,
    REFERENCE_LENGTH,
)

ORGANISATION = "demo-ngo"
DEFAULT_YEARS = 20
DEFAULT_SEED = 2002  # the year the SOS line started
# "Over 35,000 calls since 2002" (seed facts): twenty years hold about this many contacts.
CONTACTS_PER_20_YEARS = 35_000
FIRST_TEN_YEARS_END = 2011  # the ten-year release: 14,594 calls, fewer a year than later
LATER_YEARS_WEIGHT = 1.4
CAMPAIGN_YEARS = {2002, 2004, 2005, 2006, 2008, 2011, 2012, 2014}  # seed facts: campaigns
CAMPAIGN_WEIGHT = 1.3
MISSING_CHILDREN_LINE_FROM = 2011
BATCH_SIZE = 2000

# --- Weighted choices -----------------------------------------------------------------------


class Weighted:
    """A fixed distribution to draw from quickly (bisect on cumulative weights)."""

    def __init__(self, weights: dict[Any, float]) -> None:
        self.values = list(weights)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights.values():
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def weight(self, value: Any) -> float:
        index = self.values.index(value)
        return self.cumulative[index] - (self.cumulative[index - 1] if index else 0.0)


MONTHS = Weighted(  # more calls in spring and summer, when seasonal work abroad is offered
    {
        1: 0.8,
        2: 0.85,
        3: 1.0,
        4: 1.1,
        5: 1.15,
        6: 1.2,
        7: 1.1,
        8: 1.0,
        9: 1.0,
        10: 1.05,
        11: 1.0,
        12: 0.75,
    }
)
HOURS = Weighted(
    {hour: 0.3 if hour < 8 or hour >= 22 else 1.5 if 10 <= hour < 18 else 1.0 for hour in range(24)}
)
QUICK_KINDS = Weighted(
    {
        ContactKind.SILENT: 10,
        ContactKind.HANG_UP: 9,
        ContactKind.WRONG_NUMBER: 6,
        ContactKind.TEST: 2,
        ContactKind.ABUSIVE: 3,
    }
)
CALLER_TYPES = Weighted(
    {
        CallerType.CITIZEN: 24,
        CallerType.PERSON_AT_RISK: 20,
        CallerType.FAMILY_MEMBER: 18,
        CallerType.PROFESSIONAL: 12,
        CallerType.FRIEND: 9,
        CallerType.VICTIM: 8,
        CallerType.ANONYMOUS: 9,
    }
)
GENDERS = Weighted(
    {
        Gender.FEMININE: 61,
        Gender.MASCULINE: 34,
        Gender.UNKNOWN: 4,
        Gender.TRANSGENDER_FEMININE: 0.4,
        Gender.TRANSGENDER_MASCULINE: 0.3,
        Gender.NON_CONFORMING: 0.3,
    }
)
AGE_BANDS = Weighted(
    {
        AgeBand.UNDER_14: 3,
        AgeBand.FROM_14: 14,
        AgeBand.FROM_18: 24,
        AgeBand.FROM_25: 22,
        AgeBand.FROM_35: 19,
        AgeBand.FROM_50: 10,
        AgeBand.FROM_65: 2,
        AgeBand.UNKNOWN: 6,
    }
)
CITIZENSHIPS = Weighted(
    {
        Country.RS: 88,
        Country.BA: 2.5,
        Country.ME: 1,
        Country.MK: 1,
        Country.XK: 0.8,
        Country.HR: 0.6,
        Country.AL: 0.4,
        Country.BG: 0.4,
        Country.RO: 0.5,
        Country.MD: 0.5,
        Country.UA: 0.6,
        Country.AF: 0.8,
        Country.SY: 0.6,
        Country.PK: 0.5,
        Country.DE: 0.3,
        Country.AT: 0.2,
        Country.CN: 0.2,
        Country.OTHER: 0.6,
    }
)
SOS_SUBJECTS = Weighted(
    {
        Subject.INFORMATION: 33,
        Subject.JOB_OFFER: 24,
        Subject.SUSPECTED_TRAFFICKING: 16,
        Subject.HELP_REQUEST: 16,
        Subject.MISSING_CHILD: 1,
        Subject.OTHER: 10,
    }
)
CHILDREN_LINE_SUBJECTS = Weighted(
    {
        Subject.MISSING_CHILD: 55,
        Subject.INFORMATION: 22,
        Subject.HELP_REQUEST: 12,
        Subject.SUSPECTED_TRAFFICKING: 5,
        Subject.OTHER: 6,
    }
)
# Indicators, as the ten-year release's exploitation shares suggest (mostly sexual, then labour).
INDICATORS = Weighted(
    {
        Indicator.FALSE_PROMISES: 20,
        Indicator.WITHHOLDS_DOCUMENTS: 12,
        Indicator.TAKES_EARNINGS: 10,
        Indicator.PSYCHOLOGICAL_ABUSE: 10,
        Indicator.SEXUAL_ABUSE: 9,
        Indicator.DEBT_BONDAGE: 8,
        Indicator.PHYSICAL_THREATS: 7,
        Indicator.EXCESSIVE_HOURS: 7,
        Indicator.POVERTY: 7,
        Indicator.PHYSICAL_ABUSE: 5,
        Indicator.RESTRICTS_FINANCES: 4,
        Indicator.THREATENS_FAMILY: 4,
        Indicator.ABUSE_SOCIAL_MEDIA: 4,
        Indicator.MIGRATION: 4,
        Indicator.THREATS_LAW_ENFORCEMENT: 3,
        Indicator.WITHHOLDS_NECESSITIES: 2,
        Indicator.HOMELESSNESS: 2,
        Indicator.ADDICTION: 1.5,
        Indicator.PSYCHOACTIVE_SUBSTANCE: 1.5,
        Indicator.RESTRICTS_MEDICAL: 1,
        Indicator.OTHER: 1,
    }
)
RISK_SUSPECTED = Weighted(
    {RiskLevel.LOW: 15, RiskLevel.MEDIUM: 40, RiskLevel.HIGH: 35, RiskLevel.IMMEDIATE: 10}
)
RISK_OTHER = Weighted({RiskLevel.NONE: 60, RiskLevel.LOW: 30, RiskLevel.MEDIUM: 10})
REFERRALS = Weighted(
    {
        Action.REFERRAL_POLICE: 25,
        Action.REFERRAL_SOCIAL_WORK: 30,
        Action.REFERRAL_VICTIM_CENTRE: 25,
        Action.REFERRAL_HEALTH: 8,
        Action.REFERRAL_OTHER: 12,
    }
)
CIRCUMSTANCES = Weighted(
    {
        Circumstance.RUNAWAY: 50,
        Circumstance.PARENTAL_ABDUCTION: 15,
        Circumstance.MIGRATION: 15,
        Circumstance.LOST_INJURED: 10,
        Circumstance.UNKNOWN: 10,
    }
)

PLACES = [
    "Beograd",
    "Novi Sad",
    "Niš",
    "Kragujevac",
    "Subotica",
    "Zrenjanin",
    "Pančevo",
    "Čačak",
    "Kraljevo",
    "Novi Pazar",
    "Leskovac",
    "Vranje",
    "Šabac",
    "Smederevo",
    "Valjevo",
    "Sombor",
    "Užice",
    "Kikinda",
    "Jagodina",
    "Pirot",
]
PLACE_WEIGHTS = Weighted(
    {
        place: 30 if place == "Beograd" else 8 if index < 5 else 3
        for index, place in enumerate(PLACES)
    }
)

FIRST_NAMES = [
    "Jovana",
    "Milica",
    "Ana",
    "Marija",
    "Jelena",
    "Dragana",
    "Snežana",
    "Tamara",
    "Miloš",
    "Nikola",
    "Stefan",
    "Marko",
    "Dejan",
    "Nenad",
    "Јована",
    "Милица",
    "Драгана",
    "Милош",
    "Никола",
    "Стефан",
]
LAST_NAMES_LATIN = [
    "Marković",
    "Jovanović",
    "Petrović",
    "Nikolić",
    "Ilić",
    "Stanković",
    "Pavlović",
    "Todorović",
    "Lazić",
    "Kostić",
]
LAST_NAMES_CYRILLIC = [
    "Марковић",
    "Јовановић",
    "Петровић",
    "Николић",
    "Илић",
    "Станковић",
    "Павловић",
    "Тодоровић",
]

# Short notes a consultant might write (English or Serbian); never real cases.
NOTES: dict[str, list[str]] = {
    Subject.INFORMATION: [
        "Učenica pita za materijal za prezentaciju o trgovini ljudima.",
        "Asked what the line does and when it is open.",
        "Nastavnica traži radionicu za odeljenje; upućena na edukativni program.",
        "Wanted to know how to recognise recruitment on social networks.",
    ],
    Subject.JOB_OFFER: [
        "Ponuda za sezonski rad u Nemačkoj, agencija traži novac unapred. Objasnili znake upozorenja.",
        "Offered work as a waitress in Italy, travel paid by the employer; gave the checklist.",
        "Oglas na društvenoj mreži za negu starih u Austriji, bez ugovora. Provera agencije.",
        "Construction job in Slovakia through a friend of a friend; advised to get the contract first.",
        "Agencija nije registrovana; savetovana da ne predaje pasoš.",
    ],
    Subject.SUSPECTED_TRAFFICKING: [
        "Sestra radi u inostranstvu, ne javlja se dve nedelje, poslodavac joj je uzeo pasoš.",
        "Neighbour sees young women brought to a house at night and never leaving alone.",
        "Mladić radi na gradilištu bez plate, dug za smeštaj raste svakog meseca.",
        "A girl of 15 met a man online who promised her a modelling job abroad.",
        "Pozivalac misli da je prijateljica prisiljena na prostituciju; upućen na policiju.",
    ],
    Subject.HELP_REQUEST: [
        "Vratila se iz inostranstva, treba joj smeštaj i pravna pomoć.",
        "Needs help to get documents back from a former employer.",
        "Traži psihološku podršku za ćerku posle povratka kući.",
        "Asked for a lawyer for a court hearing next month.",
    ],
    Subject.MISSING_CHILD: [
        "Dete nije došlo kući posle škole; roditelji već prijavili policiji.",
        "A boy of 14 left home after an argument; last seen at the bus station.",
        "Otac odveo dete u inostranstvo bez saglasnosti majke.",
    ],
    Subject.OTHER: [
        "Pitanje o pravima radnika, upućen na inspekciju rada.",
        "Called about domestic violence; referred to the centre for social work.",
        "Student psihologije pita za volontiranje na liniji.",
    ],
}
FOLLOW_UPS = [
    "Pozvati ponovo za dva dana.",
    "Call back after the agency check.",
    "Proveriti sa centrom za socijalni rad.",
    "Send the list of registered agencies by e-mail.",
    "Proveriti da li je policija primila prijavu.",
]

# Consultants of the demo line beside core's `consultant` (same password, TOTP devices).
CONSULTANTS = [
    ("consultant2", "Jovana", "Marković"),
    ("consultant3", "Miloš", "Ilić"),
    ("consultant4", "Snežana", "Todorović"),
    ("consultant5", "Dejan", "Lazić"),
]


# --- The plan: how many contacts when -------------------------------------------------------


def year_weight(year: int) -> float:
    """Relative volume of a calendar year: quieter first decade, campaign years busier."""
    weight = 1.0 if year <= FIRST_TEN_YEARS_END else LATER_YEARS_WEIGHT
    return weight * (CAMPAIGN_WEIGHT if year in CAMPAIGN_YEARS else 1.0)


def months_of(years: int, today: date) -> list[tuple[int, int, float]]:
    """(year, month, share of the month that has passed) for the `years` years ending today."""
    months = []
    for year in range(today.year - years + 1, today.year + 1):
        for month in range(1, 13):
            if (year, month) > (today.year, today.month):
                break
            share = 1.0
            if (year, month) == (today.year, today.month):
                share = (today.day - 1) / 31
            months.append((year, month, share))
    return months


def monthly_counts(
    months: Sequence[tuple[int, int, float]], total: int, rng: random.Random
) -> list[tuple[int, int, int]]:
    """(year, month, number of contacts) adding up to `total`, each month a little off its
    expected share (±10 %) as real months are."""
    weights = [year_weight(year) * MONTHS.weight(month) * share for year, month, share in months]
    scale = total / sum(weights)
    counts = [max(0, round(weight * scale * rng.uniform(0.9, 1.1))) for weight in weights]
    # Give back (or take) the rounding and jitter difference one contact per month.
    difference = total - sum(counts)
    step = 1 if difference > 0 else -1
    index = 0
    while difference and any(counts):
        if step > 0 or counts[index % len(counts)] > 0:
            counts[index % len(counts)] += step
            difference -= step
        index += 1
    return [
        (year, month, count) for (year, month, _share), count in zip(months, counts, strict=True)
    ]


# --- Contacts -------------------------------------------------------------------------------


@dataclass
class PlannedContact:
    """A contact's column values (Contact field names, foreign keys as `<name>_id`), with the
    codes of its indicator and action rows."""

    values: dict[str, Any]
    indicators: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass
class Identity:
    """How often callers give identifying details or the consultant writes a note."""

    name: float = 0.22
    phone: float = 0.30
    email: float = 0.6  # of e-mail contacts
    notes: float = 0.35
    follow_up: float = 0.05


class ContactMaker:
    """Plans one contact after another for a given month; every choice from `rng`."""

    def __init__(
        self,
        organisation_id: int,
        consultant_ids: Sequence[int],
        institution_ids: Sequence[int],
        rng: random.Random,
        identity: Identity,
        today: date,
    ) -> None:
        self.organisation_id = organisation_id
        self.consultant_ids = list(consultant_ids)
        self.institution_ids = list(institution_ids)
        self.rng = rng
        self.identity = identity
        self.today = today
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.latest = timezone.now() - timedelta(hours=1)
        # Repeat callers: a small pool of numbers that call again and again.
        self.regular_phones = [self.phone_number() for _ in range(300)]
        self._channels: dict[int, Weighted] = {}
        self._indexes: dict[str, str] = {}

    def phone_number(self) -> str:
        rng = self.rng
        return f"+381 6{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"

    def name(self) -> str:
        first = self.rng.choice(FIRST_NAMES)
        cyrillic = "\u0400" <= first[0] <= "\u04ff"
        last = self.rng.choice(LAST_NAMES_CYRILLIC if cyrillic else LAST_NAMES_LATIN)
        return f"{first} {last}"

    def channels(self, year: int) -> Weighted:
        """Phone dominant; e-mail, SMS, social networks and chat grow over the years."""
        if year not in self._channels:
            after = max(0, year - 2006)
            self._channels[year] = Weighted(
                {
                    Channel.PHONE: max(55.0, 90.0 - 1.6 * after),
                    Channel.EMAIL: 4.0 + 0.35 * after,
                    Channel.SMS: 2.0 + 0.1 * after if year >= 2008 else 0.0,
                    Channel.SOCIAL: 0.5 * max(0, year - 2011) if year >= 2012 else 0.0,
                    Channel.CHAT: 0.8 * max(0, year - 2013) if year >= 2014 else 0.0,
                    Channel.IN_PERSON: 2.0,
                    Channel.INSTITUTION: 2.0,
                }
            )
        return self._channels[year]

    def consultant_id(self, year: int) -> int:
        """Consultants take turns by period, so old contacts name old colleagues."""
        return self.consultant_ids[(year + self.rng.randint(0, 1)) % len(self.consultant_ids)]

    def started_at(self, year: int, month: int) -> datetime:
        random = self.rng.random
        last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        if (year, month) == (self.today.year, self.today.month):
            last_day = max(1, self.today.day - 1)
        moment = datetime(
            year,
            month,
            1 + int(random() * last_day),
            HOURS.pick(self.rng),
            int(random() * 60),
            int(random() * 60),
            tzinfo=self.zone,
        )
        return min(moment, self.latest)

    def index(self, value: str, function: Any) -> str:
        if value not in self._indexes:
            self._indexes[value] = function(value)
        return self._indexes[value]

    def make(self, year: int, month: int) -> PlannedContact:
        rng = self.rng
        started_at = self.started_at(year, month)
        children_line = year >= MISSING_CHILDREN_LINE_FROM and rng.random() < min(
            0.12, 0.03 + 0.02 * (year - MISSING_CHILDREN_LINE_FROM)
        )
        channel = self.channels(year).pick(rng)
        planned = PlannedContact(
            {
                "organisation_id": self.organisation_id,
                "status": ContactStatus.RECORDED,
                "line": Line.MISSING_CHILDREN if children_line else Line.SOS,
                "channel": channel,
                "started_at": started_at,
                "consultant_id": self.consultant_id(year),
            }
        )
        if rng.random() < (0.34 if channel == Channel.PHONE else 0.12):
            planned.values["kind"] = QUICK_KINDS.pick(rng)
            planned.values["duration_seconds"] = rng.randint(0, 40)
        else:
            self.fill_data_contact(planned)
        recorded_at = started_at + timedelta(seconds=planned.values["duration_seconds"] + 30)
        planned.values.update(
            recorded_at=recorded_at, created_at=started_at, updated_at=recorded_at
        )
        return planned

    def fill_data_contact(self, planned: PlannedContact) -> None:
        rng = self.rng
        values = planned.values
        identity = self.identity
        values["kind"] = ContactKind.DATA
        minutes = rng.lognormvariate(2.0, 0.6)  # median about 7 minutes
        values["duration_seconds"] = min(3 * 3600, int(minutes * 60))
        caller_type = CALLER_TYPES.pick(rng)
        values["caller_type"] = caller_type
        if caller_type == CallerType.PROFESSIONAL and self.institution_ids and rng.random() < 0.6:
            values["caller_institution_id"] = rng.choice(self.institution_ids)
        if caller_type != CallerType.ANONYMOUS:
            values["caller_gender"] = GENDERS.pick(rng)
            values["caller_age_band"] = AGE_BANDS.pick(rng)
            values["caller_citizenship"] = CITIZENSHIPS.pick(rng)
            if rng.random() < 0.7:
                values["caller_place"] = PLACE_WEIGHTS.pick(rng)
            if rng.random() < identity.name:
                values["caller_name"] = self.name()
            channel = values["channel"]
            if channel in (Channel.PHONE, Channel.SMS) and rng.random() < identity.phone:
                phone = rng.choice(self.regular_phones) if rng.random() < 0.25 else None
                values["caller_phone"] = phone = phone or self.phone_number()
                values["caller_phone_index"] = self.index(phone, phone_index)
            if channel == Channel.EMAIL and rng.random() < identity.email:
                values["caller_email"] = email = f"korisnik{rng.randint(1, 99999)}@primer.rs"
                values["caller_email_index"] = self.index(email, email_index)
        children_line = values["line"] == Line.MISSING_CHILDREN
        subject = (CHILDREN_LINE_SUBJECTS if children_line else SOS_SUBJECTS).pick(rng)
        values["subject"] = subject
        suspected = subject == Subject.SUSPECTED_TRAFFICKING
        values["risk_level"] = (RISK_SUSPECTED if suspected else RISK_OTHER).pick(rng)
        if suspected or (subject == Subject.HELP_REQUEST and rng.random() < 0.3):
            count = rng.choice((1, 2, 2, 3, 3, 4)) if suspected else 1
            planned.indicators = sorted({INDICATORS.pick(rng) for _ in range(count)})
        actions = {Action.INFORMATION_GIVEN} if rng.random() < 0.92 else set()
        if suspected or subject in (Subject.HELP_REQUEST, Subject.MISSING_CHILD):
            for _ in range(rng.choice((1, 1, 2))):
                actions.add(REFERRALS.pick(rng))
        elif rng.random() < 0.05:
            actions.add(REFERRALS.pick(rng))
        planned.actions = sorted(actions)
        if rng.random() < identity.notes:
            values["notes"] = rng.choice(NOTES[subject])


def plan_contacts(
    maker: ContactMaker, counts: Iterable[tuple[int, int, int]]
) -> Iterator[PlannedContact]:
    """Every planned contact, month by month, each month in time order."""
    for year, month, count in counts:
        month_contacts = [maker.make(year, month) for _ in range(count)]
        month_contacts.sort(key=lambda planned: planned.values["started_at"])
        yield from month_contacts


class ContactWriter:
    """Inserts planned contacts, their indicators and actions with `executemany`, a batch per
    transaction. Measured: Django's bulk_create spent three quarters of the demo's time
    preparing values field by field; here each value is prepared once, encrypted values still
    through the model field (`get_prep_value`), datetimes through the backend's adapter.

    Contacts get explicit ids (the next after the largest, read under the batch's write lock) so
    their indicators and actions can refer to them without reading anything back.
    """

    def __init__(self) -> None:
        fields = [f for f in Contact._meta.concrete_fields if not f.primary_key]
        self.names_and_defaults = [(f.attname, f.get_default()) for f in fields]
        # Positions in a row, which starts with the id.
        self.encrypted = [
            (n, f) for n, f in enumerate(fields, start=1) if isinstance(f, EncryptedTextField)
        ]
        self.datetimes = [
            n for n, f in enumerate(fields, start=1) if isinstance(f, models.DateTimeField)
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * (len(fields) + 1))
        # Table and column names come from the models, values go as parameters.
        table = quote(Contact._meta.db_table)
        self.contact_sql = f"INSERT INTO {table} (id, {columns}) VALUES ({marks})"  # noqa: S608
        self.child_sql = {
            model: f"INSERT INTO {quote(model._meta.db_table)} (contact_id, code) VALUES (%s, %s)"  # noqa: S608
            for model in (ContactIndicator, ContactAction)
        }
        self.first_pk: int | None = None
        self.last_pk = 0
        self.sqlite = connection.vendor == "sqlite"
        self.database_zone = connection.timezone

    def row(self, pk: int, values: dict[str, Any]) -> list[Any]:
        get = values.get
        row = [pk, *[get(name, default) for name, default in self.names_and_defaults]]
        for index, field_ in self.encrypted:
            if row[index]:
                row[index] = field_.get_prep_value(row[index])
        adapted: dict[int, Any] = {}  # created_at is started_at, updated_at is recorded_at
        for index in self.datetimes:
            value = row[index]
            if value is not None:
                if id(value) not in adapted:
                    adapted[id(value)] = self.adapt_datetime(value)
                row[index] = adapted[id(value)]
        return row

    def adapt_datetime(self, value: datetime) -> Any:
        """What the backend's adapt_datetimefield_value gives, without its per-call checks:
        SQLite stores naive text in the connection's time zone (UTC), PostgreSQL takes it as is."""
        if not self.sqlite:
            return value
        return str(value.astimezone(self.database_zone).replace(tzinfo=None))

    def write(self, planned: Iterable[PlannedContact], batch_size: int = BATCH_SIZE) -> int:
        """Write every planned contact; returns how many."""
        count = 0
        batch: list[PlannedContact] = []
        for item in planned:
            batch.append(item)
            if len(batch) >= batch_size:
                count += self._write_batch(batch)
                batch = []
        if batch:
            count += self._write_batch(batch)
        return count

    def _write_batch(self, batch: list[PlannedContact]) -> int:
        postgresql = connection.vendor == "postgresql"
        table = connection.ops.quote_name(Contact._meta.db_table)
        with transaction.atomic(), connection.cursor() as cursor:
            if postgresql:  # SQLite's transactions take the write lock at once (IMMEDIATE)
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 (a model's table)
            first = (cursor.fetchone()[0] or 0) + 1
            contacts = [self.row(first + n, item.values) for n, item in enumerate(batch)]
            self._insert(cursor, self.contact_sql, contacts)
            for model, attribute in ((ContactIndicator, "indicators"), (ContactAction, "actions")):
                rows = [
                    (first + n, code)
                    for n, item in enumerate(batch)
                    for code in getattr(item, attribute)
                ]
                if rows:
                    self._insert(cursor, self.child_sql[model], rows)
            if postgresql:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Contact]):
                    cursor.execute(sql)
        if self.first_pk is None:
            self.first_pk = first
        self.last_pk = first + len(batch) - 1
        return len(batch)

    @staticmethod
    def _insert(cursor: Any, insert_sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """executemany; on PostgreSQL the same columns through COPY, several times faster."""
        if connection.vendor != "postgresql":
            cursor.executemany(insert_sql, rows)
            return
        into = insert_sql.removeprefix("INSERT INTO ").split(" VALUES ")[0]
        with cursor.cursor.copy(f"COPY {into} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


# --- The records around contacts ------------------------------------------------------------


def write_follow_ups(
    contacts: QuerySet[Contact], rng: random.Random, share: float, today: date
) -> int:
    """Tasks on a share of suspected-trafficking and help-request contacts; the recent open."""
    now = timezone.now()
    follow_ups = []
    candidates = contacts.filter(
        subject__in=[Subject.SUSPECTED_TRAFFICKING, Subject.HELP_REQUEST]
    ).only("organisation_id", "consultant_id", "started_at")
    for contact in candidates.order_by("pk"):
        recent = (today - contact.started_at.date()).days <= 21
        if contact.consultant_id is None or (not recent and rng.random() >= share * 4):
            continue
        due_on = contact.started_at.date() + timedelta(days=rng.randint(1, 10))
        done = not recent or rng.random() < 0.3
        follow_ups.append(
            FollowUp(
                organisation_id=contact.organisation_id,
                contact_id=contact.pk,
                description=rng.choice(FOLLOW_UPS),
                due_on=due_on,
                assigned_to_id=contact.consultant_id,
                done_at=min(now, contact.started_at + timedelta(days=rng.randint(1, 9)))
                if done
                else None,
                done_by_id=contact.consultant_id if done else None,
            )
        )
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH_SIZE)
    return len(follow_ups)


MISSING_CHILD_PATHS = [
    [MissingChildStatus.REPORTED],
    [MissingChildStatus.REPORTED, MissingChildStatus.SEARCHING],
    [MissingChildStatus.REPORTED, MissingChildStatus.SEARCHING, MissingChildStatus.FOUND],
    [MissingChildStatus.REPORTED, MissingChildStatus.FOUND],
    [
        MissingChildStatus.REPORTED,
        MissingChildStatus.SEARCHING,
        MissingChildStatus.FOUND,
        MissingChildStatus.PROTECTION,
    ],
    [
        MissingChildStatus.REPORTED,
        MissingChildStatus.SEARCHING,
        MissingChildStatus.FOUND,
        MissingChildStatus.CLOSED,
    ],
    [
        MissingChildStatus.REPORTED,
        MissingChildStatus.FOUND,
        MissingChildStatus.PROTECTION,
        MissingChildStatus.CLOSED,
    ],
    [MissingChildStatus.REPORTED, MissingChildStatus.SEARCHING, MissingChildStatus.CLOSED],
]
EVENT_NOTES = {
    MissingChildStatus.REPORTED: "Prijava primljena, roditelji upućeni na policiju.",
    MissingChildStatus.SEARCHING: "Policy and centre for social work informed; poster shared.",
    MissingChildStatus.FOUND: "Dete pronađeno, policija obavestila porodicu.",
    MissingChildStatus.PROTECTION: "Razgovor sa detetom i porodicom; plan podrške sa centrom.",
    MissingChildStatus.CLOSED: "Case closed after the follow-up visit.",
}


def write_missing_children(
    contacts: QuerySet[Contact], rng: random.Random, recorded_by: User
) -> int:
    """A few 116 000 reports, the most recent missing-child contacts, at every stage."""
    candidates = list(
        contacts.filter(line=Line.MISSING_CHILDREN, subject=Subject.MISSING_CHILD)
        .select_related("consultant")
        .order_by("-started_at", "-pk")[: len(MISSING_CHILD_PATHS)]
    )
    for contact, path in zip(candidates, MISSING_CHILD_PATHS, strict=False):
        last_seen = contact.started_at.date() - timedelta(days=rng.randint(0, 2))
        status = path[-1]
        report = MissingChildReport.objects.create(
            organisation_id=contact.organisation_id,
            contact=contact,
            child_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES_LATIN)}",
            child_description=rng.choice(
                [
                    "Plava jakna, crni ranac, kratka smeđa kosa.",
                    "Wears glasses; red hoodie and jeans.",
                    "Visoka za svoje godine, ožiljak na levoj ruci.",
                ]
            ),
            child_gender=rng.choice([Gender.FEMININE, Gender.MASCULINE]),
            child_age=rng.randint(9, 17),
            last_seen_on=last_seen,
            last_seen_place=PLACE_WEIGHTS.pick(rng),
            circumstances=CIRCUMSTANCES.pick(rng),
            police_report_number=f"KU {rng.randint(100, 9999)}/{last_seen:%y}",
            police_reported_on=last_seen,
            national_alert=rng.random() < 0.5,
            international_alert=rng.random() < 0.15,
            status=status,
        )
        happened = contact.started_at.date()
        events = []
        for step in path:
            if step == MissingChildStatus.FOUND:
                report.found_on = happened
                report.found_condition = rng.choice(
                    [FoundCondition.UNHARMED, FoundCondition.UNHARMED, FoundCondition.INJURED]
                )
            if step == MissingChildStatus.CLOSED:
                report.closed_on = happened
            events.append(
                MissingChildEvent(
                    report=report,
                    status=step,
                    happened_on=happened,
                    note=EVENT_NOTES[step],
                    recorded_by=contact.consultant or recorded_by,
                )
            )
            happened = min(date.today(), happened + timedelta(days=rng.randint(1, 6)))
        report.save(update_fields=["found_on", "found_condition", "closed_on"])
        MissingChildEvent.objects.bulk_create(events)
    return len(candidates)


ONLINE_REPORTS = [
    (
        "Na oglasu za posao u Dubaiju traže samo mlade devojke i nude avionsku kartu.",
        "Instagram",
        "prošle nedelje",
    ),
    (
        "A boy from our building begs at the crossroads every day and an adult takes his money.",
        "Novi Beograd, blok 45",
        "every day since spring",
    ),
    (
        "Komšija drži radnike iz inostranstva u podrumu, rade noću u pekari.",
        "Zemun",
        "",
    ),
    (
        "My friend went to work in Germany and says she cannot leave the flat.",
        "",
        "two weeks ago",
    ),
    ("Devojčica od 13 godina dopisuje se sa odraslim muškarcem koji joj nudi novac.", "", ""),
    ("Workers at a car wash sleep there and never get paid.", "Niš", "this month"),
]


def _readable(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(READABLE_ALPHABET) for _ in range(length))


def write_online_reports(
    organisation: Organisation,
    rng: random.Random,
    consultant: User,
    today: date,
) -> list[tuple[str, str]]:
    """A handful of anonymous reports: the newest two wait in the queue, the rest recorded with
    a reply. Returns (reference, passphrase) of each, printed for trying the reporter's side.

    The reports share one passphrase: hashing is slow on purpose (argon2), once is enough."""
    zone = ZoneInfo(settings.TIME_ZONE)
    credentials = []
    # The format of hotline.services.online_reports, drawn from `rng` to stay deterministic.
    groups = [_readable(rng, PASSPHRASE_GROUP_LENGTH) for _ in range(PASSPHRASE_GROUPS)]
    passphrase = "-".join(groups)
    passphrase_hash = make_password("".join(groups))
    for number, (what, where, when) in enumerate(ONLINE_REPORTS):
        days_ago = (len(ONLINE_REPORTS) - number) * 9 + rng.randint(0, 5)
        if number >= len(ONLINE_REPORTS) - 2:
            days_ago = len(ONLINE_REPORTS) - number  # the queue: yesterday, two days ago
        day = today - timedelta(days=days_ago)
        started_at = datetime(
            day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=zone
        )
        queued = number >= len(ONLINE_REPORTS) - 2
        contact = Contact.objects.create(
            organisation=organisation,
            status=ContactStatus.RECEIVED if queued else ContactStatus.RECORDED,
            line=Line.SOS,
            channel=Channel.ONLINE_REPORT,
            kind=ContactKind.DATA,
            started_at=started_at,
            consultant=None if queued else consultant,
            caller_type="" if queued else CallerType.ANONYMOUS,
            subject="" if queued else Subject.SUSPECTED_TRAFFICKING,
            risk_level="" if queued else RiskLevel.MEDIUM,
            recorded_at=None if queued else started_at + timedelta(hours=rng.randint(2, 20)),
        )
        if not queued:
            ContactAction.objects.create(contact=contact, code=Action.INFORMATION_GIVEN)
        reference = _readable(rng, REFERENCE_LENGTH)
        report = OnlineReport.objects.create(
            organisation=organisation,
            contact=contact,
            reference=reference,
            passphrase_hash=passphrase_hash,
            what_happened=what,
            where=where,
            when=when,
            language="sr-latn" if number % 2 == 0 else "en",
            unread_since=started_at if queued else None,
        )
        OnlineReport.objects.filter(pk=report.pk).update(created_at=started_at)
        if not queued:
            reply = ReportMessage.objects.create(
                report=report,
                from_reporter=False,
                author=consultant,
                body="Hvala na prijavi. Proverili smo i obavestili nadležne; javite nam se ako saznate još nešto.",
            )
            more = ReportMessage.objects.create(
                report=report,
                from_reporter=True,
                body="Thank you. I saw the same people again yesterday.",
            )
            ReportMessage.objects.filter(pk=reply.pk).update(created_at=contact.recorded_at)
            ReportMessage.objects.filter(pk=more.pk).update(
                created_at=contact.recorded_at + timedelta(days=1)  # type: ignore[operator]
            )
        credentials.append((reference, passphrase))
    return credentials


HANDOVER_REASONS = [
    "Pozivateljka je verovatno žrtva radne eksploatacije i traži smeštaj.",
    "Minor at high risk; the family asks for support and a lawyer.",
    "Returned from abroad after sexual exploitation, needs assistance.",
    "Žrtva prinudnog prosjačenja, potrebna procena potreba.",
    "Debt bondage at a construction site; wants to testify.",
]


def write_handovers(
    contacts: QuerySet[Contact],
    rng: random.Random,
    case_manager: User | None,
) -> list[str]:
    """Two hand-overs waiting for a case manager, two accepted (case codes), one declined."""
    candidates = list(
        contacts.filter(
            subject=Subject.SUSPECTED_TRAFFICKING,
            risk_level__in=[RiskLevel.HIGH, RiskLevel.IMMEDIATE],
        ).order_by("-started_at", "-pk")[:5]
    )
    plan = [
        HandoverStatus.REQUESTED,
        HandoverStatus.REQUESTED,
        HandoverStatus.ACCEPTED,
        HandoverStatus.ACCEPTED,
        HandoverStatus.DECLINED,
    ]
    codes = []
    numbers: Counter[int] = Counter()
    for contact, status in zip(candidates, plan, strict=False):
        if contact.consultant_id is None:
            continue
        decided = status != HandoverStatus.REQUESTED
        requested_at = contact.recorded_at or contact.started_at
        decided_at = requested_at + timedelta(hours=rng.randint(2, 30)) if decided else None
        case_code = ""
        if status == HandoverStatus.ACCEPTED:
            year = decided_at.year  # type: ignore[union-attr]
            numbers[year] += 1
            case_code = f"A-{year}-{numbers[year]:03d}"
            codes.append(case_code)
            ContactAction.objects.get_or_create(contact=contact, code=Action.CASE_OPENED)
        handover = CaseHandover.objects.create(
            organisation_id=contact.organisation_id,
            contact=contact,
            status=status,
            reason=rng.choice(HANDOVER_REASONS),
            requested_by_id=contact.consultant_id,
            decided_by=case_manager if decided else None,
            decided_at=decided_at,
            decline_reason="Osoba ne želi pomoć; informisana je kako da se javi kasnije."
            if status == HandoverStatus.DECLINED
            else "",
            case_code=case_code,
        )
        CaseHandover.objects.filter(pk=handover.pk).update(requested_at=requested_at)
    return codes


# --- Users ----------------------------------------------------------------------------------


def demo_consultants(organisation: Organisation) -> list[User]:
    """core's `consultant` plus the line's other SOS consultants (TOTP devices, demo password)."""
    users = []
    core_consultant = User.objects.filter(username="consultant").first()
    for username, first, last in CONSULTANTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.putokaz"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.SOS_CONSULTANT
        )
        TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"confirmed": True})
        users.append(user)
    if core_consultant is not None:
        users.append(core_consultant)
    return users


def sos_consultants(organisation: Organisation) -> list[User]:
    """The organisation's SOS consultants, oldest account first."""
    return list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.SOS_CONSULTANT
        )
        .distinct()
        .order_by("pk")
    )


# --- The whole run --------------------------------------------------------------------------


@dataclass
class Summary:
    """What a run wrote, for the command's output and the demo report."""

    contacts: int = 0
    seconds: float = 0.0
    by_line: Counter[str] = field(default_factory=Counter)
    by_years: dict[str, int] = field(default_factory=dict)
    non_data: int = 0
    follow_ups: int = 0
    missing_children: int = 0
    online_reports: list[tuple[str, str]] = field(default_factory=list)
    case_codes: list[str] = field(default_factory=list)

    def counted(self, planned: Iterable[PlannedContact]) -> Iterator[PlannedContact]:
        """Pass the planned contacts through, counting them by line, kind and year."""
        years: Counter[int] = Counter()
        for item in planned:
            values = item.values
            self.contacts += 1
            self.by_line[values["line"]] += 1
            if values["kind"] != ContactKind.DATA:
                self.non_data += 1
            years[values["started_at"].year] += 1
            yield item
        self.by_years = years_summary(years)

    def lines(self) -> list[str]:
        share = self.non_data / self.contacts if self.contacts else 0.0
        lines = [
            f"  {self.contacts} contacts in {self.seconds:.1f} s; non-data (silent, hang-up, "
            f"wrong number, test, abusive): {share:.1%}",
            "  by line: "
            + ", ".join(
                f"{Line(line).label} {count}" for line, count in sorted(self.by_line.items())
            ),
            "  by years: " + ", ".join(f"{span} {count}" for span, count in self.by_years.items()),
            f"  {self.follow_ups} follow-ups, {self.missing_children} missing-child reports, "
            f"{len(self.online_reports)} online reports, case codes {', '.join(self.case_codes) or '-'}",
        ]
        if self.online_reports:
            reference, passphrase = self.online_reports[-1]
            lines.append(
                f"  an online report to follow up at /report/follow-up/: {reference} / {passphrase}"
            )
        return lines


def generate(
    organisation: Organisation,
    *,
    years: int = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    total: int | None = None,
    identity: Identity | None = None,
    extras: bool = True,
    consultants: Sequence[User] | None = None,
    actor: User | None = None,
) -> Summary:
    """Generate `years` years of contacts ending today (about 1,750 a year unless `total` says
    otherwise), and with `extras` the follow-ups, missing-child reports, online reports and
    hand-overs; one audit entry for the run."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    total = total if total is not None else round(CONTACTS_PER_20_YEARS * years / 20)
    if consultants is None:
        consultants = sos_consultants(organisation) or demo_consultants(organisation)
    consultants = list(consultants)
    institutions = Institution.objects.filter(organisation=organisation).order_by("pk")
    maker = ContactMaker(
        organisation.pk,
        [user.pk for user in consultants],
        list(institutions.values_list("pk", flat=True)),
        rng,
        identity or Identity(),
        today,
    )
    counts = monthly_counts(months_of(years, today), total, rng)
    summary = Summary()
    writer = ContactWriter()
    writer.write(summary.counted(plan_contacts(maker, counts)))
    generated = Contact.objects.filter(
        organisation=organisation, pk__gte=writer.first_pk or 0, pk__lte=writer.last_pk
    )
    if extras:
        case_manager = User.objects.filter(username="casemanager").first()
        summary.follow_ups = write_follow_ups(generated, rng, maker.identity.follow_up, today)
        lead = next((u for u in consultants if u.username == "consultant"), consultants[0])
        summary.missing_children = write_missing_children(generated, rng, lead)
        summary.case_codes = write_handovers(generated, rng, case_manager)
        summary.online_reports = write_online_reports(organisation, rng, lead, today)
        summary.contacts += len(summary.online_reports)
        summary.by_line[Line.SOS] += len(summary.online_reports)
    record_audit(
        action=AuditAction.CREATE,
        actor=actor,
        organisation=organisation,
        object_type="hotline.contact",
        summary=f"demo contacts generated: {summary.contacts}",
    )
    summary.seconds = time.perf_counter() - started
    return summary


def years_summary(counts: Counter[int], span: int = 5) -> dict[str, int]:
    """Contacts per `span`-year range, oldest first, from contacts per year."""
    if not counts:
        return {}
    first, last = min(counts), max(counts)
    result = {}
    for start in range(first, last + 1, span):
        end = min(last, start + span - 1)
        result[f"{start}–{end}"] = sum(counts[year] for year in range(start, end + 1))
    return result


def seed(context: dict[str, Any]) -> None:
    """Demo contacts for the demo NGO: twenty years the first time, nothing when it has any."""
    organisation: Organisation = context["organisations"][ORGANISATION]
    Organisation.objects.filter(pk=organisation.pk).update(accepts_online_reports=True)
    consultants = demo_consultants(organisation)
    report = ["", "SOS line and 116 000 (sign in as consultant, consultant2 ... consultant5):"]
    existing = Contact.objects.filter(organisation=organisation).count()
    if existing:
        report.append(
            f"  {existing} contacts already there (manage.py demo_hotline --replace makes new ones)"
        )
    else:
        report += generate(organisation, consultants=consultants).lines()
    context["report"] = [*context.get("report", []), *report]

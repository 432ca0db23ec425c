"""The bench database: schema, static files and generated data, rebuilt only when they change.

The data set is keyed by DATA_VERSION and the list of migrations: while both are the same, a
re-run reuses var/bench/bench.sqlite3 as it is and starts measuring within seconds.
"""

import hashlib
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

if TYPE_CHECKING:
    from catalogue.models import Programme
    from core.models import Institution, Organisation, Person
    from training.models import PrivacyNotice, Training

# Change when the generated data changes shape; the next run rebuilds the database.
DATA_VERSION = "learning-1"
ACTIVE_PROGRAMMES = 1000
OTHER_PROGRAMMES = {"draft": 60, "retired": 40}
BENCH_ORGANISATION_SLUG = "bench"


def dataset_key() -> str:
    """DATA_VERSION plus a digest of the database's address and every migration file, so another
    database or a changed schema rebuilds the data."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    database = settings.DATABASES["default"]
    digest = hashlib.sha256(f"{database['ENGINE']}:{database['NAME']}\n".encode())
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        digest.update(f"{app}.{name}\n".encode())
        digest.update(Path(sys.modules[migration.__module__].__file__ or "").read_bytes())
    return f"{DATA_VERSION}:{digest.hexdigest()[:16]}"


def prepare_database(var_dir: Path, log: Callable[[str], None]) -> None:
    """Migrate, create the cache table, collect static files, and (re)generate the data set."""
    key_file = var_dir / "dataset.key"
    key = dataset_key()
    fresh = key_file.exists() and key_file.read_text().strip() == key
    database = settings.DATABASES["default"]
    if not fresh:
        key_file.unlink(missing_ok=True)
        (var_dir / HOTLINE_KEY_FILE).unlink(missing_ok=True)  # its rows go with the database
        (var_dir / CASES_KEY_FILE).unlink(missing_ok=True)
        if database["ENGINE"].endswith("sqlite3"):
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database['NAME']}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if fresh:
        log(f"data set {key} reused")
        return
    if not database["ENGINE"].endswith("sqlite3"):
        call_command("flush", interactive=False, verbosity=0)
    log(f"generating data set {key} ...")
    generate()
    key_file.write_text(key + "\n")


@transaction.atomic
def generate() -> None:
    """One organisation's catalogue: accrediting bodies, programmes, audiences, accreditations."""
    from core.models import Organisation

    organisation = Organisation.objects.create(name="Bench NGO", slug=BENCH_ORGANISATION_SLUG)
    if apps.is_installed("catalogue") and _has_model("catalogue", "Programme"):
        generate_catalogue(organisation)
        if apps.is_installed("training") and _has_model("training", "Training"):
            generate_training(organisation)
            if apps.is_installed("learning") and _has_model("learning", "BarometerRound"):
                generate_barometer(organisation)


def _has_model(app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


WORDS = [
    "prepoznavanje",
    "trgovine",
    "ljudima",
    "zaštita",
    "dece",
    "škola",
    "zdravstvo",
    "socijalna",
    "pomoć",
    "policija",
    "pravosuđe",
    "prevencija",
    "identifikacija",
    "žrtava",
    "podrška",
    "nasilje",
    "internet",
    "eksploatacija",
    "rad",
    "migranti",
    "devojčice",
    "mladi",
    "nastavnici",
    "lekari",
    "sudije",
    "tužioci",
    "centri",
    "ugroženost",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def generate_catalogue(organisation: object, active: int = ACTIVE_PROGRAMMES) -> None:
    """Programmes with 1-3 audience sectors and 1-2 accreditations each (one valid today)."""
    from catalogue.models import (
        Accreditation,
        AccreditingBody,
        Programme,
        ProgrammeAudience,
        ProgrammeStatus,
        Sector,
    )

    rng = random.Random(2026)  # the same data set on every machine
    bodies = AccreditingBody.objects.bulk_create(
        AccreditingBody(organisation=organisation, name_sr=name, name_en=name_en)
        for name, name_en in [
            ("Zavod za unapređivanje obrazovanja i vaspitanja", "Institute for Education Quality"),
            ("Republički zavod za socijalnu zaštitu", "Republic Institute for Social Protection"),
            ("Zdravstveni savet Srbije", "Health Council of Serbia"),
            ("Pravosudna akademija", "Judicial Academy"),
            ("Komora socijalne zaštite", "Chamber of Social Protection"),
        ]
    )
    statuses = [ProgrammeStatus.ACTIVE] * active
    statuses += [ProgrammeStatus.DRAFT] * OTHER_PROGRAMMES["draft"]
    statuses += [ProgrammeStatus.RETIRED] * OTHER_PROGRAMMES["retired"]
    programmes = Programme.objects.bulk_create(
        Programme(
            organisation=organisation,
            slug=f"program-{number:05d}",
            title_sr=f"{_sentence(rng, 5)} {number}",
            title_en=f"Programme {number}" if number % 3 else "",
            summary_sr=_sentence(rng, 40) + ".",
            summary_en="A programme generated for benchmarks." if number % 3 else "",
            professions_sr=_sentence(rng, 6),
            duration_days=rng.randint(1, 3),
            duration_hours=Decimal(rng.choice([6, 8, 12, 16, 24])),
            topics_sr="\n".join(_sentence(rng, 4) for _ in range(4)),
            status=status,
        )
        for number, status in enumerate(statuses, start=1)
    )
    sectors = list(Sector.values)
    ProgrammeAudience.objects.bulk_create(
        ProgrammeAudience(programme=programme, sector=sector)
        for programme in programmes
        for sector in rng.sample(sectors, rng.randint(1, 3))
    )
    today = date.today()
    accreditations = []
    for index, programme in enumerate(programmes):
        body = rng.choice(bodies)
        periods = [(today - timedelta(days=rng.randint(30, 900)), 3 * 365)]
        if rng.random() < 0.5:  # an earlier, expired decision in the history
            periods.append((periods[0][0] - timedelta(days=4 * 365), 3 * 365))
        for number, (valid_from, days) in enumerate(periods):
            accreditations.append(
                Accreditation(
                    organisation=organisation,
                    programme=programme,
                    body=body,
                    decision_number=f"{index + 1}/{number + 1}-{valid_from.year}",
                    decision_date=valid_from - timedelta(days=14),
                    valid_from=valid_from,
                    valid_until=valid_from + timedelta(days=days),
                    cpd_points=Decimal(rng.choice([8, 12, 16, 24])),
                    category=_sentence(rng, 2),
                )
            )
    Accreditation.objects.bulk_create(accreditations)


# --- Trainings (bench.training) ---------------------------------------------------------------

BENCH_COORDINATOR = "bench-coordinator"
# Slugs of the generated trainings: the staff page with this many confirmed participants ...
PAGE_TRAININGS = {6: "bench-page-6", 60: "bench-page-60", 600: "bench-page-600"}
# ... a held training whose 60 participants all attended both days (no certificates yet) ...
CERTIFICATE_TRAINING = "bench-certificates"
CERTIFICATE_PARTICIPANTS = 60
# ... and an open training with room for any number of registrations.
REGISTRATION_TRAINING = "bench-registration"
INSTITUTIONS = 50

FIRST_NAMES = ["Jelena", "Milica", "Ivana", "Marija", "Nikola", "Dejan", "Snežana", "Stefan"]
LAST_NAMES = ["Jovanović", "Nikolić", "Marković", "Đorđević", "Ilić", "Stanković", "Lazić"]
PROFESSIONS = ["nastavnica", "pedagog", "psiholog", "socijalni radnik", "lekar", "direktor"]


def generate_training(organisation: "Organisation") -> None:
    """A coordinator, institutions, trainers and the trainings bench/training.py measures."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from catalogue.models import Programme, ProgrammeStatus
    from core.models import Institution, InstitutionType, Membership, Person, Role, User
    from training.models import PrivacyNotice, TrainingStatus

    rng = random.Random(3)
    user = User.objects.create_user(BENCH_COORDINATOR, email="coordinator@bench.example")
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDUCATION_COORDINATOR)
    TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    notice = PrivacyNotice.objects.create(
        organisation=organisation, version=1, text_sr="Obaveštenje.", text_en="Notice."
    )
    types = list(InstitutionType.values)
    institutions = [
        Institution(
            organisation=organisation,
            name=f"{_sentence(rng, 2)} {number}",
            type=rng.choice(types),
            municipality=rng.choice(["Beograd", "Novi Sad", "Niš", "Kragujevac", "Subotica"]),
        )
        for number in range(INSTITUTIONS)
    ]
    for institution in institutions:
        institution.save()  # computes the search key
    trainers = [
        Person.objects.create(
            organisation=organisation, first_name=first, last_name=last, is_trainer=True
        )
        for first, last in [("Marko", "Petrović"), ("Tanja", "Radovanović")]
    ]
    programme = (
        Programme.objects.filter(organisation=organisation, status=ProgrammeStatus.ACTIVE)
        .order_by("pk")
        .first()
    )
    today = date.today()
    past = [today - timedelta(days=8), today - timedelta(days=7)]
    for count, slug in PAGE_TRAININGS.items():
        training = _bench_training(
            organisation, programme, slug, past, TrainingStatus.HELD, trainers
        )
        _bench_registrations(training, notice, institutions, count, rng, waitlisted=3, cancelled=2)
        _bench_attendance(training, all_days_every=5)
        _bench_certificates(training, every=2)
    training = _bench_training(
        organisation, programme, CERTIFICATE_TRAINING, past, TrainingStatus.HELD, trainers
    )
    _bench_registrations(training, notice, institutions, CERTIFICATE_PARTICIPANTS, rng)
    _bench_attendance(training, all_days_every=1)
    future = [today + timedelta(days=400), today + timedelta(days=401)]
    _bench_training(
        organisation,
        programme,
        REGISTRATION_TRAINING,
        future,
        TrainingStatus.OPEN,
        trainers,
        capacity=10**9,
    )


def _bench_training(
    organisation: "Organisation",
    programme: "Programme",
    slug: str,
    days: list[date],
    status: str,
    trainers: list["Person"],
    capacity: int = 30,
) -> "Training":
    from datetime import time

    from training.models import AgendaItem, Training, TrainingDay

    accreditation = programme.accreditations.filter(
        valid_from__lte=days[0], valid_until__gte=days[-1]
    ).first()
    training = Training.objects.create(
        organisation=organisation,
        programme=programme,
        accreditation=accreditation,
        slug=slug,
        city="Beograd",
        venue="Dom omladine",
        capacity=capacity,
        registration_deadline=days[0] - timedelta(days=3),
        status=status,
        starts_on=days[0],
        ends_on=days[-1],
    )
    training.trainers.set(trainers)
    for day_date in days:
        day = TrainingDay.objects.create(
            training=training, date=day_date, starts_at=time(9, 30), ends_at=time(16)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                day=day,
                starts_at=time(9 + hour),
                ends_at=time(10 + hour),
                title=f"Sesija {hour + 1}",
                method="radionica",
                trainer=trainers[hour % len(trainers)],
            )
            for hour in range(5)
        )
    return training


def _bench_registrations(
    training: "Training",
    notice: "PrivacyNotice",
    institutions: list["Institution"],
    confirmed: int,
    rng: random.Random,
    *,
    waitlisted: int = 0,
    cancelled: int = 0,
) -> None:
    """Registrations with their duplicate-detection keys (bulk_create skips Registration.save)."""
    from django.utils import timezone

    from core.crypto import normalise_email
    from core.scripts import normalise_for_search
    from training.models import Registration, RegistrationStatus

    statuses = [RegistrationStatus.CONFIRMED] * confirmed
    statuses += [RegistrationStatus.WAITLISTED] * waitlisted
    statuses += [RegistrationStatus.CANCELLED] * cancelled
    now = timezone.now()
    rows = []
    for number, status in enumerate(statuses):
        first = rng.choice(FIRST_NAMES)
        last = f"{rng.choice(LAST_NAMES)} {number}"
        email = f"p{number}@{training.slug}.example"
        rows.append(
            Registration(
                organisation_id=training.organisation_id,
                training=training,
                status=status,
                first_name=first,
                last_name=last,
                email=email,
                email_key=normalise_email(email),
                name_key=normalise_for_search(f"{first} {last}"),
                phone="+381 64 123 4567",
                profession=rng.choice(PROFESSIONS),
                institution=rng.choice(institutions),
                script="cyrillic" if number % 3 == 0 else "latin",
                language="sr-latn",
                privacy_notice=notice,
                consented_at=now,
                cancelled_at=now if status == RegistrationStatus.CANCELLED else None,
            )
        )
    Registration.objects.bulk_create(rows)


def _bench_attendance(training: "Training", *, all_days_every: int) -> None:
    """Every confirmed participant on the first day; every `all_days_every`-th on all days."""
    from training.models import Attendance, AttendanceSource, RegistrationStatus

    days = list(training.days.all())
    confirmed = training.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk")
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=day, source=AttendanceSource.ROLL_CALL)
        for index, registration in enumerate(confirmed)
        for number, day in enumerate(days)
        if number == 0 or index % all_days_every == 0
    )


def _bench_certificates(training: "Training", *, every: int) -> None:
    """Certificate rows (no PDF files) for every `every`-th participant who came on all days."""
    from django.db.models import Count

    from training.models import Certificate, RegistrationStatus

    days = training.days.count()
    eligible = (
        training.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .annotate(attended=Count("attendances"))
        .filter(attended=days)
        .order_by("pk")
    )
    Certificate.objects.bulk_create(
        Certificate(
            organisation_id=training.organisation_id,
            registration=registration,
            code=f"B{training.pk:04d}{index:05d}",
            holder_name=registration.full_name,
            programme_title=training.programme.title_sr,
            city=training.city,
            starts_on=training.starts_on,
            ends_on=training.ends_on,
            script=registration.script,
        )
        for index, registration in enumerate(eligible)
        if index % every == 0
    )


# --- The Social Barometer (bench.learning) ------------------------------------------------------

# A training under way today whose trainer has started the barometer: one session joined with
# BAROMETER_CODE and its open round, results shown live while people vote, votes changeable.
BAROMETER_TRAINING = "bench-barometer"
BAROMETER_CODE = "BENCH7"


def generate_barometer(organisation: "Organisation") -> None:
    """A statement, a deck of it, and an active session with one open round in a training."""
    from catalogue.models import Programme, ProgrammeStatus
    from core.models import Person, User
    from learning.models import (
        BarometerRound,
        BarometerSession,
        CorrectAnswer,
        Deck,
        DeckStatement,
        ResultsVisibility,
        RoundState,
        Statement,
        StatementTopic,
        Topic,
    )
    from training.models import TrainingStatus

    programme = (
        Programme.objects.filter(organisation=organisation, status=ProgrammeStatus.ACTIVE)
        .order_by("pk")
        .first()
    )
    trainers = list(Person.objects.filter(organisation=organisation, is_trainer=True))
    today = date.today()
    training = _bench_training(
        organisation,
        programme,  # type: ignore[arg-type]
        BAROMETER_TRAINING,
        [today, today + timedelta(days=1)],
        TrainingStatus.CLOSED,
        trainers,
        capacity=600,
    )
    statement = Statement.objects.create(
        organisation=organisation,
        text_sr="Žrtve trgovine ljudima su uvek odvedene u inostranstvo.",
        text_en="Victims of trafficking are always taken abroad.",
        correct_answer=CorrectAnswer.DISAGREE,
        explanation_sr="Većina identifikovanih žrtava u Srbiji eksploatisana je u zemlji.",
        explanation_en="Most identified victims in Serbia were exploited inside the country.",
    )
    StatementTopic.objects.create(statement=statement, topic=Topic.MYTHS)
    deck = Deck.objects.create(organisation=organisation, name="Bench")
    DeckStatement.objects.create(deck=deck, statement=statement, position=1)
    session = BarometerSession.objects.create(
        organisation=organisation,
        training=training,
        deck=deck,
        code=BAROMETER_CODE,
        started_by=User.objects.filter(username=BENCH_COORDINATOR).first(),
    )
    BarometerRound.objects.create(
        session=session,
        statement=statement,
        position=1,
        state=RoundState.OPEN,
        visibility=ResultsVisibility.ALWAYS,
    )


# --- The SOS line (bench.hotline) ---------------------------------------------------------------

# A million contacts take minutes to generate, so they are a data set of their own, generated
# the first time a hotline benchmark runs (not for `--only catalogue_public_ratio`) and kept
# while this key and the main data set's key stay the same.
HOTLINE_DATA_VERSION = "hotline-2"
HOTLINE_KEY_FILE = "hotline.key"
HOTLINE_CONTACTS = 1_000_000
# Twenty whole calendar years (240 months), fixed so that re-runs measure the same month.
HOTLINE_FIRST_YEAR = 2005
HOTLINE_LAST_YEAR = 2024
HOTLINE_MONTH = "2019-06"  # the month the list benchmark filters on (with subject=job_offer)
HOTLINE_CONSULTANT = "bench-consultant"
HOTLINE_COLLEAGUES = 4
HOTLINE_BATCH = 20_000
# Callers who give a name or phone, or a note written: 1 in 20 (AES-GCM per value; DESIGN §6).
HOTLINE_IDENTITY_SHARE = 0.05


def hotline_key() -> str:
    return f"{HOTLINE_DATA_VERSION}:{HOTLINE_CONTACTS}:{dataset_key()}"


def prepare_hotline(var_dir: Path, log: Callable[[str], None]) -> None:
    """Generate the hotline data set unless var/bench/hotline.key says it is there already."""
    key_file = var_dir / HOTLINE_KEY_FILE
    key = hotline_key()
    if key_file.exists() and key_file.read_text().strip() == key:
        log(f"hotline data set {key} reused")
        return
    log(f"generating hotline data set {key} ({HOTLINE_CONTACTS:,} contacts) ...")
    started = time.monotonic()
    count = generate_hotline()
    log(f"hotline data set: {count:,} contacts in {time.monotonic() - started:.0f} s")
    key_file.write_text(key + "\n")


def generate_hotline(total: int = HOTLINE_CONTACTS) -> int:
    """SOS consultants of the bench organisation and `total` recorded contacts spread over 240
    months with the demo's shapes (hotline.demo), a batch per transaction; returns the count."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.models import Institution, Membership, Organisation, Role, User
    from hotline import demo

    organisation = Organisation.objects.get(slug=BENCH_ORGANISATION_SLUG)
    delete_hotline_rows(organisation.pk)  # an older version's, or an interrupted run's
    consultants = []
    for number in range(HOTLINE_COLLEAGUES + 1):
        username = HOTLINE_CONSULTANT if number == 0 else f"{HOTLINE_CONSULTANT}-{number + 1}"
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@bench.example"}
        )
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.SOS_CONSULTANT
        )
        TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
        consultants.append(user)
    rng = random.Random(116000)
    share = HOTLINE_IDENTITY_SHARE
    maker = demo.ContactMaker(
        organisation.pk,
        [user.pk for user in consultants],
        list(Institution.objects.filter(organisation=organisation).values_list("pk", flat=True)),
        rng,
        demo.Identity(name=share, phone=share, email=share, notes=share, follow_up=0),
        today=date(HOTLINE_LAST_YEAR + 1, 1, 1),
    )
    months = [
        (year, month, 1.0)
        for year in range(HOTLINE_FIRST_YEAR, HOTLINE_LAST_YEAR + 1)
        for month in range(1, 13)
    ]
    counts = demo.monthly_counts(months, total, rng)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # index pages stay in memory while a batch goes in
            cursor.execute("PRAGMA cache_size = -262144")
    count = demo.ContactWriter().write(demo.plan_contacts(maker, counts), batch_size=HOTLINE_BATCH)
    # Planner statistics, as a live database has them (autovacuum; SQLite's `PRAGMA optimize`):
    # without them PostgreSQL misjudges "organisation_id = 1" as a few hundred rows of a million.
    from hotline.models import Contact, ContactAction, ContactIndicator

    with connection.cursor() as cursor:
        for model in (Contact, ContactIndicator, ContactAction):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return count


def delete_hotline_rows(organisation_id: int) -> None:
    """Delete the organisation's hotline rows with one statement per table, children first:
    the ORM would load a million contacts to cascade by hand. The audit log keeps its entries."""
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

    # (table, its column, the table whose organisation's ids that column holds)
    statements = [
        (ContactIndicator, "contact_id", Contact),
        (ContactAction, "contact_id", Contact),
        (FollowUp, "contact_id", Contact),
        (ReportMessage, "report_id", OnlineReport),
        (OnlineReport, "contact_id", Contact),
        (MissingChildEvent, "report_id", MissingChildReport),
        (MissingChildReport, "contact_id", Contact),
        (CaseHandover, "contact_id", Contact),
        (Contact, "id", Contact),
    ]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model, column, parent in statements:
            table, parents = quote(model._meta.db_table), quote(parent._meta.db_table)
            sql = f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM {parents} WHERE organisation_id = %s)"  # noqa: S608
            cursor.execute(sql, [organisation_id])


# --- Direct assistance (bench.cases) ------------------------------------------------------------

# A million assisted persons with their duplicate keys take a minute or two, so like the hotline's
# contacts they are a data set of their own (var/bench/cases.key), generated the first time a
# cases benchmark runs and kept while this key and the main data set's key stay the same.
CASES_DATA_VERSION = "cases-3"
CASES_KEY_FILE = "cases.key"
CASES_PERSONS = 1_000_000
CASES_BATCH = 50_000
CASES_SEED = 6_000_000
CASE_MANAGER = "bench-casemanager"
CASES_TEAM = "Bench tim"
TIMELINE_CODE = "A-2024-500"  # the case with TIMELINE_EVENTS events
TIMELINE_SMALL_CODE = "A-2024-020"  # the same mix, TIMELINE_SMALL_EVENTS events
TIMELINE_EVENTS = 500
TIMELINE_SMALL_EVENTS = 20
# Given names and family-name stems: Serbian ones, a share with a diacritic; family names are
# stem + suffix, about a thousand of them, picked by a Zipf-like law as real names are: the most
# common family name is 1.5 % of everyone (Jovanović: about 1.3 % of Serbia), the most common
# given name 3 %.
ZIPF = 0.3
_GIVEN_NAMES_TEXT = (
    "Jovana Milica Ana Marija Jelena Dragana Snežana Tamara Ivana Katarina Sanja Maja Nataša "
    "Teodora Anđela Sara Kristina Danijela Gordana Ljiljana Aleksandra Nevena Đurđa Vesna Bojana "
    "Emina Zorica Slađana Biljana Mirjana Dušica Radmila Jasmina Marina Olivera Svetlana Tijana "
    "Milena Nina Lena Mina Dunja Iva Kosara Vida Ljubica Živana Stanislava Branka Desanka Gorana "
    "Miloš Nikola Stefan Marko Dejan Nenad Lazar Luka Đorđe Aleksandar Nemanja Dušan Vuk Ivan "
    "Bojan Željko Zoran Goran Dragan Sead Petar Filip Uroš Vladimir Milan Srđan Predrag Miodrag "
    "Veljko Andrej Ognjen Relja Bogdan Mihajlo Pavle Vasilije Jovan Matija Čedomir Žarko Ljubomir "
    "Radoslav Slobodan Branislav Todor Sava Tihomir Mladen Dalibor Saša Darko Rade"
)
BENCH_GIVEN_NAMES = _GIVEN_NAMES_TEXT.split()
FEMALE_GIVEN_NAMES = BENCH_GIVEN_NAMES.index("Miloš")  # the women's names come first
_FAMILY_STEMS_TEXT = (
    "Marko Jovan Petr Nikol Stank Pavl Todor Laz Kost Stojan Pop Živk Miloš Sav Rist Mitr Kovač "
    "Tom Obrad Vas Nedeljk Gaj Luk Sim Krst Bab Filip Vuk Radovan Stef Mil Drag Bog Ran Dim Jank "
    "Mat Đur Ćir Šar Žar Čol Đok Radosavlj Jovič Đuk Vukaš Milenk Ljub Nov Stanoj Radiv Bož "
    "Živan Dobrosavlj Grujič Prok Ranđel Anđel Lazar Aranđel Bor Vel Rad Stoj Pet Ilij Tas Sret "
    "Trif Vasilj Voj Jevt Maksim Mih Đorđ Jak Nenad Blagoj Cvetk Zdrav Slavk Vesel Mladen Ogn "
    "Spas Zor Bran Despot Dragut Rajk Bojk Cvijet Tad Gligor Stevan Periš Tod Bajr Šaban "
    "Ahmet Hodž Ceran Kuč Lal Mal Ned Pant Ratk Sekul Urošev Zlat Žik Gavril Milut Kraj"
)
BENCH_FAMILY_STEMS = _FAMILY_STEMS_TEXT.split()
BENCH_FAMILY_SUFFIXES = [("ović", 8), ("ević", 3), ("ić", 4), ("ov", 24), ("in", 17),
                         ("ski", 12), ("anin", 10), ("ac", 10), ("ar", 10)]  # fmt: skip
ABSENT_NAMES = [("Zorislava", "Qwertović"), ("Xenija", "Brzozovska"), ("Hildegard", "Yamamoto"),
                ("Quentin", "Ołdakowski"), ("Wilhelmina", "Xiaoping"), ("Þóra", "Kwiatkowska")]  # fmt: skip


def cases_key() -> str:
    return f"{CASES_DATA_VERSION}:{CASES_PERSONS}:{dataset_key()}"


def prepare_cases(var_dir: Path, log: Callable[[str], None]) -> None:
    """Generate the cases data set unless var/bench/cases.key says it is there already."""
    key_file = var_dir / CASES_KEY_FILE
    key = cases_key()
    if key_file.exists() and key_file.read_text().strip() == key:
        log(f"cases data set {key} reused")
        return
    key_file.unlink(missing_ok=True)
    log(f"generating cases data set {key} ({CASES_PERSONS:,} persons) ...")
    started = time.monotonic()
    count = generate_cases()
    log(f"cases data set: {count:,} persons in {time.monotonic() - started:.0f} s")
    key_file.write_text(key + "\n")


def bench_family_names() -> list[tuple[str, float]]:
    """Every stem with every suffix (weighted by how common the suffix is)."""
    names = []
    for stem in BENCH_FAMILY_STEMS:
        for suffix, weight in BENCH_FAMILY_SUFFIXES:
            names.append((stem + suffix, weight))
    return names


def generate_cases(total: int = CASES_PERSONS) -> int:
    """The bench case manager (second factor, team), `total` assisted persons with name keys, and
    the timeline cases; returns how many persons."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.models import Team
    from core.models import Membership, Organisation, Role, User

    organisation = Organisation.objects.get(slug=BENCH_ORGANISATION_SLUG)
    delete_cases_rows(organisation.pk)
    user, _ = User.objects.get_or_create(
        username=CASE_MANAGER, defaults={"email": f"{CASE_MANAGER}@bench.example"}
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.CASE_MANAGER)
    TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    team, _ = Team.objects.get_or_create(organisation=organisation, name=CASES_TEAM)
    team.members.add(user)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    count = write_persons(organisation.pk, total)
    generate_timeline(organisation, user, team)
    from cases.models import NameKey, Person

    with connection.cursor() as cursor:
        for model in (Person, NameKey):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return count


class PersonPools:
    """Name pools with, for each name, its encrypted value (Latin and Cyrillic, encrypted once:
    a person's ciphertext is its name's, decryptable like any) and its NameKey digests."""

    def __init__(self, rng: random.Random) -> None:
        from cases.models import Person
        from cases.names import name_digests
        from core.scripts import to_cyrillic

        given = Person._meta.get_field("given_name")
        family = Person._meta.get_field("family_name")
        self.given = list(BENCH_GIVEN_NAMES)
        families = bench_family_names()
        rng.shuffle(families)
        self.family = [name for name, _ in families]
        # Zipf-like: the rank's weight falls as 1/rank, times the suffix's own commonness.
        self.given_weights = _cumulative(
            [1 / (rank + 1) ** ZIPF for rank in range(len(self.given))]
        )
        self.family_weights = _cumulative(
            [weight / (rank + 1) ** ZIPF for rank, (_, weight) in enumerate(families)]
        )

        def encrypted(field: Any, names: list[str]) -> list[tuple[str, str]]:
            return [
                (field.get_prep_value(name), field.get_prep_value(to_cyrillic(name)))
                for name in names
            ]

        def digests(names: list[str]) -> list[list[str]]:
            return [
                [d for pair in name_digests([name]).values() for d in dict.fromkeys(pair)]
                for name in names
            ]

        self.given_cipher = encrypted(given, self.given)
        self.family_cipher = encrypted(family, self.family)
        self.given_digests = digests(self.given)
        self.family_digests = digests(self.family)


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def sample_person(pools: PersonPools, rng: random.Random) -> tuple[int, int, int]:
    """(given index, family index, year of birth) of one generated person."""
    given = rng.choices(range(len(pools.given)), cum_weights=pools.given_weights)[0]
    family = rng.choices(range(len(pools.family)), cum_weights=pools.family_weights)[0]
    return given, family, rng.randint(1950, 2015)


def write_persons(organisation_id: int, total: int) -> int:
    """`total` persons and their name keys, CASES_BATCH persons per transaction, with explicit
    ids; the name-key index is dropped while they go in and built again afterwards."""
    from django.utils import timezone

    from cases.models import NameKey, Person
    from hotline.demo import ContactWriter

    rng = random.Random(CASES_SEED)
    pools = PersonPools(rng)
    quote = connection.ops.quote_name
    person_table = quote(Person._meta.db_table)
    columns = [
        "organisation_id", "given_name", "family_name", "aliases", "date_of_birth",
        "contact_details", "identity_documents", "gender", "year_of_birth", "citizenship",
        "languages", "anonymised_at", "created_at",
    ]  # fmt: skip
    person_sql = (
        f"INSERT INTO {person_table} (id, {', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * (len(columns) + 1))})"
    )
    key_sql = (
        f"INSERT INTO {quote(NameKey._meta.db_table)} "  # noqa: S608
        "(organisation_id, person_id, digest, year_of_birth) VALUES (%s, %s, %s, %s)"
    )
    now = timezone.now()
    created = str(now.replace(tzinfo=None)) if connection.vendor == "sqlite" else now
    index = NameKey._meta.indexes[0]
    _drop_index(NameKey, index)
    written = 0
    try:
        while written < total:
            size = min(CASES_BATCH, total - written)
            with transaction.atomic(), connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(f"LOCK TABLE {person_table} IN EXCLUSIVE MODE")
                cursor.execute(f"SELECT MAX(id) FROM {person_table}")  # noqa: S608
                first = (cursor.fetchone()[0] or 0) + 1
                persons, keys = [], []
                for pk in range(first, first + size):
                    given, family, year = sample_person(pools, rng)
                    script = 1 if rng.random() < 0.15 else 0  # written in Cyrillic
                    persons.append(
                        (
                            pk,
                            organisation_id,
                            pools.given_cipher[given][script],
                            pools.family_cipher[family][script],
                            "",
                            "",
                            "",
                            "",
                            "Feminine" if given < FEMALE_GIVEN_NAMES else "Masculine",
                            year,
                            "RS",
                            '["sr"]',
                            None,
                            created,
                        )
                    )
                    for digest in dict.fromkeys(
                        pools.given_digests[given] + pools.family_digests[family]
                    ):
                        keys.append((organisation_id, pk, digest, year))
                ContactWriter._insert(cursor, person_sql, persons)
                ContactWriter._insert(cursor, key_sql, keys)
                if connection.vendor == "postgresql":
                    for sql in connection.ops.sequence_reset_sql(no_style(), [Person]):
                        cursor.execute(sql)
            written += size
    finally:
        _add_index(NameKey, index)
    return written


def _index_exists(model: Any, name: str) -> bool:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return name in constraints


def _drop_index(model: Any, index: Any) -> None:
    """Drop the index (plain SQL: SQLite's schema editor refuses to run inside a transaction)."""
    if _index_exists(model, index.name):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")


def _add_index(model: Any, index: Any) -> None:
    """Build the index again, with the statement Django's migration made it with."""
    if not _index_exists(model, index.name):
        statement = index.create_sql(model, connection.schema_editor())
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and connection.in_atomic_block:
                # Inside a transaction (the tests) PostgreSQL refuses to build an index on a
                # table with deferred foreign-key checks pending: run them first.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(str(statement))
            if connection.vendor == "postgresql" and connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def generate_timeline(organisation: "Organisation", user: Any, team: Any) -> None:
    """Two open cases with the same mix of timeline events: TIMELINE_EVENTS and
    TIMELINE_SMALL_EVENTS of them (services, encrypted notes, assessments with needs, plans with
    goals, referrals, consents, hearings, encrypted documents)."""
    from cases.models import Case, Person
    from cases.services.persons import set_identity

    for code, events in (
        (TIMELINE_CODE, TIMELINE_EVENTS),
        (TIMELINE_SMALL_CODE, TIMELINE_SMALL_EVENTS),
    ):
        person = set_identity(
            Person(organisation=organisation, gender="Feminine", year_of_birth=2008),
            given_name="Јована",
            family_name="Đorđević",
            date_of_birth=date(2008, 5, 17),
        )
        case = Case.objects.create(
            organisation=organisation,
            person=person,
            code=code,
            opened_on=date(2022, 1, 10),
            case_manager=user,
            team=team,
            age_at_identification=13,
            is_minor=True,
        )
        _timeline_events(case, user, events)


# The timeline's mix, per 100 events.
TIMELINE_MIX = {"service": 30, "note": 20, "assessment": 6, "plan": 4, "referral": 8,
                "consent": 8, "hearing": 8, "document": 6, "identification": 2, "goal_less": 8}  # fmt: skip


def _timeline_events(case: Any, user: Any, events: int) -> None:
    from cases.codes import ConsentPurpose, HearingKind, LegalBasis, NeedDomain, ServiceKind
    from cases.models import (
        DOCUMENT_CONTEXT,
        CaseDocument,
        CaseNote,
        Consent,
        CourtProceeding,
        Hearing,
        IdentificationDecision,
        Need,
        NeedsAssessment,
        PlanGoal,
        Referral,
        Service,
        SupportPlan,
    )
    from core.crypto import encrypt_bytes

    rng = random.Random(events)
    counts = {kind: max(1, round(share * events / 100)) for kind, share in TIMELINE_MIX.items()}
    counts["service"] += counts.pop("goal_less")
    counts["service"] += events - sum(counts.values())  # exactly `events` in all
    days = [case.opened_on + timedelta(days=n) for n in range(1000)]

    def day() -> date:
        return rng.choice(days)

    IdentificationDecision.objects.bulk_create(
        IdentificationDecision(
            case=case,
            status="PossibleVictimOfTrafficking" if n == 0 else "ActualVictimOfTrafficking",
            decided_by="NonPoliceGovernmentalOrganization",
            decided_on=days[n * 40],
            recorded_by=user,
        )
        for n in range(counts["identification"])
    )
    Service.objects.bulk_create(
        Service(
            case=case,
            kind=rng.choice(list(ServiceKind.values)),
            delivered_on=day(),
            provider="Psihološkinja",
            count=rng.randint(1, 4),
            note="Razgovor.",
            recorded_by=user,
        )
        for _ in range(counts["service"])
    )
    CaseNote.objects.bulk_create(
        CaseNote(
            case=case,
            written_on=day(),
            text="Telefonski razgovor; dogovorena pratnja.",
            author=user,
        )
        for _ in range(counts["note"])
    )
    assessments = NeedsAssessment.objects.bulk_create(
        NeedsAssessment(case=case, assessed_on=day(), assessed_by=user)
        for _ in range(counts["assessment"])
    )
    Need.objects.bulk_create(
        Need(assessment=assessment, domain=domain, rating=rng.randint(0, 3), note="")
        for assessment in assessments
        for domain in NeedDomain.values
    )
    plans = SupportPlan.objects.bulk_create(
        SupportPlan(
            case=case,
            agreed_on=day(),
            review_on=day(),
            person_view="Želim da učim.",
            created_by=user,
        )
        for _ in range(counts["plan"])
    )
    PlanGoal.objects.bulk_create(
        PlanGoal(plan=plan, domain=domain, goal="Upis u školu.", responsible="Voditeljka slučaja")
        for plan in plans
        for domain in ("education", "psychological", "documents")
    )
    consents = Consent.objects.bulk_create(
        Consent(
            case=case,
            purpose=ConsentPurpose.SHARING if n else ConsentPurpose.ASSISTANCE,
            institution_name="Centar za socijalni rad" if n else "",
            legal_basis=LegalBasis.CONSENT,
            given_on=day() if n else case.opened_on,
            recorded_by=user,
        )
        for n in range(counts["consent"])
    )
    Referral.objects.bulk_create(
        Referral(
            organisation_id=case.organisation_id,
            case=case,
            direction="outgoing",
            institution_name="Dom zdravlja",
            consent=consents[-1],
            reason_code="AdditionalServicesRequired",
            reason="Pregled.",
            sent_on=day(),
            status="accepted",
            created_by=user,
        )
        for _ in range(counts["referral"])
    )
    proceeding = CourtProceeding.objects.create(
        case=case, court="Viši sud u Beogradu", case_number="K 12/22", role="injured_party_witness"
    )
    Hearing.objects.bulk_create(
        Hearing(proceeding=proceeding, held_on=day(), kind=HearingKind.TESTIMONY, note="Svedočila.")
        for _ in range(counts["hearing"])
    )
    content = encrypt_bytes(b"%PDF-1.4\n% bench document\n", DOCUMENT_CONTEXT)
    CaseDocument.objects.bulk_create(
        CaseDocument(
            case=case,
            title="Rešenje Centra",
            file_name="resenje.pdf",
            content_type="application/pdf",
            size=26,
            content=content,
            uploaded_by=user,
            uploaded_on=day(),
        )
        for _ in range(counts["document"])
    )


def delete_cases_rows(organisation_id: int) -> None:
    """Delete the organisation's persons, their name keys and cases (with everything on them),
    one statement per table for the million persons; the audit log keeps its entries."""
    from cases.models import Case, NameKey, Person, Referral

    Referral.objects.filter(case__organisation_id=organisation_id).delete()  # they protect consents
    Case.objects.filter(organisation_id=organisation_id).delete()  # a few, with their records
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (NameKey, Person):
            table = quote(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE organisation_id = %s", [organisation_id])  # noqa: S608

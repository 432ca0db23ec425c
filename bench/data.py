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
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
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

"""The bench database: schema, static files and generated data, rebuilt only when they change.

The data set is keyed by DATA_VERSION and the list of migrations: while both are the same, a
re-run reuses var/bench/bench.sqlite3 as it is and starts measuring within seconds.
"""

import hashlib
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

# Change when the generated data changes shape; the next run rebuilds the database.
DATA_VERSION = "catalogue-1"
ACTIVE_PROGRAMMES = 1000
OTHER_PROGRAMMES = {"draft": 60, "retired": 40}
BENCH_ORGANISATION_SLUG = "bench"


def dataset_key() -> str:
    """DATA_VERSION plus a digest of every migration file, so a changed schema rebuilds the data."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
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

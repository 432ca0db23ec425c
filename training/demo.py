"""Demo trainings: the three 2023 editions of the schools programme (Belgrade 13, Novi Sad 29,
Niš 18 participants, seed facts in ../shared/data/seed-facts.yaml) held, reported and
certified, and one edition a month ahead that is full and has a waitlist. Idempotent: each
training is keyed on its slug and filled only when it is created; certificates are issued
only to eligible participants who have none yet.

Records are written with the ORM, not the registration services, so loading the demo sends
no confirmation e-mails; certificates go through `issue_certificate` (real PDFs) with their
e-mails held back.
"""

import random
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from catalogue.models import Accreditation, Programme
from core.models import Institution, InstitutionType, Organisation, Person, User, institution_key
from core.scripts import to_cyrillic
from training.models import (
    AgendaItem,
    Attendance,
    AttendanceSource,
    Certificate,
    PrivacyNotice,
    Registration,
    RegistrationStatus,
    Script,
    Training,
    TrainingDay,
    TrainingStatus,
)

ORGANISATION = "demo-ngo"
PROGRAMME_TITLE_SR = "Trgovina ljudima (decom) - prevencija i edukacija"
FUNDING_PROJECT = (
    "Vršnjačka podrška u školama: aktivni protiv trgovine ljudima "
    "(Ambasada SAD, Program malih grantova)"
)

PRIVACY_NOTICE_SR = """\
Ko obrađuje podatke: Putokaz Demo NGO Beograd, organizator obuke.

Koje podatke: ime i prezime, e-adresu, telefon, zanimanje i ustanovu u kojoj radite, kao i \
evidenciju o tome koje ste dane obuke prisustvovali.

Zašto: da bismo organizovali obuku, poslali vam potvrdu i obaveštenja, vodili evidenciju \
prisustva koju traži telo koje je akreditovalo program i izdali vam sertifikat.

Koliko dugo: podatke čuvamo pet godina od poslednjeg dana obuke, koliko nam je potrebno da \
potvrdimo izdate sertifikate; posle toga ih anonimizujemo. Šifra sertifikata i ime na njemu \
ostaju da bi se sertifikat mogao proveriti.

S kim ih delimo: samo sa telom koje je akreditovalo program, u izveštaju o održanoj obuci. \
Podatke ne prodajemo i ne koristimo za druge svrhe.

Vaša prava: preko linka iz potvrde o prijavi možete da preuzmete svoje podatke, otkažete \
prijavu ili zatražite brisanje. Za sva pitanja pišite nam na edukacija@demo.putokaz."""

PRIVACY_NOTICE_EN = """\
Who processes your data: Putokaz Demo NGO Belgrade, the organiser of the training.

What: your name, e-mail address, phone, profession and the institution you work for, and a \
record of which days of the training you attended.

Why: to run the training, send you the confirmation and reminders, keep the attendance \
record the accrediting body requires, and issue your certificate.

How long: five years after the last day of the training, as long as we need to confirm the \
certificates we issued; then your data is anonymised. The certificate code and the name on \
it are kept so the certificate can still be verified.

Who we share it with: only the body that accredited the programme, in the report on the \
training. We never sell your data or use it for anything else.

Your rights: with the link in your confirmation you can download your data, cancel your \
registration or ask us to erase it. For any question write to edukacija@demo.putokaz."""

# (name, type, municipality): schools of many towns, plus the other services that send people
# to the organisation's programmes.
INSTITUTIONS: list[tuple[str, str, str]] = [
    ("OŠ „Vuk Karadžić“", InstitutionType.PRIMARY_SCHOOL, "Beograd - Stari grad"),
    ("OŠ „Đura Jakšić“", InstitutionType.PRIMARY_SCHOOL, "Beograd - Zvezdara"),
    ("OŠ „Branko Radičević“", InstitutionType.PRIMARY_SCHOOL, "Beograd - Novi Beograd"),
    ("OŠ „Sveti Sava“", InstitutionType.PRIMARY_SCHOOL, "Smederevo"),
    ("OŠ „Desanka Maksimović“", InstitutionType.PRIMARY_SCHOOL, "Valjevo"),
    ("OŠ „Radoje Domanović“", InstitutionType.PRIMARY_SCHOOL, "Kragujevac"),
    ("Peta beogradska gimnazija", InstitutionType.GYMNASIUM, "Beograd - Stari grad"),
    ("Gimnazija „Svetozar Marković“", InstitutionType.GYMNASIUM, "Jagodina"),
    ("Tehnička škola „Zmaj“", InstitutionType.VOCATIONAL_SCHOOL, "Beograd - Zemun"),
    ("OŠ „Jovan Popović“", InstitutionType.PRIMARY_SCHOOL, "Novi Sad"),
    ("OŠ „Žarko Zrenjanin“", InstitutionType.PRIMARY_SCHOOL, "Zrenjanin"),
    ("OŠ „Ivo Lola Ribar“", InstitutionType.PRIMARY_SCHOOL, "Sombor"),
    ("OŠ „Jovan Jovanović Zmaj“", InstitutionType.PRIMARY_SCHOOL, "Sremska Mitrovica"),
    ("OŠ „Petefi Šandor“", InstitutionType.PRIMARY_SCHOOL, "Subotica"),
    ("Gimnazija „Jovan Jovanović Zmaj“", InstitutionType.GYMNASIUM, "Novi Sad"),
    ("Gimnazija „Uroš Predić“", InstitutionType.GYMNASIUM, "Pančevo"),
    ("Tehnička škola „Mihajlo Pupin“", InstitutionType.VOCATIONAL_SCHOOL, "Kikinda"),
    ("Tehnička škola", InstitutionType.VOCATIONAL_SCHOOL, "Vrbas"),
    ("OŠ „Čegar“", InstitutionType.PRIMARY_SCHOOL, "Niš"),
    ("OŠ „Njegoš“", InstitutionType.PRIMARY_SCHOOL, "Niš"),
    ("OŠ „Vožd Karađorđe“", InstitutionType.PRIMARY_SCHOOL, "Leskovac"),
    ("OŠ „Radoje Domanović“", InstitutionType.PRIMARY_SCHOOL, "Vranje"),
    ("Gimnazija „Bora Stanković“", InstitutionType.GYMNASIUM, "Niš"),
    ("Pirotska gimnazija", InstitutionType.GYMNASIUM, "Pirot"),
    ("Tehnička škola „15. maj“", InstitutionType.VOCATIONAL_SCHOOL, "Prokuplje"),
    ("Tehnička škola", InstitutionType.VOCATIONAL_SCHOOL, "Zaječar"),
    ("Centar za socijalni rad „Sava“", InstitutionType.SOCIAL_WORK_CENTRE, "Novi Sad"),
    ("Centar za socijalni rad", InstitutionType.SOCIAL_WORK_CENTRE, "Niš"),
    ("Gradski centar za socijalni rad", InstitutionType.SOCIAL_WORK_CENTRE, "Beograd - Palilula"),
    ("Dom zdravlja Zemun", InstitutionType.HEALTH_CENTRE, "Beograd - Zemun"),
    ("Dom zdravlja Novi Sad", InstitutionType.HEALTH_CENTRE, "Novi Sad"),
    ("Dom zdravlja Niš", InstitutionType.HEALTH_CENTRE, "Niš"),
]

# Municipalities whose schools send teachers to each edition (the host city and its region).
REGIONS = {
    "Beograd": ["Beograd", "Smederevo", "Valjevo", "Kragujevac", "Jagodina"],
    "Novi Sad": [
        "Novi Sad",
        "Zrenjanin",
        "Sombor",
        "Sremska Mitrovica",
        "Subotica",
        "Pančevo",
        "Kikinda",
        "Vrbas",
    ],
    "Niš": ["Niš", "Leskovac", "Vranje", "Pirot", "Prokuplje", "Zaječar"],
    "Kragujevac": ["Kragujevac", "Jagodina", "Valjevo", "Smederevo", "Beograd"],
}

TRAINERS: list[dict[str, str]] = [
    {
        "first_name": "Marko",
        "last_name": "Petrović",
        "profession": "psiholog, trener",
        "email": "marko.petrovic@demo.putokaz",
        "user": "trainer",
    },
    {
        "first_name": "Tanja",
        "last_name": "Radovanović",
        "profession": "pedagog, trenerica",
        "email": "tanja.radovanovic@demo.putokaz",
    },
    {
        "first_name": "Nenad",
        "last_name": "Živković",
        "profession": "pravnik, trener",
        "email": "nenad.zivkovic@demo.putokaz",
    },
]

# (start, end, title, method, trainer index) per day.
AGENDA: list[list[tuple[time, time, str, str, int]]] = [
    [
        (time(9, 30), time(10, 0), "Uvod, upoznavanje i očekivanja", "uvodna radionica", 0),
        (
            time(10, 0),
            time(11, 30),
            "Pravni okvir; trgovina ljudima kao organizovani kriminal",
            "predavanje i diskusija",
            2,
        ),
        (time(11, 45), time(13, 0), "Lanac trgovine ljudima", "Socijalni barometar", 1),
        (
            time(14, 0),
            time(15, 15),
            "Vrbovanje i bezbednost na internetu; internet kao alat prevencije",
            "prezentacija i rad u parovima",
            0,
        ),
        (time(15, 15), time(16, 0), "Mitovi i predrasude", "diskusija", 1),
    ],
    [
        (
            time(9, 30),
            time(11, 0),
            "Indikatori za prepoznavanje žrtava među učenicima",
            "radionica",
            0,
        ),
        (
            time(11, 15),
            time(12, 45),
            "Studija slučaja: učenica koja se vraća u školu",
            "studija slučaja u malim grupama",
            1,
        ),
        (
            time(13, 30),
            time(14, 30),
            "Nacionalni mehanizam upućivanja i nadležne institucije",
            "predavanje",
            2,
        ),
        (
            time(14, 30),
            time(15, 30),
            "Akcioni plan za moju školu",
            "rad u malim grupama",
            1,
        ),
        (time(15, 30), time(16, 0), "Evaluacija i zatvaranje", "upitnik i razgovor", 0),
    ],
]

# The 2023 editions (seed facts): slug, city, venue, days, confirmed participants, how many of
# them came on one day only, how attendance was recorded.
EDITIONS_2023: list[dict[str, Any]] = [
    {
        "slug": "trgovina-ljudima-decom-beograd-2023",
        "city": "Beograd",
        "venue": "Dom omladine Beograda, Makedonska 22",
        "days": [date(2023, 10, 11), date(2023, 10, 12)],
        "participants": 13,
        "one_day_only": 1,
        "source": AttendanceSource.ROLL_CALL,
    },
    {
        "slug": "trgovina-ljudima-decom-novi-sad-2023",
        "city": "Novi Sad",
        "venue": "Kulturni centar Novog Sada, Katolička porta 5",
        "days": [date(2023, 10, 30), date(2023, 10, 31)],
        "participants": 29,
        "one_day_only": 3,
        "source": AttendanceSource.QR,
    },
    {
        "slug": "trgovina-ljudima-decom-nis-2023",
        "city": "Niš",
        "venue": "Univerzitetska biblioteka „Nikola Tesla“, Niš",
        "days": [date(2023, 11, 21), date(2023, 11, 22)],
        "participants": 18,
        "one_day_only": 2,
        "source": AttendanceSource.SHEET,
    },
]

# The edition open for registration: a month from the day the demo is first loaded.
UPCOMING = {
    "slug": "trgovina-ljudima-decom-kragujevac",
    "city": "Kragujevac",
    "venue": "Prva kragujevačka gimnazija, Daničićeva 1",
    "capacity": 25,
    "waitlisted": 3,
}

FEMALE_NAMES = [
    "Jelena",
    "Milica",
    "Ivana",
    "Marija",
    "Snežana",
    "Dragana",
    "Jasmina",
    "Tatjana",
    "Biljana",
    "Gordana",
    "Slađana",
    "Vesna",
    "Maja",
    "Nataša",
    "Svetlana",
    "Tijana",
    "Ana",
    "Danijela",
    "Mirjana",
    "Ljiljana",
    "Sanja",
    "Jovana",
    "Aleksandra",
    "Olivera",
]
MALE_NAMES = [
    "Nikola",
    "Dejan",
    "Zoran",
    "Goran",
    "Miloš",
    "Stefan",
    "Vladimir",
    "Dušan",
    "Nebojša",
    "Aleksandar",
    "Igor",
    "Bojan",
]
SURNAMES = [
    "Jovanović",
    "Nikolić",
    "Marković",
    "Đorđević",
    "Stojanović",
    "Ilić",
    "Stanković",
    "Pavlović",
    "Milošević",
    "Todorović",
    "Kostić",
    "Lazić",
    "Mitrović",
    "Ristić",
    "Popović",
    "Savić",
    "Simić",
    "Janković",
    "Vasić",
    "Tomić",
    "Ćirić",
    "Živanović",
    "Lukić",
    "Obradović",
    "Radosavljević",
    "Mladenović",
    "Veselinović",
    "Krstić",
    "Filipović",
    "Nedeljković",
    "Šćepanović",
    "Bogdanović",
]
PROFESSIONS = {
    "f": [
        "nastavnica razredne nastave",
        "nastavnica srpskog jezika",
        "nastavnica engleskog jezika",
        "nastavnica informatike",
        "nastavnica biologije",
        "školska psihološkinja",
        "pedagoškinja",
        "direktorka škole",
        "nastavnica građanskog vaspitanja",
    ],
    "m": [
        "nastavnik fizičkog vaspitanja",
        "nastavnik istorije",
        "nastavnik informatike",
        "školski psiholog",
        "pedagog",
        "direktor škole",
        "nastavnik razredne nastave",
    ],
}


def seed(context: dict[str, Any]) -> None:
    organisation: Organisation = context["organisations"][ORGANISATION]
    notice = privacy_notice(organisation)
    institutions = seed_institutions(organisation)
    trainers = seed_trainers(organisation)
    programme = Programme.objects.filter(
        organisation=organisation, title_sr=PROGRAMME_TITLE_SR
    ).first()
    report = ["", "Trainings:"]
    if programme is None:
        context["report"] = [*context.get("report", []), *report, "  (no demo programme)"]
        return

    created = 0
    trainings = []
    for edition in EDITIONS_2023:
        training, new = held_training(organisation, programme, trainers, edition)
        if new:
            fill_held_training(training, edition, institutions, notice)
            created += 1
        trainings.append(training)
    upcoming, new = open_training(organisation, programme, trainers)
    if new:
        fill_open_training(upcoming, institutions, notice)
        created += 1

    issued = 0
    with emails_held_back():
        for training in trainings:
            issued += issue_missing_certificates(training)

    for training in trainings:
        confirmed = training.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        report.append(
            f"  {training.city} {training.starts_on:%d.%m.%Y}: {confirmed} participants, "
            f"{valid_certificates(training).count()} certificates"
            f"  /trainings/{training.pk}/"
        )
    report.append(
        f"  {upcoming.city} {upcoming.starts_on:%d.%m.%Y}: open for registration, full with a "
        f"waitlist; public page /t/{upcoming.slug}/"
    )
    report.append(f"  ({created} trainings and {issued} certificates new)")
    context["report"] = [*context.get("report", []), *report]


def privacy_notice(organisation: Organisation) -> PrivacyNotice:
    notice, _ = PrivacyNotice.objects.get_or_create(
        organisation=organisation,
        version=1,
        defaults={"text_sr": PRIVACY_NOTICE_SR, "text_en": PRIVACY_NOTICE_EN},
    )
    return notice


def seed_institutions(organisation: Organisation) -> list[Institution]:
    institutions = []
    for name, kind, municipality in INSTITUTIONS:
        institution, _ = Institution.objects.get_or_create(
            organisation=organisation,
            search_key=institution_key(name, municipality),
            defaults={"name": name, "type": kind, "municipality": municipality},
        )
        institutions.append(institution)
    return institutions


def seed_trainers(organisation: Organisation) -> list[Person]:
    people = []
    for data in TRAINERS:
        data = dict(data)
        username = data.pop("user", "")
        person, _ = Person.objects.get_or_create(
            organisation=organisation,
            first_name=data["first_name"],
            last_name=data["last_name"],
            defaults={**data, "is_trainer": True},
        )
        user = User.objects.filter(username=username).first() if username else None
        if user is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        people.append(person)
    return people


def accreditation_on(programme: Programme, first: date, last: date) -> Accreditation | None:
    """The programme's accreditation valid on every day of the training, if there is one."""
    return (
        programme.accreditations.filter(valid_from__lte=first, valid_until__gte=last)
        .order_by("-valid_from")
        .first()
    )


def held_training(
    organisation: Organisation,
    programme: Programme,
    trainers: list[Person],
    edition: dict[str, Any],
) -> tuple[Training, bool]:
    days: list[date] = edition["days"]
    training, created = Training.objects.get_or_create(
        slug=edition["slug"],
        defaults={
            "organisation": organisation,
            "programme": programme,
            "accreditation": accreditation_on(programme, days[0], days[-1]),
            "city": edition["city"],
            "venue": edition["venue"],
            "capacity": 30,
            "registration_deadline": days[0] - timedelta(days=5),
            "funding_project": FUNDING_PROJECT,
            "status": TrainingStatus.REPORTED,
            "starts_on": days[0],
            "ends_on": days[-1],
        },
    )
    if created:
        add_days_and_agenda(training, days, trainers)
    return training, created


def open_training(
    organisation: Organisation, programme: Programme, trainers: list[Person]
) -> tuple[Training, bool]:
    first = timezone.localdate() + timedelta(days=30)
    days = [first, first + timedelta(days=1)]
    training, created = Training.objects.get_or_create(
        slug=UPCOMING["slug"],
        defaults={
            "organisation": organisation,
            "programme": programme,
            "accreditation": accreditation_on(programme, days[0], days[-1]),
            "city": UPCOMING["city"],
            "venue": UPCOMING["venue"],
            "capacity": UPCOMING["capacity"],
            "registration_deadline": first - timedelta(days=7),
            "funding_project": "",
            "status": TrainingStatus.OPEN,
            "starts_on": days[0],
            "ends_on": days[-1],
        },
    )
    if created:
        add_days_and_agenda(training, days, trainers)
    return training, created


def add_days_and_agenda(training: Training, days: list[date], trainers: list[Person]) -> None:
    training.trainers.set(trainers)
    for day_date, sessions in zip(days, AGENDA, strict=False):
        day = TrainingDay.objects.create(
            training=training, date=day_date, starts_at=time(9, 30), ends_at=time(16)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                day=day,
                starts_at=start,
                ends_at=end,
                title=title,
                method=method,
                trainer=trainers[who],
            )
            for start, end, title, method, who in sessions
        )


def participants(
    training: Training, count: int, institutions: list[Institution], region: str
) -> Iterator[dict[str, Any]]:
    """`count` different people from schools of the region, the same ones on every run."""
    rng = random.Random(training.slug)
    towns = REGIONS[region]
    schools = [
        institution
        for institution in institutions
        if institution.type
        in (
            InstitutionType.PRIMARY_SCHOOL,
            InstitutionType.GYMNASIUM,
            InstitutionType.VOCATIONAL_SCHOOL,
        )
        and any(institution.municipality.startswith(town) for town in towns)
    ]
    seen: set[tuple[str, str]] = set()
    while len(seen) < count:
        gender = "f" if rng.random() < 0.78 else "m"
        first = rng.choice(FEMALE_NAMES if gender == "f" else MALE_NAMES)
        last = rng.choice(SURNAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        school = rng.choice(schools)
        cyrillic = rng.random() < 0.35
        yield {
            # People who prefer Cyrillic mostly type their name in it.
            "first_name": to_cyrillic(first) if cyrillic else first,
            "last_name": to_cyrillic(last) if cyrillic else last,
            "email": f"{ascii_slug(first)}.{ascii_slug(last)}@{email_domain(school)}",
            "phone": f"+381 6{rng.randint(0, 6)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            "profession": rng.choice(PROFESSIONS[gender]),
            "institution": school,
            "script": Script.CYRILLIC if cyrillic else Script.LATIN,
            "language": "sr" if cyrillic else "sr-latn",
        }


def ascii_slug(text: str) -> str:
    folded = text.lower().replace("đ", "dj")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "".join(char for char in ascii_text if char.isalnum())


def email_domain(institution: Institution) -> str:
    """A reserved (.example) domain per institution: demo addresses can never reach anyone."""
    words = [ascii_slug(word) for word in institution.name.split()]
    name = "-".join(word for word in words if word)[:30]
    return f"{name}-{ascii_slug(institution.municipality)[:20]}.example"


def register(
    training: Training, person: dict[str, Any], notice: PrivacyNotice, status: str, at: datetime
) -> Registration:
    registration = Registration.objects.create(
        organisation=training.organisation,
        training=training,
        status=status,
        privacy_notice=notice,
        consented_at=at,
        **person,
    )
    # When they registered, not when the demo was loaded.
    Registration.objects.filter(pk=registration.pk).update(created_at=at)
    return registration


def fill_held_training(
    training: Training,
    edition: dict[str, Any],
    institutions: list[Institution],
    notice: PrivacyNotice,
) -> None:
    count: int = edition["participants"]
    people = list(participants(training, count + 1, institutions, edition["city"]))
    first_day = datetime.combine(
        edition["days"][0], time(9), tzinfo=timezone.get_current_timezone()
    )
    registrations = [
        register(
            training,
            person,
            notice,
            RegistrationStatus.CONFIRMED,
            first_day - timedelta(days=30 - index, hours=index % 7),
        )
        for index, person in enumerate(people[:count])
    ]
    # One more person registered and cancelled a week before.
    cancelled = register(
        training, people[count], notice, RegistrationStatus.CONFIRMED, first_day - timedelta(20)
    )
    Registration.objects.filter(pk=cancelled.pk).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=first_day - timedelta(days=7)
    )

    days = list(training.days.order_by("date"))
    one_day_only = {registration.pk for registration in registrations[-edition["one_day_only"] :]}
    rows = []
    for index, registration in enumerate(registrations):
        for number, day in enumerate(days):
            # Those who came once came on the first or the second day.
            if registration.pk in one_day_only and number != index % 2:
                continue
            rows.append(Attendance(registration=registration, day=day, source=edition["source"]))
    Attendance.objects.bulk_create(rows)
    for day in days:
        Attendance.objects.filter(day=day).update(
            recorded_at=datetime.combine(
                day.date, time(9, 45), tzinfo=timezone.get_current_timezone()
            )
        )


def fill_open_training(
    training: Training, institutions: list[Institution], notice: PrivacyNotice
) -> None:
    capacity: int = UPCOMING["capacity"]
    waitlisted: int = UPCOMING["waitlisted"]
    now = timezone.now()
    people = list(participants(training, capacity + waitlisted, institutions, training.city))
    for index, person in enumerate(people):
        status = RegistrationStatus.CONFIRMED if index < capacity else RegistrationStatus.WAITLISTED
        register(training, person, notice, status, now - timedelta(days=14, hours=-6 * index))


def valid_certificates(training: Training) -> QuerySet[Certificate]:
    return Certificate.objects.filter(registration__training=training, revoked_at__isnull=True)


def issue_missing_certificates(training: Training) -> int:
    """Issue certificates (PDFs stored) to the eligible participants who have none yet."""
    from training.services.certificates import eligible_registrations, issue_certificate

    certified = set(valid_certificates(training).values_list("registration_id", flat=True))
    issued = 0
    for registration in eligible_registrations(training):
        if registration.pk not in certified:
            issue_certificate(registration)
            issued += 1
    return issued


@contextmanager
def emails_held_back() -> Iterator[None]:
    """Drop the on-commit callbacks (certificate e-mails) registered inside the block.

    seed_demo runs in one transaction, so nothing registered here has run yet; the demo's
    participants are invented and must never be written to.
    """
    with transaction.atomic():
        before = len(connection.run_on_commit)
        try:
            yield
        finally:
            del connection.run_on_commit[before:]

"""Demo catalogue: the first organisation's accrediting bodies and programmes (seed facts in
../shared/data/seed-facts.yaml), one partner programme and two enquiries. Idempotent."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from catalogue.models import (
    Accreditation,
    AccreditingBody,
    Enquiry,
    Programme,
    ProgrammeAudience,
    ProgrammeFormat,
    ProgrammeStatus,
    Sector,
)
from catalogue.services import unique_slug
from core.models import InstitutionType, Organisation

ZUOV = "Zavod za unapređivanje obrazovanja i vaspitanja"
RZSZ = "Republički zavod za socijalnu zaštitu"
ZSS = "Zdravstveni savet Srbije"
MINISTRY = "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja"
PZSZ = "Pokrajinski zavod za socijalnu zaštitu"

BODIES = {
    "demo-ngo": [
        (ZUOV, "Institute for the Advancement of Education", "https://zuov.gov.rs/"),
        (RZSZ, "Republic Institute for Social Protection", "https://www.zavodsz.gov.rs/"),
        (ZSS, "Health Council of Serbia", ""),
        (MINISTRY, "Ministry of Labour, Employment, Veteran and Social Affairs", ""),
    ],
    "partner-ngo": [(PZSZ, "Provincial Institute for Social Protection", "")],
}

# Accreditation history per programme: (decision number, valid_from as days from today,
# days of validity, CPD points, category). The decision is dated a month before validity starts.
PROGRAMMES: list[dict[str, Any]] = [
    {
        "organisation": "demo-ngo",
        "body": ZUOV,
        "title_sr": "Trgovina ljudima (decom) - prevencija i edukacija",
        "title_en": "Trafficking in Human Beings (Children) - Prevention and Education",
        "summary_sr": (
            "Program priprema nastavnike i stručne saradnike da u školi prepoznaju decu koja "
            "su u opasnosti od trgovine ljudima, da preventivno rade sa učenicima i da znaju "
            "kome i kako da upute dete za koje sumnjaju da je žrtva."
        ),
        "summary_en": (
            "Prepares teachers and school professional associates to notice pupils at risk of "
            "trafficking, to run preventive work with their classes, and to know whom to call "
            "and how to refer a child they suspect has been trafficked."
        ),
        "sectors": [Sector.EDUCATION],
        "professions_sr": "nastavnici i stručni saradnici u osnovnim i srednjim školama",
        "professions_en": "teachers and professional associates in primary and secondary schools",
        "format": ProgrammeFormat.IN_PERSON,
        "duration_days": 2,
        "duration_hours": Decimal("16"),
        "general_objectives_sr": (
            "Doprinos prevenciji nasilja, diskriminacije, zlostavljanja i zanemarivanja u školi"
        ),
        "general_objectives_en": (
            "Contribute to preventing violence, discrimination, abuse and neglect in schools"
        ),
        "specific_objectives_sr": (
            "Osposobiti zaposlene za preventivnu edukaciju učenika\n"
            "Prepoznati potencijalne žrtve među decom\n"
            "Upoznati procedure upućivanja i nadležne institucije\n"
            "Podržati dete žrtvu pri povratku u školu"
        ),
        "specific_objectives_en": (
            "Equip staff to educate pupils preventively\n"
            "Recognise potential victims among children\n"
            "Know the referral procedures and the institutions in charge\n"
            "Support a child victim who returns to school"
        ),
        "topics_sr": (
            "Pravni okvir\n"
            "Trgovina ljudima kao organizovani kriminal\n"
            "Mitovi i predrasude\n"
            "Vrbovanje i bezbednost na internetu\n"
            "Uloga škole u zaštiti i reintegraciji maloletnih žrtava\n"
            "Nacionalni mehanizam upućivanja\n"
            "Indikatori za prepoznavanje žrtava među učenicima"
        ),
        "topics_en": (
            "Legal framework\n"
            "Trafficking as organised crime\n"
            "Myths and prejudices\n"
            "Recruitment and safety on the internet\n"
            "The school's part in protecting and reintegrating minor victims\n"
            "National Referral Mechanism\n"
            "Indicators for recognising victims among pupils"
        ),
        "accreditations": [
            ("ZUOV 610-00-112/2017", -2900, 1095, Decimal("16"), ""),
            ("ZUOV 610-00-087/2020", -1800, 1095, Decimal("16"), ""),
            ("ZUOV 610-00-154/2023", -700, 1095, Decimal("16"), ""),
        ],
    },
    {
        "organisation": "demo-ngo",
        "body": RZSZ,
        "title_sr": (
            "Podrška žrtvama trgovine ljudima u sistemu socijalne zaštite - otkrivanje, "
            "procena potreba i planiranje podrške"
        ),
        "title_en": (
            "Support to Victims of Trafficking in the Social Protection System - Detection, "
            "Needs Assessment and Support Planning"
        ),
        "summary_sr": (
            "Obuka za zaposlene u ustanovama socijalne zaštite: kako da prepoznaju osobu koja je "
            "verovatno žrtva, kako da razgovaraju s njom i kako da zajedno s njom procene potrebe "
            "i naprave plan podrške."
        ),
        "summary_en": (
            "Training for staff of social protection institutions on spotting a presumed victim, "
            "talking with them, and assessing their needs and planning support together."
        ),
        "sectors": [Sector.SOCIAL_PROTECTION],
        "professions_sr": "zaposleni u ustanovama socijalne zaštite",
        "professions_en": "employees of social protection institutions",
        "format": ProgrammeFormat.IN_PERSON,
        "duration_days": 2,
        "duration_hours": Decimal("14"),
        "specific_objectives_sr": (
            "Identifikacija pretpostavljenih žrtava\n"
            "Komunikacija sa žrtvama\n"
            "Nacionalni mehanizmi borbe protiv trgovine ljudima\n"
            "Procena potreba i planiranje podrške"
        ),
        "specific_objectives_en": (
            "Identifying presumed victims\n"
            "Communicating with victims\n"
            "National counter-trafficking mechanisms\n"
            "Needs assessment and support planning"
        ),
        "accreditations": [("RZSZ 022-01-45/2022", -500, 1095, Decimal("10"), "")],
    },
    {
        "organisation": "demo-ngo",
        "body": RZSZ,
        "title_sr": "Hraniteljska porodica kao mesto oporavka i reintegracije žrtava trgovine ljudima",
        "title_en": "Foster Family as a Place of Recovery and Reintegration of Trafficked Victims",
        "summary_sr": (
            "Program za stručnjake koji rade sa hraniteljima: šta dete ili mlada osoba koja je "
            "preživela trgovinu ljudima donosi u porodicu i kako hranitelji mogu da podrže njen "
            "oporavak."
        ),
        "summary_en": (
            "For professionals who work with foster carers: what a child or young person who "
            "survived trafficking brings into a family, and how carers can support recovery."
        ),
        "sectors": [Sector.SOCIAL_PROTECTION],
        "professions_sr": (
            "stručnjaci Centra za porodični smeštaj i usvojenje i drugi koji rade sa hraniteljima"
        ),
        "professions_en": (
            "professionals of the Centre for Family Accommodation and Adoption and others in "
            "contact with foster carers"
        ),
        "format": ProgrammeFormat.IN_PERSON,
        "duration_days": 2,
        "duration_hours": Decimal("14"),
        "accreditations": [
            ("RZSZ 022-01-17/2016", -3200, 1095, Decimal("12"), ""),
            ("RZSZ 022-01-88/2019", -2000, 1095, Decimal("12"), ""),
            ("RZSZ 022-01-31/2023", -600, 1095, Decimal("12"), ""),
        ],
    },
    {
        "organisation": "demo-ngo",
        "body": MINISTRY,
        "title_sr": "Uputstvo za rad SOS linije za podršku žrtvama trgovine ljudima",
        "title_en": "Instructions for the SOS Line Support for Victims of Trafficking in Human Beings",
        "summary_sr": (
            "Put do rada na SOS liniji: uvodna obuka, tri meseca obavezne praktične obuke i "
            "staž od tri do šest meseci uz mentora, licenciranog SOS savetnika."
        ),
        "summary_en": (
            "The path to answering the SOS line: an introductory course, three months of "
            "compulsory practical training and a three-to-six-month internship with a licensed "
            "SOS consultant as mentor."
        ),
        "sectors": [Sector.CIVIL_SOCIETY, Sector.SOCIAL_PROTECTION],
        "professions_sr": (
            "diplomci i studenti završne godine psihologije, pedagogije, andragogije, socijalnog "
            "rada, specijalne edukacije i prava"
        ),
        "professions_en": (
            "graduates and final-year students of psychology, pedagogy, andragogy, social work, "
            "special education and law"
        ),
        "format": ProgrammeFormat.BLENDED,
        "duration_days": 10,
        "duration_hours": Decimal("80"),
        "topics_sr": (
            "Uvodna obuka\n"
            "Obavezna praktična obuka (3 meseca)\n"
            "Staž uz individualno mentorstvo (3-6 meseci)"
        ),
        "topics_en": (
            "Introductory instruction\n"
            "Compulsory practical training (3 months)\n"
            "Internship with individual mentoring (3-6 months)"
        ),
        "accreditations": [
            ("401-00-1234/2021-14", -1200, 1825, None, "program obuke za SOS savetnike"),
        ],
    },
    {
        "organisation": "demo-ngo",
        "body": ZSS,
        "title_sr": "Zdravstvene posledice trgovine ljudima",
        "title_en": "Health Consequences of Human Trafficking",
        "summary_sr": (
            "Jednodnevni kurs za lekare i zdravstvene saradnike o tome kako trgovina ljudima "
            "ostavlja trag na telu i psihi i kako zdravstveni radnik može da je prepozna i "
            "dokumentuje."
        ),
        "summary_en": (
            "A one-day course for doctors and health associates on the marks trafficking leaves "
            "on body and mind, and how a health worker can recognise and document them."
        ),
        "sectors": [Sector.HEALTH],
        "professions_sr": "lekari (opšte prakse i specijalisti) i zdravstveni saradnici",
        "professions_en": "doctors (general practitioners and specialists) and health associates",
        "format": ProgrammeFormat.IN_PERSON,
        "duration_days": 1,
        "duration_hours": Decimal("6"),
        "topics_sr": (
            "Pojam trgovine ljudima\n"
            "Faktori rizika\n"
            "Indikatori za identifikaciju\n"
            "Trendovi i oblici\n"
            "Trgovina ljudima kao trauma\n"
            "Dokumentovanje telesnih povreda (sudska medicina)"
        ),
        "topics_en": (
            "What trafficking is\n"
            "Risk factors\n"
            "Indicators for identification\n"
            "Trends and forms\n"
            "Trafficking as trauma\n"
            "Documenting bodily injuries (forensic medicine)"
        ),
        "accreditations": [
            ("153-02-00633/2023-01", -1000, 365, Decimal("6"), "nacionalni kurs prve kategorije"),
            ("153-02-00701/2024-01", -635, 365, Decimal("6"), "nacionalni kurs prve kategorije"),
            # Ends within the warning period, so the dashboard shows it.
            ("153-02-00845/2025-01", -269, 314, Decimal("6"), "nacionalni kurs prve kategorije"),
        ],
    },
    {
        "organisation": "partner-ngo",
        "body": PZSZ,
        "title_sr": "Prepoznavanje radne eksploatacije u lokalnoj zajednici",
        "title_en": "Recognising Labour Exploitation in the Local Community",
        "summary_sr": (
            "Radionica za socijalne radnike i policijske službenike o znacima radne eksploatacije "
            "na gradilištima, u poljoprivredi i ugostiteljstvu."
        ),
        "summary_en": (
            "A workshop for social workers and police officers on the signs of labour "
            "exploitation on building sites, in farming and in hospitality."
        ),
        "sectors": [Sector.SOCIAL_PROTECTION, Sector.POLICE],
        "professions_sr": "socijalni radnici i policijski službenici",
        "professions_en": "social workers and police officers",
        "format": ProgrammeFormat.ONLINE,
        "duration_days": 1,
        "duration_hours": Decimal("5"),
        "accreditations": [("PZSZ 55-2024", -400, 1095, Decimal("5"), "")],
    },
]

ENQUIRIES = [
    {
        "programme": "Trgovina ljudima (decom) - prevencija i edukacija",
        "institution_name": "OŠ „Vuk Karadžić“",
        "institution_type": InstitutionType.PRIMARY_SCHOOL,
        "municipality": "Niš",
        "contact_name": "Marija Stanković",
        "contact_email": "pedagog@os-vuk-nis.example",
        "contact_phone": "+381 18 000 000",
        "message": (
            "Želeli bismo obuku za 25 nastavnika tokom proleća; posle prošlogodišnje radionice "
            "đaci su tražili još razgovora o bezbednosti na internetu."
        ),
        "language": "sr-latn",
    },
    {
        "programme": "Zdravstvene posledice trgovine ljudima",
        "institution_name": "Dom zdravlja Zemun",
        "institution_type": InstitutionType.HEALTH_CENTRE,
        "municipality": "Beograd",
        "contact_name": "Dr Petar Marković",
        "contact_email": "edukacija@dz-zemun.example",
        "contact_phone": "",
        "message": "We would like the course for about 30 doctors and nurses in the autumn.",
        "language": "en",
    },
]


def seed(context: dict[str, Any]) -> None:
    organisations: dict[str, Organisation] = context["organisations"]
    today = timezone.localdate()
    bodies: dict[tuple[str, str], AccreditingBody] = {}
    for org_slug, rows in BODIES.items():
        for name_sr, name_en, website in rows:
            body, _ = AccreditingBody.objects.get_or_create(
                organisation=organisations[org_slug],
                name_sr=name_sr,
                defaults={"name_en": name_en, "website": website},
            )
            bodies[(org_slug, name_sr)] = body

    programmes: dict[str, Programme] = {}
    created_programmes = 0
    for data in PROGRAMMES:
        data = dict(data)
        org_slug, body_name = data.pop("organisation"), data.pop("body")
        sectors, history = data.pop("sectors"), data.pop("accreditations")
        organisation = organisations[org_slug]
        programme = Programme.objects.filter(
            organisation=organisation, title_sr=data["title_sr"]
        ).first()
        if programme is None:
            programme = Programme.objects.create(
                organisation=organisation,
                slug=unique_slug(data["title_sr"]),
                status=ProgrammeStatus.ACTIVE,
                **data,
            )
            created_programmes += 1
        programmes[programme.title_sr] = programme
        for sector in sectors:
            ProgrammeAudience.objects.get_or_create(programme=programme, sector=sector)
        for number, start, length, points, category in history:
            valid_from = today + timedelta(days=start)
            Accreditation.objects.get_or_create(
                body=bodies[(org_slug, body_name)],
                decision_number=number,
                defaults={
                    "organisation": organisation,
                    "programme": programme,
                    "decision_date": valid_from - timedelta(days=30),
                    "valid_from": valid_from,
                    "valid_until": valid_from + timedelta(days=length),
                    "cpd_points": points,
                    "category": category,
                },
            )

    for data in ENQUIRIES:
        data = dict(data)
        programme = programmes[data.pop("programme")]
        # Contact fields are encrypted and cannot be filtered: the institution is the natural key.
        if not Enquiry.objects.filter(
            programme=programme, institution_name=data["institution_name"]
        ).exists():
            Enquiry.objects.create(organisation=programme.organisation, programme=programme, **data)

    context["report"] = [
        *context.get("report", []),
        "",
        f"Catalogue: {len(programmes)} demo programmes ({created_programmes} new) at /programmes/.",
    ]

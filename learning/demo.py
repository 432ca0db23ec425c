"""Demo learning data for the three 2023 trainings (seeded by training/demo.py): a barometer deck
of myths and facts about trafficking with the rounds each room played, a pre/post knowledge
test showing a gain, an anonymous evaluation with quotable comments, and the schools' action
plans with follow-up workshop requests in every state.

Idempotent: banks are keyed on their text, and each training's part is written only when the
training has none yet. Written with the ORM (no e-mails, no audit entries for invented people);
numbers are drawn from a generator seeded with the training's slug, so they are the same on
every run.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from core.models import Organisation, Person, User
from core.scripts import normalise_for_search
from training.models import Attendance, Registration, RegistrationStatus, Training

ORGANISATION = "demo-ngo"
TRAININGS_2023 = (
    "trgovina-ljudima-decom-beograd-2023",
    "trgovina-ljudima-decom-novi-sad-2023",
    "trgovina-ljudima-decom-nis-2023",
)

DECK_NAME = "Mitovi i činjenice o trgovini ljudima"

# (Serbian, English, correct answer, explanation Serbian, explanation English, topics,
#  share of the room that answers correctly before the training)
STATEMENTS: list[tuple[str, str, str, str, str, tuple[str, ...], float]] = [
    (
        "Žrtve trgovine ljudima mogu biti samo žene i devojčice.",
        "Only women and girls become victims of trafficking.",
        "disagree",
        "Žrtve su i muškarci i dečaci, naročito u radnoj eksploataciji i prinudi na vršenje "
        "krivičnih dela; u Srbiji se svake godine identifikuju i dečaci.",
        "Men and boys are trafficked too, especially for labour exploitation and forced "
        "criminality; boys are identified as victims in Serbia every year.",
        ("myths",),
        0.55,
    ),
    (
        "Osoba može biti žrtva trgovine ljudima u sopstvenoj zemlji.",
        "A person can be trafficked within their own country.",
        "agree",
        "Većina žrtava identifikovanih u Srbiji poslednjih godina eksploatisana je u Srbiji; "
        "prelazak granice nije deo definicije.",
        "Most victims identified in Serbia in recent years were exploited inside Serbia; "
        "crossing a border is not part of the definition.",
        ("myths", "legal"),
        0.5,
    ),
    (
        "Trgovina ljudima uvek podrazumeva prelazak granice.",
        "Trafficking always involves crossing a border.",
        "disagree",
        "Trgovinu ljudima određuju radnja, sredstvo i cilj eksploatacije; prelazak granice nije "
        "uslov. Krijumčarenje migranata je krivično delo koje podrazumeva prelazak granice.",
        "Trafficking is defined by the act, the means and the purpose of exploitation; crossing "
        "a border is not required. Smuggling of migrants is the offence that involves a border.",
        ("myths", "legal"),
        0.4,
    ),
    (
        "Deca mogu biti vrbovana preko interneta, kroz igrice i društvene mreže.",
        "Children can be recruited online through games and social networks.",
        "agree",
        "Vrbovatelji stupaju u kontakt sa decom preko četa u onlajn igrama, društvenih mreža i "
        "aplikacija za poruke, stiču njihovo poverenje i zatim traže fotografije ili susret.",
        "Recruiters contact children through chat in online games, social networks and "
        "messaging apps, gain their trust and then ask for pictures or a meeting.",
        ("recruitment", "online", "children"),
        0.85,
    ),
    (
        "Ako je osoba na početku pristala na posao, ne može biti žrtva trgovine ljudima.",
        "If a person agreed to the work at first, they cannot be a victim of trafficking.",
        "disagree",
        "Pristanak dat pod obmanom, pretnjom ili zloupotrebom teškog položaja nema značaja; kod "
        "deteta pristanak nikada nema značaja.",
        "Consent given under deception, threat or abuse of a position of vulnerability does not "
        "count; for a child, consent never counts.",
        ("myths", "legal"),
        0.45,
    ),
    (
        "Trgovci ljudima su često osobe koje žrtva poznaje: partner, rođak ili prijatelj.",
        "Traffickers are often people the victim knows: a partner, a relative or a friend.",
        "agree",
        "Mnoge žrtve vrbuje neko njima blizak; metod „lavrboj”, u kome se vrbovatelj pretvara "
        "da je zaljubljen, čest je kod devojčica u tinejdžerskom uzrastu.",
        "Many victims are recruited by someone close to them; the “loverboy” method, in which "
        "the recruiter pretends to be in love, is common with teenage girls.",
        ("recruitment",),
        0.6,
    ),
    (
        "Žrtva koja nije zaključana i mogla bi da pobegne zapravo nije žrtva.",
        "A victim who is not locked up and could run away is not really a victim.",
        "disagree",
        "Kontrola je najčešće psihološka: dugovi, pretnje porodici, stid, oduzeta dokumenta, "
        "strah od policije. Fizičko zatvaranje je retko.",
        "Control is mostly psychological: debts, threats to the family, shame, documents taken "
        "away, fear of the police. Physical confinement is rare.",
        ("myths", "indicators"),
        0.65,
    ),
    (
        "Prinudno prosjačenje i prinuda na krađu su oblici trgovine decom.",
        "Forced begging and forced stealing are forms of trafficking in children.",
        "agree",
        "Eksploatacija uključuje i prinudu deteta na prosjačenje ili vršenje krivičnih dela; "
        "takva deca su žrtve, a ne izvršioci.",
        "Exploitation includes forcing a child to beg or to commit offences; such children are "
        "victims, not offenders.",
        ("children", "labour"),
        0.5,
    ),
    (
        "Trgovina ljudima postoji samo u siromašnim zemljama, a ne u Evropi.",
        "Trafficking happens only in poor countries, not in Europe.",
        "disagree",
        "Trgovina ljudima postoji u svakoj evropskoj zemlji; žrtve se eksploatišu i u bogatim "
        "zemljama, u poljoprivredi, građevinarstvu, čišćenju i seksualnoj industriji.",
        "Trafficking is found in every European country; people are exploited in rich "
        "countries too, in agriculture, construction, cleaning and the sex industry.",
        ("myths",),
        0.8,
    ),
    (
        "Prinudni ili rani brak deteta može biti oblik trgovine ljudima.",
        "A forced or early marriage of a child can be a form of trafficking.",
        "agree",
        "Kada se dete uda ili oženi zbog novca ili druge koristi i zatim eksploatiše, to je "
        "trgovina ljudima; Krivični zakonik prinudni brak navodi kao oblik eksploatacije.",
        "When a child is married off for money or another benefit and then exploited, it is "
        "trafficking; the Criminal Code names forced marriage as a form of exploitation.",
        ("children", "legal", "vulnerability"),
        0.45,
    ),
    (
        "Žrtve trgovine ljudima uvek zatraže pomoć kada im se ukaže prilika.",
        "Victims of trafficking always ask for help when they get the chance.",
        "disagree",
        "Mnoge žrtve ne vide sebe kao žrtve, plaše se kazne ili osvete ili zavise od trgovca; "
        "zato nastavnici treba da prepoznaju indikatore.",
        "Many victims do not see themselves as victims, fear punishment or revenge, or depend "
        "on the trafficker; that is why teachers need to recognise the indicators.",
        ("myths", "indicators"),
        0.6,
    ),
    (
        "Česti izostanci iz škole, skupi novi pokloni i stariji „dečko” mogu biti znaci "
        "upozorenja.",
        "Frequent absences from school, expensive new gifts and an older “boyfriend” can be "
        "warning signs.",
        "agree",
        "Nijedan znak sam po sebi ne dokazuje trgovinu ljudima, ali zajedno mogu ukazivati na "
        "vrbovanje; nastavnik tada postupa po protokolu škole i obaveštava stručnu službu.",
        "No sign proves trafficking on its own, but together they can point to recruitment; "
        "the teacher then follows the school's protocol and informs the support team.",
        ("indicators", "children"),
        0.75,
    ),
    (
        "Nastavnik koji sumnja da je učenik žrtva trgovine ljudima treba prvo sam da istraži "
        "pre nego što bilo kome kaže.",
        "A teacher who suspects a pupil is being trafficked should first investigate alone "
        "before telling anyone.",
        "disagree",
        "Ne istražujte sami: postupite po protokolu škole, obavestite stručnu službu i centar "
        "za socijalni rad ili policiju; moguć je i poziv SOS liniji.",
        "Do not investigate alone: follow the school's protocol, inform the support team and "
        "the centre for social work or the police; the SOS line can be called too.",
        ("indicators",),
        0.55,
    ),
    (
        "Dečaci ne mogu biti žrtve seksualne eksploatacije.",
        "Boys cannot be victims of sexual exploitation.",
        "disagree",
        "I dečaci su žrtve seksualne eksploatacije, često preko interneta; prijavljuju je još "
        "ređe od devojčica zbog stida i stereotipa.",
        "Boys are sexually exploited too, often online; they report it even less often than "
        "girls because of shame and stereotypes.",
        ("myths", "sexual", "children"),
        0.6,
    ),
    (
        "Intimna fotografija poslata nekome koga je dete upoznalo preko interneta može se "
        "iskoristiti za ucenu i eksploataciju.",
        "An intimate photo sent to someone a child met online can be used to blackmail the "
        "child into exploitation.",
        "agree",
        "Seksualna iznuda — pretnja da će fotografije biti objavljene — čest je način kontrole "
        "nad decom, kojim se ona primoravaju na nove snimke ili na susret.",
        "Sextortion — the threat to publish the pictures — is a common way to control children "
        "and force them into new recordings or a meeting.",
        ("online", "recruitment", "children"),
        0.8,
    ),
]

# Rounds played on the first morning (deck positions) and repeated at the end of the second day.
FIRST_DAY_ROUNDS = (0, 2, 4, 6, 1, 9)
REPEATED_ROUNDS = (0, 2, 4)
ROUND_NOTES = {
    0: "Dosta nastavnika je pomenulo dečake koji prose na raskrsnicama; razgovarali smo o "
    "radnoj eksploataciji dece.",
    2: "Većina je mešala trgovinu ljudima i krijumčarenje; objasnili smo razliku na primeru.",
    4: "Diskusija o pristanku tinejdžera koji „sami odu” sa dečkom; primer iz prakse SOS linije.",
}

# (kind, question Serbian, question English, [(answer Serbian, answer English, correct)],
#  share correct before, share correct after)
QUESTIONS: list[tuple[str, str, str, list[tuple[str, str, bool]], float, float]] = [
    (
        "single",
        "Šta od navedenog NIJE element definicije trgovine ljudima?",
        "Which of these is NOT an element of the definition of trafficking in human beings?",
        [
            (
                "Radnja (vrbovanje, prevoz, skrivanje)",
                "The act (recruitment, transport, harbouring)",
                False,
            ),
            ("Sredstvo (pretnja, sila, obmana)", "The means (threat, force, deception)", False),
            ("Cilj eksploatacije", "The purpose of exploitation", False),
            ("Prelazak državne granice", "Crossing a state border", True),
        ],
        0.45,
        0.8,
    ),
    (
        "true_false",
        "Kod deteta žrtve nije važno da li je dete pristalo.",
        "For a child victim it does not matter whether the child agreed.",
        [("Tačno", "True", True), ("Netačno", "False", False)],
        0.55,
        0.85,
    ),
    (
        "multiple",
        "Šta od navedenog može biti oblik eksploatacije? (izaberite sve tačne odgovore)",
        "Which of these can be forms of exploitation? (choose every right answer)",
        [
            ("Prinudni rad", "Forced labour", True),
            ("Prinudno prosjačenje", "Forced begging", True),
            ("Prinudni brak", "Forced marriage", True),
            ("Odlazak na ekskurziju sa razredom", "A school trip with the class", False),
        ],
        0.3,
        0.65,
    ),
    (
        "single",
        "Nastavnik sumnja da je učenik vrbovan. Šta prvo treba da uradi?",
        "A teacher suspects that a pupil is being recruited. What should they do first?",
        [
            (
                "Obavesti stručnu službu škole po protokolu",
                "Inform the school's support team under the protocol",
                True,
            ),
            (
                "Suoči se sa osobom za koju sumnja da vrbuje",
                "Confront the suspected recruiter",
                False,
            ),
            ("Sačeka da učenik sam zatraži pomoć", "Wait until the pupil asks for help", False),
            (
                "Razgovara sa učenikom pred odeljenjem",
                "Talk to the pupil in front of the class",
                False,
            ),
        ],
        0.6,
        0.9,
    ),
    (
        "true_false",
        "Trgovina ljudima i krijumčarenje migranata su isto krivično delo.",
        "Trafficking in human beings and smuggling of migrants are the same offence.",
        [("Tačno", "True", False), ("Netačno", "False", True)],
        0.4,
        0.78,
    ),
    (
        "single",
        "Šta je metod „lavrboj”?",
        "What is the “loverboy” method?",
        [
            (
                "Vrbovatelj se pretvara da je zaljubljen u žrtvu",
                "The recruiter pretends to be in love with the victim",
                True,
            ),
            ("Aplikacija za upoznavanje", "A dating app", False),
            ("Program zaštite žrtava", "A victim protection programme", False),
            ("Vrsta ugovora o radu u inostranstvu", "A kind of work contract abroad", False),
        ],
        0.5,
        0.85,
    ),
    (
        "multiple",
        "Koji znaci mogu ukazivati da je dete u riziku? (izaberite sve tačne odgovore)",
        "Which signs can indicate that a child is at risk? (choose every right answer)",
        [
            ("Česti neopravdani izostanci", "Frequent unexplained absences", True),
            ("Skupi pokloni nepoznatog porekla", "Expensive gifts from an unknown source", True),
            (
                "Stariji partner koji kontroliše dete",
                "An older partner who controls the child",
                True,
            ),
            ("Dobre ocene iz matematike", "Good marks in mathematics", False),
        ],
        0.4,
        0.7,
    ),
    (
        "true_false",
        "U Srbiji je trgovina ljudima krivično delo propisano Krivičnim zakonikom.",
        "In Serbia trafficking in human beings is an offence under the Criminal Code.",
        [("Tačno", "True", True), ("Netačno", "False", False)],
        0.85,
        0.93,
    ),
]
PASS_MARK = 60

QUESTIONNAIRE_TITLE = ("Evaluacija obuke", "Training evaluation")
# (kind, Serbian, English, per trainer, required)
EVALUATION_ITEMS: list[tuple[str, str, str, bool, bool]] = [
    (
        "likert",
        "Ciljevi obuke su ostvareni.",
        "The objectives of the training were achieved.",
        False,
        True,
    ),
    (
        "likert",
        "Trener/ica je odlično poznavao/la temu.",
        "The trainer knew the subject very well.",
        True,
        True,
    ),
    (
        "likert",
        "Trener/ica je podsticao/la učesnike da aktivno učestvuju.",
        "The trainer encouraged participants to take an active part.",
        True,
        True,
    ),
    (
        "likert",
        "Ono što sam naučio/la biće mi korisno u radu sa učenicima.",
        "What I learned will be useful in my work with pupils.",
        False,
        True,
    ),
    (
        "likert",
        "Materijali su bili jasni i korisni.",
        "The materials were clear and useful.",
        False,
        True,
    ),
    ("text", "Šta vam je bilo najkorisnije?", "What was most useful to you?", False, False),
    ("text", "Šta biste promenili ili dodali?", "What would you change or add?", False, False),
]
MOST_USEFUL = [
    "Socijalni barometar: kada smo stajali na suprotnim stranama sale, shvatila sam koliko "
    "mitova i sama verujem.",
    "Konkretni primeri vrbovanja preko društvenih mreža i igrica; to ću odmah preneti "
    "kolegama i roditeljima.",
    "Protokol postupanja u školi — konačno mi je jasno koga zovem i kojim redom.",
    "Rad u malim grupama na akcionom planu za našu školu.",
    "Razgovor sa koleginicom iz centra za socijalni rad o stvarnim slučajevima.",
    "Objašnjenje razlike između trgovine ljudima i krijumčarenja.",
    "Priče iz prakse SOS linije, vrlo potresno i korisno.",
]
TO_CHANGE = [
    "Više vremena za akcioni plan, drugi dan je bio pretrpan.",
    "Voleo bih materijale prilagođene mlađim razredima.",
    "Obuka bi mogla da traje tri dana.",
    "Pauze su bile prekratke.",
    "Bilo bi dobro da prezentacije dobijemo unapred.",
]
# How many comments per training the coordinator chose for reports.
SHAREABLE_PER_TRAINING = 3

# (what, for whom, who leads, month offset after the training or None, when as typed)
ACTIVITIES: list[tuple[str, str, str, int | None, str]] = [
    (
        "Predstavljanje obuke na sednici nastavničkog veća",
        "nastavničko veće",
        "pedagoškinja",
        1,
        "",
    ),
    (
        "Radionica o bezbednom korišćenju interneta",
        "učenici 7. razreda",
        "nastavnica informatike",
        3,
        "",
    ),
    (
        "Roditeljski sastanak o znacima vrbovanja",
        "roditelji učenika 8. razreda",
        "razredne starešine",
        4,
        "",
    ),
    (
        "Obeležavanje Evropskog dana borbe protiv trgovine ljudima",
        "svi učenici",
        "učenički parlament",
        None,
        "18. oktobar 2024.",
    ),
    ("Obuka vršnjačkih edukatora", "učenici 1. i 2. razreda", "školski psiholog", 5, ""),
    (
        "Izložba plakata učenika „Mitovi i činjenice”",
        "učenici i roditelji",
        "nastavnica likovne kulture",
        None,
        "kraj školske godine",
    ),
]
REQUEST_TOPICS = [
    (
        "Bezbednost dece na internetu i vrbovanje preko društvenih mreža",
        "učenici 7. i 8. razreda",
        60,
    ),
    ("Prepoznavanje znakova trgovine ljudima", "nastavnici i stručni saradnici", 35),
    ("Radionica za roditelje o rizicima vrbovanja", "roditelji", 40),
    ("Vršnjačka edukacija o trgovini ljudima", "učenici srednje škole", 25),
]
# Follow-up states the demo's requests go through, in turn, across the three trainings.
REQUEST_STATES = ("done", "planned", "requested", "postponed", "done", "declined", "requested")


def seed(context: dict[str, Any]) -> None:
    organisation: Organisation | None = context.get("organisations", {}).get(ORGANISATION)
    report = ["", "Learning in the room:"]
    trainings = list(
        Training.objects.filter(organisation=organisation, slug__in=TRAININGS_2023)
        .select_related("programme")
        .order_by("starts_on")
    )
    if organisation is None or not trainings:
        context["report"] = [*context.get("report", []), *report, "  (no 2023 demo trainings)"]
        return
    parts: list[tuple[str, Callable[[Training], str]]] = []
    deck = seed_barometer_bank(organisation)
    parts.append(("barometer", lambda training: seed_barometer(training, deck)))
    questions = seed_question_bank(organisation)
    parts.append(("test", lambda training: seed_knowledge_test(training, questions)))
    questionnaire = seed_questionnaire(organisation, trainings[0].programme)
    parts.append(("evaluation", lambda training: seed_evaluation(training, questionnaire)))
    parts.append(("plans", seed_action_plans))

    state = iter(REQUEST_STATES * 3)
    for training in trainings:
        summary = [seed_part(training) for _name, seed_part in parts]
        seed_workshop_requests(training, state)
        report.append(
            f"  {training.city}: {'; '.join(summary)}  /trainings/{training.pk}/learning/"
        )
    context["report"] = [*context.get("report", []), *report]


# --- Helpers ------------------------------------------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _days(training: Training) -> list[date]:
    return [day.date for day in training.days.order_by("date")]


def _present(training: Training) -> dict[date, list[Registration]]:
    """The confirmed participants present on each day, in registration order."""
    rows = (
        Attendance.objects.filter(
            day__training=training, registration__status=RegistrationStatus.CONFIRMED
        )
        .select_related("registration", "day")
        .order_by("registration__created_at", "registration__pk")
    )
    present: dict[date, list[Registration]] = {day: [] for day in _days(training)}
    for row in rows:
        present[row.day.date].append(row.registration)
    return present


def _rng(training: Training, part: str) -> random.Random:
    return random.Random(f"{training.slug}:{part}")


# --- Social Barometer ---------------------------------------------------------------------------


def seed_barometer_bank(organisation: Organisation) -> Any:
    """The fifteen statements and the deck that holds them in order."""
    from learning.models.barometer import Deck, DeckStatement, Statement, StatementTopic

    deck, _created = Deck.objects.get_or_create(organisation=organisation, name=DECK_NAME)
    for position, (text_sr, text_en, answer, why_sr, why_en, topics, _share) in enumerate(
        STATEMENTS, start=1
    ):
        statement, created = Statement.objects.get_or_create(
            organisation=organisation,
            text_sr=text_sr,
            defaults={
                "text_en": text_en,
                "correct_answer": answer,
                "explanation_sr": why_sr,
                "explanation_en": why_en,
                "search_key": normalise_for_search(f"{text_sr}\n{text_en}"),
            },
        )
        if created:
            StatementTopic.objects.bulk_create(
                StatementTopic(statement=statement, topic=topic) for topic in topics
            )
        DeckStatement.objects.get_or_create(
            deck=deck, statement=statement, defaults={"position": position}
        )
    return deck


def _room_counts(rng: random.Random, people: int, correct_share: float, answer: str) -> dict:
    """Where `people` stood: about `correct_share` on the right side, a few in the middle."""
    right = round(people * min(max(correct_share + rng.uniform(-0.08, 0.08), 0), 1))
    unsure = min(people - right, rng.randint(0, max(1, people // 6)))
    wrong = people - right - unsure
    agree, disagree = (right, wrong) if answer == "agree" else (wrong, right)
    return {"room_agree": agree, "room_unsure": unsure, "room_disagree": disagree}


def seed_barometer(training: Training, deck: Any) -> str:
    """One session: six statements stood out in the room on the first morning (room mode), three
    of them repeated on phones at the end of the second day, showing the shift."""
    from core.codes import READABLE_ALPHABET
    from learning.models.barometer import (
        BarometerRound,
        BarometerSession,
        BarometerVote,
        ResultsVisibility,
        RoundState,
    )
    from learning.services.barometer import CODE_LENGTH

    session = training.barometer_sessions.first()
    if session is None:
        rng = _rng(training, "barometer")
        days = _days(training)
        present = _present(training)
        statements = [entry.statement for entry in deck.entries.select_related("statement")]
        session = BarometerSession.objects.create(
            organisation=training.organisation,
            training=training,
            deck=deck,
            code="".join(rng.choice(READABLE_ALPHABET) for _ in range(CODE_LENGTH)),
            started_by=User.objects.filter(username="trainer").first(),
        )
        BarometerSession.objects.filter(pk=session.pk).update(
            started_at=_at(days[0], 10), ended_at=_at(days[-1], 15, 30)
        )
        position = 0
        for index in FIRST_DAY_ROUNDS:
            position += 1
            share = STATEMENTS[index][6]
            opened = _at(days[0], 10, 5 * position)
            round_ = BarometerRound.objects.create(
                session=session,
                statement=statements[index],
                position=position,
                state=RoundState.REVEALED,
                visibility=ResultsVisibility.AFTER_CLOSE,
                room_mode=True,
                notes=ROUND_NOTES.get(index, ""),
                closed_at=opened + timedelta(minutes=2),
                revealed_at=opened + timedelta(minutes=3),
                **_room_counts(rng, len(present[days[0]]), share, STATEMENTS[index][2]),
            )
            BarometerRound.objects.filter(pk=round_.pk).update(opened_at=opened)
        voters = present[days[-1]]
        for index in REPEATED_ROUNDS:
            position += 1
            answer = STATEMENTS[index][2]
            opened = _at(days[-1], 15, 3 * (position - len(FIRST_DAY_ROUNDS)))
            round_ = BarometerRound.objects.create(
                session=session,
                statement=statements[index],
                position=position,
                state=RoundState.REVEALED,
                visibility=ResultsVisibility.ALWAYS,
                closed_at=opened + timedelta(minutes=2),
                revealed_at=opened + timedelta(minutes=2),
            )
            BarometerRound.objects.filter(pk=round_.pk).update(opened_at=opened)
            wrong = "disagree" if answer == "agree" else "agree"
            # Most phones in the room vote; by now nearly all of them the right way.
            votes = []
            for number, _registration in enumerate(voters):
                if rng.random() < 0.1:
                    continue
                draw = rng.random()
                choice = answer if draw < 0.88 else ("unsure" if draw < 0.95 else wrong)
                votes.append(
                    BarometerVote(round=round_, device=f"demo-{session.pk}-{number}", answer=choice)
                )
            BarometerVote.objects.bulk_create(votes)
    rounds = session.rounds.count()
    return f"barometer {rounds} rounds"


# --- Knowledge test -----------------------------------------------------------------------------


def seed_question_bank(organisation: Organisation) -> list[Any]:
    """The eight questions of the demo test with their answers."""
    from learning.models.knowledge import Choice, Question

    questions = []
    for kind, text_sr, text_en, choices, _pre, _post in QUESTIONS:
        question, created = Question.objects.get_or_create(
            organisation=organisation,
            text_sr=text_sr,
            defaults={"kind": kind, "text_en": text_en},
        )
        if created:
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    text_sr=answer_sr,
                    text_en=answer_en,
                    is_correct=correct,
                    position=position,
                )
                for position, (answer_sr, answer_en, correct) in enumerate(choices)
            )
        questions.append(question)
    return questions


def _answer(rng: random.Random, choices: list[Any], kind: str, right: bool) -> list[int]:
    """The ids a participant ticked: the right set, or a plausible wrong one."""
    correct = [choice.pk for choice in choices if choice.is_correct]
    if right:
        return correct
    wrong = [choice.pk for choice in choices if not choice.is_correct]
    if kind == "multiple" and len(correct) > 1:
        # The usual mistake: some right answers ticked, not all.
        return sorted(rng.sample(correct, len(correct) - 1))
    return [rng.choice(wrong)]


def seed_knowledge_test(training: Training, questions: list[Any]) -> str:
    """The training's test, taken by those present at the start (pre) and at the end (post)."""
    from learning.models.knowledge import Attempt, AttemptAnswer, KnowledgeTest, Phase, TestQuestion

    test, created = KnowledgeTest.objects.get_or_create(
        training=training,
        defaults={"organisation": training.organisation, "pass_mark": PASS_MARK},
    )
    if created:
        TestQuestion.objects.bulk_create(
            TestQuestion(test=test, question=question, position=position)
            for position, question in enumerate(questions)
        )
        rng = _rng(training, "test")
        days = _days(training)
        present = _present(training)
        choices = {q.pk: list(q.choices.order_by("position")) for q in questions}
        for phase, day, hour in ((Phase.PRE, days[0], 9), (Phase.POST, days[-1], 15)):
            for registration in present[day]:
                # Each person's own level shifts all their chances a little.
                ability = rng.uniform(-0.15, 0.15)
                answered = []
                for question, spec in zip(questions, QUESTIONS, strict=True):
                    share = spec[4] if phase == Phase.PRE else spec[5]
                    right = rng.random() < share + ability
                    chosen = _answer(rng, choices[question.pk], question.kind, right)
                    answered.append((question, chosen, right))
                score = sum(1 for _q, _c, right in answered if right)
                attempt = Attempt.objects.create(
                    test=test,
                    phase=phase,
                    registration=registration,
                    score=score,
                    max_score=len(questions),
                )
                Attempt.objects.filter(pk=attempt.pk).update(
                    submitted_at=_at(day, hour, rng.randint(35, 55))
                )
                AttemptAnswer.objects.bulk_create(
                    AttemptAnswer(attempt=attempt, question=question, chosen=chosen, correct=right)
                    for question, chosen, right in answered
                )
                if phase == Phase.POST:
                    Registration.objects.filter(pk=registration.pk).update(
                        post_test_passed=score * 100 >= PASS_MARK * len(questions)
                    )
    pre = test.attempts.filter(phase=Phase.PRE).count()
    post = test.attempts.filter(phase=Phase.POST).count()
    return f"test {pre} pre / {post} post"


# --- Evaluation ---------------------------------------------------------------------------------


def seed_questionnaire(organisation: Organisation, programme: Any) -> Any:
    """The programme's evaluation questionnaire."""
    from learning.models.evaluations import Questionnaire, QuestionnaireItem

    questionnaire, created = Questionnaire.objects.get_or_create(
        programme=programme,
        defaults={
            "organisation": organisation,
            "title_sr": QUESTIONNAIRE_TITLE[0],
            "title_en": QUESTIONNAIRE_TITLE[1],
        },
    )
    if created:
        QuestionnaireItem.objects.bulk_create(
            QuestionnaireItem(
                questionnaire=questionnaire,
                position=position,
                kind=kind,
                text_sr=text_sr,
                text_en=text_en,
                per_trainer=per_trainer,
                required=required,
            )
            for position, (kind, text_sr, text_en, per_trainer, required) in enumerate(
                EVALUATION_ITEMS, start=1
            )
        )
    return questionnaire


def _rating(rng: random.Random) -> int:
    return rng.choices([5, 4, 3, 2], weights=[58, 33, 8, 1])[0]


def seed_evaluation(training: Training, questionnaire: Any) -> str:
    """Anonymous answers from most of those present on the last day; three comments shareable."""
    from learning.models.evaluations import Evaluation, EvaluationAnswer, EvaluationResponse

    days = _days(training)
    evaluation, created = Evaluation.objects.get_or_create(
        training=training,
        defaults={
            "questionnaire": questionnaire,
            "is_open": False,
            "opened_at": _at(days[-1], 15, 30),
            "closed_at": _at(days[-1], 16, 30),
        },
    )
    if created:
        rng = _rng(training, "evaluation")
        items = list(questionnaire.items.all())
        trainers: list[Person | None] = list(training.trainers.all())
        respondents = round(len(_present(training)[days[-1]]) * rng.uniform(0.8, 0.95))
        useful = rng.sample(MOST_USEFUL, len(MOST_USEFUL))
        change = rng.sample(TO_CHANGE, len(TO_CHANGE))
        shared = 0
        for number in range(respondents):
            response = EvaluationResponse.objects.create(
                evaluation=evaluation, submitted_on=days[-1]
            )
            answers = []
            for item in items:
                if item.kind == "likert":
                    for trainer in trainers if item.per_trainer else [None]:
                        answers.append(
                            EvaluationAnswer(
                                response=response, item=item, trainer=trainer, rating=_rating(rng)
                            )
                        )
                    continue
                # About one in three people says what was most useful, fewer what to change.
                asks_useful = item.text_sr == EVALUATION_ITEMS[5][1]
                pool = useful if asks_useful else change
                if number % (3 if asks_useful else 4) == 1 and pool:
                    text = pool.pop()
                    share = asks_useful and shared < SHAREABLE_PER_TRAINING
                    shared += int(share)
                    answers.append(
                        EvaluationAnswer(response=response, item=item, text=text, shareable=share)
                    )
            EvaluationAnswer.objects.bulk_create(answers)
    responses = evaluation.responses.count()
    return f"evaluation {responses} responses"


# --- Action plans -------------------------------------------------------------------------------


def seed_action_plans(training: Training) -> str:
    """Two or three groups of schools, each with a plan of activities."""
    from learning.models.plans import PlanActivity, PlanCollection, PlanGroup

    PlanCollection.objects.get_or_create(training=training, defaults={"is_open": False})
    if not training.plan_groups.exists():
        rng = _rng(training, "plans")
        last_day = _days(training)[-1]
        schools = []
        for registration in _present(training)[last_day]:
            if registration.institution and registration.institution not in schools:
                schools.append(registration.institution)
        group_count = 3 if len(schools) >= 6 else 2
        for number in range(group_count):
            members = schools[number::group_count][:2]
            if not members:
                continue
            group = PlanGroup.objects.create(
                organisation=training.organisation,
                training=training,
                name=f"Grupa {number + 1}",
                plan_saved_at=_at(last_day, 14, 40 + number),
            )
            group.institutions.set(members)
            for position, (what, audience, lead, months, when_text) in enumerate(
                rng.sample(ACTIVITIES, 3)
            ):
                when_month = None
                if months is not None:
                    month = last_day.month - 1 + months
                    when_month = date(last_day.year + month // 12, month % 12 + 1, 1)
                PlanActivity.objects.create(
                    group=group,
                    position=position,
                    what=what,
                    audience=audience,
                    lead=lead,
                    when_month=when_month,
                    when_text=when_text,
                )
    return f"plans of {training.plan_groups.count()} groups"


def seed_workshop_requests(training: Training, states: Any) -> None:
    """Each group asks for a follow-up workshop in its first school; the coordinator has acted on
    most of them (done with a date, planned, postponed, declined) and some still wait."""
    from learning.models.plans import WorkshopRequest

    groups = list(training.plan_groups.prefetch_related("institutions"))
    if not groups or WorkshopRequest.objects.filter(group__training=training).exists():
        return
    rng = _rng(training, "requests")
    last_day = _days(training)[-1]
    for group in groups:
        institution = group.institutions.all()[0]
        topic, audience, expected = rng.choice(REQUEST_TOPICS)
        status = next(states)
        request = WorkshopRequest.objects.create(
            organisation=training.organisation,
            group=group,
            institution=institution,
            topic=topic,
            audience=audience,
            preferred_period=rng.choice(["februar 2024.", "mart 2024.", "april 2024."]),
            expected_participants=expected,
            status=status,
            held_on=last_day + timedelta(days=rng.randint(90, 150)) if status == "done" else None,
            notes={
                "postponed": "Škola je tražila pomeranje zbog pismenih zadataka.",
                "declined": "Škola je u međuvremenu organizovala radionicu sa drugom organizacijom.",
                "planned": "Dogovoren termin sa pedagoškinjom.",
            }.get(status, ""),
        )
        WorkshopRequest.objects.filter(pk=request.pk).update(created_at=_at(last_day, 14, 50))

"""The duplicate check before a case is opened: persons of the organisation with the same or a
similar name, found through the blind indexes (NameKey) alone — nothing is decrypted.

A query token matches a person exactly (its exact digest, hence its sound digest too, is among
the person's keys) or only by sound. A person is a candidate when every token of the given and
family names typed matches at least by sound, and a single typed token matches exactly (one
surname by sound alone is too common to be a warning). Aliases typed count for the ranking.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from cases.codes import Country, Gender
from cases.models import Case, NameKey, Person
from cases.names import name_digests
from core.models import Organisation

YEAR_TOLERANCE = 2
SAME_NAME = "same"
SIMILAR_NAME = "similar"


@dataclass
class Candidate:
    person_id: int
    gender: str
    year_of_birth: int | None
    citizenship: str
    strength: str  # SAME_NAME when every token typed matched exactly, else SIMILAR_NAME
    cases: list[tuple[int, str]] = field(default_factory=list)  # (case pk, case code)

    @property
    def same_name(self) -> bool:
        return self.strength == SAME_NAME

    @property
    def gender_label(self) -> str:
        return str(dict(Gender.choices).get(self.gender, self.gender))

    @property
    def citizenship_label(self) -> str:
        return str(dict(Country.choices).get(self.citizenship, self.citizenship))


def find_duplicates(
    organisation: Organisation,
    names: list[str],
    year_of_birth: int | None,
    limit: int = 20,
    *,
    aliases: list[str] | None = None,
) -> list[Candidate]:
    """Persons of the organisation whose names match `names` (given and family name), best first,
    born within two years of `year_of_birth` (or of unknown year). Three queries."""
    required = name_digests(names)
    extra = {t: d for t, d in name_digests(aliases or []).items() if t not in required}
    if not required:
        required, extra = extra, {}
    if not required:
        return []
    required_sound = {pair[1] for pair in required.values()}
    required_exact = {pair[0] for pair in required.values()}
    every = {digest for pair in (required | extra).values() for digest in pair}

    keys = NameKey.objects.filter(organisation=organisation, digest__in=every)
    if year_of_birth is not None:
        keys = keys.filter(
            Q(year_of_birth__isnull=True)
            | Q(
                year_of_birth__gte=year_of_birth - YEAR_TOLERANCE,
                year_of_birth__lte=year_of_birth + YEAR_TOLERANCE,
            )
        )
    # Answered from the index (organisation, digest, year_of_birth, person) alone.
    rows = (
        keys.values("person_id")
        .annotate(
            score=Count("digest", distinct=True),
            sounds=Count("digest", distinct=True, filter=Q(digest__in=required_sound)),
            exacts=Count("digest", distinct=True, filter=Q(digest__in=required_exact)),
        )
        .filter(sounds__gte=len(required_sound))
        .order_by("-score", "-exacts", "person_id")
    )
    if len(required) == 1:
        rows = rows.filter(exacts__gte=1)
    best = list(rows[:limit])
    persons = Person.objects.only("gender", "year_of_birth", "citizenship").in_bulk(
        [row["person_id"] for row in best]
    )
    candidates = {
        row["person_id"]: Candidate(
            person_id=row["person_id"],
            gender=persons[row["person_id"]].gender,
            year_of_birth=persons[row["person_id"]].year_of_birth,
            citizenship=persons[row["person_id"]].citizenship,
            strength=SAME_NAME if row["exacts"] >= len(required_exact) else SIMILAR_NAME,
        )
        for row in best
    }
    if candidates:
        codes = (
            Case.objects.filter(organisation=organisation, person_id__in=candidates)
            .order_by("opened_on", "pk")
            .values_list("person_id", "pk", "code")
        )
        for person_id, pk, code in codes:
            candidates[person_id].cases.append((pk, code))
    return list(candidates.values())

"""Writes of an assisted person's identity: the encrypted names and their blind indexes.

Every write of a name goes through `set_identity`, so the duplicate keys (NameKey) always match
the names: they are replaced, never patched.
"""

from datetime import date

from django.db import transaction

from cases.models import Case, NameKey, Person
from cases.names import name_digests
from cases.services import audit
from core.models import AuditAction, User

ADULT_AGE = 18


def alias_lines(aliases: str) -> list[str]:
    """The other names of a person, one a line, blank lines dropped."""
    return [line.strip() for line in aliases.splitlines() if line.strip()]


def set_identity(
    person: Person,
    *,
    given_name: str,
    family_name: str,
    aliases: str = "",
    date_of_birth: date | None = None,
    contact_details: str | None = None,
    identity_documents: str | None = None,
) -> Person:
    """Write the encrypted identity (saving the person) and replace its duplicate keys with the
    exact and sound digests of every name token (carrying the person's year of birth, so set
    that first). Call inside the caller's transaction."""
    person.given_name = given_name.strip()
    person.family_name = family_name.strip()
    person.aliases = "\n".join(alias_lines(aliases))
    person.date_of_birth = date_of_birth.isoformat() if date_of_birth else ""
    if contact_details is not None:
        person.contact_details = contact_details
    if identity_documents is not None:
        person.identity_documents = identity_documents
    with transaction.atomic():
        person.save()
        NameKey.objects.filter(person=person).delete()
        digests = name_digests([person.given_name, person.family_name, *alias_lines(aliases)])
        NameKey.objects.bulk_create(
            NameKey(
                organisation_id=person.organisation_id,
                person=person,
                digest=digest,
                year_of_birth=person.year_of_birth,
            )
            for pair in digests.values()
            for digest in dict.fromkeys(pair)
        )
    return person


def update_person(
    case: Case,
    actor: User,
    *,
    given_name: str,
    family_name: str,
    aliases: str,
    date_of_birth: date | None,
    contact_details: str,
    identity_documents: str,
    gender: str,
    year_of_birth: int | None,
    citizenship: str,
    languages: list[str],
    ip: str | None = None,
) -> Person:
    """Correct the identity and facts of the person of a case (duplicate keys recomputed)."""
    person = case.person
    with transaction.atomic():
        person.gender = gender
        person.year_of_birth = year_of_birth
        person.citizenship = citizenship
        person.languages = list(languages)
        set_identity(
            person,
            given_name=given_name,
            family_name=family_name,
            aliases=aliases,
            date_of_birth=date_of_birth,
            contact_details=contact_details,
            identity_documents=identity_documents,
        )
        if year_of_birth is not None:
            # The age at identification follows a corrected year of birth.
            case.age_at_identification = case.opened_on.year - year_of_birth
            case.is_minor = case.age_at_identification < ADULT_AGE
            case.save(update_fields=["age_at_identification", "is_minor"])
        audit(AuditAction.UPDATE, case, actor, f"person #{person.pk} identity and facts", ip)
    return person

"""The people and institutions directory of an organisation: its reads (found in either script)
and its writes (each one transaction with its audit entry)."""

from django.db import transaction
from django.db.models import QuerySet

from core.models import AuditAction, Institution, Organisation, Person, User
from core.queries import matching_words
from core.services import record_audit


def people_for(
    organisation: Organisation, *, search: str = "", trainers_only: bool = False
) -> QuerySet[Person]:
    """The organisation's people by surname, with their institution."""
    people = Person.objects.filter(organisation=organisation).select_related("institution")
    if trainers_only:
        people = people.filter(is_trainer=True)
    return matching_words(people, search).order_by("last_name", "first_name", "pk")


def institutions_for(
    organisation: Organisation, *, search: str = "", type: str = ""
) -> QuerySet[Institution]:
    """The organisation's institutions by name, optionally of one type."""
    institutions = Institution.objects.filter(organisation=organisation)
    if type:
        institutions = institutions.filter(type=type)
    return matching_words(institutions, search).order_by("name", "municipality", "pk")


def save_person(
    person: Person,
    *,
    organisation: Organisation,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Person:
    """Add or change a person of the directory (a trainer when `is_trainer` is set)."""
    creating = person.pk is None
    with transaction.atomic():
        person.organisation = organisation
        person.save()
        record_audit(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            organisation=organisation,
            obj=person,
            summary=f"person {'added' if creating else 'changed'}"
            + (", trainer" if person.is_trainer else ""),
            ip_address=ip_address,
        )
    return person


def save_institution(
    institution: Institution,
    *,
    organisation: Organisation,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Institution:
    """Add or correct an institution (name, type, municipality) of the directory."""
    creating = institution.pk is None
    with transaction.atomic():
        institution.organisation = organisation
        institution.save()
        record_audit(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            organisation=organisation,
            obj=institution,
            summary=f"institution {'added' if creating else 'changed'}, type {institution.type}",
            ip_address=ip_address,
        )
    return institution

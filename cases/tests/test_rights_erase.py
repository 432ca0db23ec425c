"""Erasure by anonymisation: the case team types the case code, and once every case of the person
is closed their identity, name keys, notes, documents and texts go while the statistics stay."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.urls import reverse

from cases.codes import CaseStatus
from cases.models import (
    Case,
    CaseDocument,
    CaseNote,
    Exploitation,
    NameKey,
    Person,
    PlanGoal,
    Service,
)
from cases.services import CaseRefused
from cases.services.persons import set_identity
from cases.services.rights import anonymise_person
from cases.tests.factories import CaseFactory
from cases.tests.test_rights_export import close, fill_case
from core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

PERSON_COLUMNS = (
    "given_name",
    "family_name",
    "aliases",
    "date_of_birth",
    "contact_details",
    "identity_documents",
)
# Encrypted free texts by table: each must be empty after erasure ("—" where required).
TEXT_COLUMNS = {
    "cases_case": ["closure_note"],
    "cases_identificationdecision": ["note"],
    "cases_need": ["note"],
    "cases_supportplan": ["person_view"],
    "cases_plangoal": ["activities"],
    "cases_service": ["note"],
    "cases_referral": ["reason", "shared_summary", "feedback"],
    "cases_courtproceeding": ["case_number", "note"],
    "cases_hearing": ["note"],
}


@pytest.fixture
def closed_case(case, case_manager):  # type: ignore[no-untyped-def]
    set_identity(
        case.person,
        given_name="Ђорђе",
        family_name="Đorđević",
        aliases="Djordje",
        date_of_birth=date(2009, 4, 17),
        contact_details="+381 64 123 4567",
        identity_documents="ID 009911223",
    )
    fill_case(case, case_manager)
    return close(case)


def _statistics() -> dict[str, object]:
    return {
        "gender": list(Person.objects.values("gender").annotate(n=Count("pk")).order_by("gender")),
        "forms": list(Exploitation.objects.values("form").annotate(n=Count("pk")).order_by("form")),
        "services": list(
            Service.objects.values("kind").annotate(n=Count("pk"), s=Sum("count")).order_by()
        ),
        "minors": Case.objects.filter(is_minor=True).count(),
        "ages": list(Case.objects.values_list("age_at_identification", flat=True)),
        "citizenship": list(Person.objects.values_list("citizenship", flat=True)),
    }


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (names are constants)
        return [row[0] for row in cursor.fetchall()]


def _erase(client, case, code=None):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("cases:rights_erase", args=[case.pk]), {"code": case.code if code is None else code}
    )


def test_typing_the_code_erases_the_person_and_keeps_the_statistics(
    closed_case, case_manager_client
):
    before = _statistics()

    response = _erase(case_manager_client, closed_case)

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[closed_case.pk])
    assert _statistics() == before
    person = Person.objects.get()
    assert person.anonymised_at is not None
    assert person.year_of_birth is None
    for column in PERSON_COLUMNS:
        assert _raw("cases_person", column) == [""], column
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            assert set(_raw(table, column)) <= {"", None}, f"{table}.{column}"
    assert PlanGoal.objects.get().goal == "—"
    assert not NameKey.objects.exists()
    assert not CaseNote.objects.exists()
    assert not CaseDocument.objects.exists()
    case = Case.objects.get()
    assert (case.code, case.is_minor, case.age_at_identification) == (closed_case.code, True, 16)


def test_the_erasure_is_audited_with_codes_only(closed_case, case_manager, case_manager_client):
    _erase(case_manager_client, closed_case)

    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert entry.object_id == str(closed_case.pk)
    assert entry.actor_id == case_manager.pk
    assert entry.summary == f"{closed_case.code}: person #{closed_case.person_id} anonymised"


def test_a_wrong_code_is_refused_and_nothing_is_erased(closed_case, case_manager_client):
    response = _erase(case_manager_client, closed_case, code="A-2026-999")

    assert response.status_code == 400
    assert "This is not the code of this case" in response.content.decode()
    person = Person.objects.get()
    assert (person.given_name, person.anonymised_at) == ("Ђорђе", None)
    assert CaseNote.objects.exists()


def test_an_empty_confirmation_is_refused(closed_case, case_manager_client):
    response = case_manager_client.post(reverse("cases:rights_erase", args=[closed_case.pk]), {})

    assert response.status_code == 400
    assert "Type the case code to confirm the erasure." in response.content.decode()
    assert Person.objects.get().anonymised_at is None


def test_an_open_case_cannot_be_erased(case, case_manager, case_manager_client):
    fill_case(case, case_manager)

    response = _erase(case_manager_client, case)

    assert response.status_code == 302
    page = case_manager_client.get(response["Location"]).content.decode()
    assert "still has an open case" in page
    assert Person.objects.get().anonymised_at is None
    assert CaseNote.objects.count() == 1


def test_a_person_with_another_open_case_is_not_erased(closed_case, case_manager):
    CaseFactory(
        organisation=closed_case.organisation,
        person=closed_case.person,
        case_manager=case_manager,
        status=CaseStatus.FOLLOW_UP,
    )
    with pytest.raises(CaseRefused):
        anonymise_person(closed_case.person, case_manager, None)
    assert Person.objects.get().given_name == "Ђорђе"


def test_a_second_erasure_is_refused_politely(closed_case, case_manager, case_manager_client):
    anonymise_person(closed_case.person, case_manager, None)

    response = _erase(case_manager_client, closed_case)

    page = case_manager_client.get(response["Location"]).content.decode()
    assert "already been erased" in page
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 1


def test_erasure_reaches_every_case_of_the_person(closed_case, case_manager):
    earlier = fill_case(
        CaseFactory(
            organisation=closed_case.organisation,
            person=closed_case.person,
            case_manager=case_manager,
            opened_on=date(2024, 1, 3),
        ),
        case_manager,
    )
    close(earlier, on=date(2024, 5, 1))

    anonymise_person(closed_case.person, case_manager, None)

    assert not CaseNote.objects.exists()
    assert set(_raw("cases_case", "closure_note")) == {""}
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 2


def test_an_erasure_keeps_other_persons_untouched(closed_case, case_manager):
    other = fill_case(
        CaseFactory(organisation=closed_case.organisation, case_manager=case_manager),
        case_manager,
    )

    anonymise_person(closed_case.person, case_manager, None)

    other.person.refresh_from_db()
    assert other.person.given_name == "Jelena"
    assert CaseNote.objects.filter(case=other).count() == 1

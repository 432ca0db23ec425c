"""Retention: once every case of a person is closed and past its `retain_until`, the daily task
(or `manage.py anonymise_cases`) anonymises the person; anything still kept is left alone."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from cases.codes import CaseStatus
from cases.models import CaseNote, NameKey, Person
from cases.services.rights import anonymise_expired
from cases.tasks import anonymise_expired_cases
from cases.tests.factories import CaseFactory
from cases.tests.test_rights_export import close, fill_case, set_names
from core.models import AuditAction, AuditEntry
from core.schedule import SCHEDULE

pytestmark = pytest.mark.django_db

TODAY = date(2036, 7, 1)


def _case(organisation, case_manager, **kwargs):  # type: ignore[no-untyped-def]
    case = fill_case(
        CaseFactory(organisation=organisation, case_manager=case_manager, **kwargs), case_manager
    )
    set_names(case.person, "Марија", "Nikolić")
    return case


def test_a_case_past_retention_is_anonymised(organisation, case_manager):
    case = close(_case(organisation, case_manager), retain_until=date(2036, 6, 30))

    assert anonymise_expired(today=TODAY) == 1

    person = Person.objects.get(pk=case.person_id)
    assert person.anonymised_at is not None
    assert person.given_name == ""
    assert not NameKey.objects.filter(person=person).exists()
    assert not CaseNote.objects.filter(case=case).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (entry.actor_id, entry.object_id) == (None, str(case.pk))


def test_a_case_not_yet_past_retention_is_untouched(organisation, case_manager):
    close(_case(organisation, case_manager), retain_until=TODAY)  # kept until today, inclusive

    assert anonymise_expired(today=TODAY) == 0

    assert Person.objects.get().given_name == "Марија"
    assert CaseNote.objects.count() == 1


def test_a_person_with_one_open_and_one_expired_case_is_untouched(organisation, case_manager):
    expired = close(_case(organisation, case_manager), retain_until=date(2030, 1, 1))
    CaseFactory(
        organisation=organisation,
        person=expired.person,
        case_manager=case_manager,
        status=CaseStatus.ACTIVE,
    )

    assert anonymise_expired(today=TODAY) == 0

    assert Person.objects.get().anonymised_at is None


def test_a_person_with_one_expired_and_one_recently_closed_case_is_untouched(
    organisation, case_manager
):
    expired = close(_case(organisation, case_manager), retain_until=date(2030, 1, 1))
    close(
        CaseFactory(organisation=organisation, person=expired.person, case_manager=case_manager),
        retain_until=date(2040, 1, 1),
    )

    assert anonymise_expired(today=TODAY) == 0


def test_an_already_anonymised_person_is_not_counted_again(organisation, case_manager):
    close(_case(organisation, case_manager), retain_until=date(2030, 1, 1))
    assert anonymise_expired(today=TODAY) == 1

    assert anonymise_expired(today=TODAY) == 0
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 1


def test_the_selection_takes_the_same_number_of_queries_for_more_persons(
    organisation, case_manager, django_assert_max_num_queries
):
    for _ in range(3):
        _case(organisation, case_manager)  # open: never selected
    with django_assert_max_num_queries(1):
        assert anonymise_expired(today=TODAY) == 0


def test_the_command_and_the_scheduled_task_anonymise_now(organisation, case_manager):
    close(_case(organisation, case_manager), retain_until=date(2020, 1, 1))
    close(_case(organisation, case_manager), retain_until=date(2021, 1, 1))
    out = StringIO()

    call_command("anonymise_cases", stdout=out)

    assert out.getvalue().strip() == "2 persons anonymised"
    assert anonymise_expired_cases.call() == 0
    assert tuple(path for path, _interval in SCHEDULE if path.startswith("cases.")) == (
        "cases.tasks.anonymise_expired_cases",
    )

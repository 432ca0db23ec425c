"""The demo cases: about 500 cases shaped like the public figures (seed-facts.yaml), 40 % opened
from demo contacts of the SOS line, generated once by `seed_demo`, one audit entry per run."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from cases import demo
from cases.codes import CaseStatus, ExploitationForm, TraffickingStatus
from cases.models import Case, Exploitation, IdentificationDecision, NameKey, Person, Referral
from cases.names import name_digests
from core.models import AuditEntry, Organisation, Role
from core.tests.factories import OrganisationFactory
from hotline import demo as hotline_demo
from hotline.codes import HandoverStatus, Subject
from hotline.models import CaseHandover
from hotline.services.handovers import next_case_code

pytestmark = pytest.mark.django_db

FACTS = {  # seed facts: ten_year_release.exploitation_share_pct
    ExploitationForm.SEXUAL: 72,
    ExploitationForm.LABOUR: 14,
    ExploitationForm.BEGGING: 7,
    ExploitationForm.MARRIAGE: 6,
    ExploitationForm.ADOPTION: 1,
    ExploitationForm.CRIMINALITY: 0.3,
}


@pytest.fixture
def demo_ngo() -> Organisation:
    return OrganisationFactory(slug=demo.ORGANISATION, name="Putokaz Demo NGO Belgrade")


@pytest.fixture
def with_contacts(demo_ngo: Organisation) -> Organisation:
    """Twenty years of demo contacts (fewer than the demo's, enough to open cases from), with
    the hotline demo's hand-overs: two accepted ones already carry case codes."""
    hotline_demo.generate(demo_ngo, total=4000)
    return demo_ngo


def test_demo_cases_follow_the_public_figures(with_contacts):
    summary = demo.generate(with_contacts)

    cases = Case.objects.filter(organisation=with_contacts)
    total = cases.count()
    assert total == summary.cases == demo.TOTAL
    years = sorted({opened.year for opened in cases.values_list("opened_on", flat=True)})
    assert years[0] == 2002 and years[-1] >= 2024
    minors = cases.filter(is_minor=True)
    assert 0.45 <= minors.count() / total <= 0.51  # "almost half"
    ages = list(minors.values_list("age_at_identification", flat=True))
    assert 14.2 <= sum(ages) / len(ages) <= 15.2  # "average age 14.7"
    assert not cases.filter(is_minor=True, age_at_identification__gte=18).exists()
    rows = dict(
        Exploitation.objects.filter(case__organisation=with_contacts)
        .values_list("form")
        .annotate(n=Count("id"))
    )
    all_rows = sum(rows.values())
    for form, share in FACTS.items():
        assert abs(100 * rows.get(form, 0) / all_rows - share) <= 3, (form, rows)
    females = Person.objects.filter(organisation=with_contacts, gender="Feminine").count()
    serbian = Person.objects.filter(organisation=with_contacts, citizenship="RS").count()
    assert females > total * 0.7 and serbian > total * 0.75


def test_every_case_has_a_code_a_person_and_an_identification_decision(with_contacts):
    demo.generate(with_contacts)

    cases = Case.objects.filter(organisation=with_contacts)
    assert not cases.filter(code="").exists()
    assert cases.values("code").distinct().count() == cases.count()
    assert not cases.filter(identifications__isnull=True).exists()
    assert cases.filter(person__isnull=True).count() == 0
    first_decisions = IdentificationDecision.objects.filter(
        case__organisation=with_contacts, status=TraffickingStatus.PRESUMED
    )
    assert first_decisions.values("case").distinct().count() == cases.count()
    identified = cases.filter(identification_status=TraffickingStatus.IDENTIFIED).count()
    assert identified > cases.count() * 0.7
    assert cases.filter(identification_status=TraffickingStatus.NOT_IDENTIFIED).exists()
    old = cases.filter(opened_on__lt=date(2015, 1, 1))
    closed = old.filter(status__in=[CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED])
    assert closed.count() > 0.9 * old.count()
    assert not closed.filter(closure_reason="").exists()
    assert not closed.filter(closure_outcome="").exists()
    assert not closed.filter(retain_until__isnull=True).exists()


def test_forty_per_cent_are_opened_from_a_contact_of_the_same_year(with_contacts):
    demo.generate(with_contacts)

    cases = Case.objects.filter(organisation=with_contacts).select_related("handover__contact")
    linked = [case for case in cases if case.handover_id]
    assert 0.35 <= len(linked) / len(cases) <= 0.45
    for case in linked:
        handover = case.handover
        assert handover.status == HandoverStatus.ACCEPTED
        assert handover.case_code == case.code
        assert case.code.startswith(f"A-{case.opened_on.year}-")
    new = [case for case in linked if case.code not in ("A-2026-001", "A-2026-002")]
    assert {case.handover.contact.subject for case in new} <= {
        Subject.SUSPECTED_TRAFFICKING,
        Subject.HELP_REQUEST,
    }
    assert all(case.handover.contact.started_at.year == case.opened_on.year for case in new)
    # The hotline demo's accepted hand-overs are cases now, under their codes.
    accepted = CaseHandover.objects.filter(
        organisation=with_contacts, status=HandoverStatus.ACCEPTED
    )
    assert not accepted.filter(case__isnull=True).exists()


def test_the_shared_code_counter_continues_after_the_demo_codes(with_contacts):
    demo.generate(with_contacts)

    for year in (2005, 2026):
        codes = Case.objects.filter(organisation=with_contacts, code__startswith=f"A-{year}-")
        highest = max(int(code.rsplit("-", 1)[1]) for code in codes.values_list("code", flat=True))
        assert next_case_code(with_contacts, year) == f"A-{year}-{highest + 1:03d}"


def test_identities_are_encrypted_and_found_by_their_name_keys(with_contacts):
    demo.generate(with_contacts, total=40)

    person = Person.objects.filter(organisation=with_contacts).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_name, family_name FROM cases_person WHERE id = %s", [person.pk]
        )
        stored = cursor.fetchone()
    assert person.given_name not in stored[0] and person.family_name not in stored[1]
    exact, sound = name_digests([person.family_name])[
        next(iter(name_digests([person.family_name])))
    ]
    keys = set(NameKey.objects.filter(person=person).values_list("digest", flat=True))
    assert {exact, sound} <= keys


def test_case_managers_team_and_partner_referrals(with_contacts):
    demo.generate(with_contacts, total=60)

    team = demo.Team.objects.get(organisation=with_contacts, name=demo.TEAM_NAME)
    usernames = set(team.members.values_list("username", flat=True))
    assert usernames == {"casemanager", "casemanager2", "casemanager3"}
    for username in usernames:
        user = team.members.get(username=username)
        assert user.memberships.filter(organisation=with_contacts, role=Role.CASE_MANAGER).exists()
        assert user.check_password(demo.DEMO_PASSWORD)
        assert user.totpdevice_set.filter(confirmed=True).exists()
    partner = Organisation.objects.get(slug=demo.PARTNER_ORGANISATION)
    referrals = Referral.objects.filter(partner=partner)
    assert referrals.count() == 2
    assert {r.status for r in referrals} == {"sent", "accepted"}
    assert all(r.consent and r.consent.partner == partner for r in referrals)
    partner_user = demo.User.objects.get(username=demo.PARTNER_USER)
    assert partner_user.memberships.filter(organisation=partner, role=Role.PARTNER).exists()


def test_seed_runs_once_and_the_command_adds_nothing_without_replace(demo_ngo):
    context = {"organisations": {demo.ORGANISATION: demo_ngo}}
    demo.seed(context)
    total = Case.objects.filter(organisation=demo_ngo).count()
    assert total == demo.TOTAL
    audits = AuditEntry.objects.filter(summary__startswith="demo cases generated")
    assert audits.count() == 1
    assert "minors" in "\n".join(context["report"])

    demo.seed(context)
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_cases", stdout=StringIO())

    assert Case.objects.filter(organisation=demo_ngo).count() == total
    assert audits.count() == 1
    assert "already there" in context["report"][-1]


def test_command_replaces_the_cases_and_prints_a_summary(demo_ngo):
    out = StringIO()
    call_command("demo_cases", "--seed", "7", stdout=out)
    first = set(Case.objects.filter(organisation=demo_ngo).values_list("code", flat=True))

    call_command("demo_cases", "--replace", "--seed", "8", stdout=out)

    cases = Case.objects.filter(organisation=demo_ngo)
    assert cases.count() == demo.TOTAL
    assert set(cases.values_list("code", flat=True)) == first  # codes numbered afresh
    assert "average age" in out.getvalue()
    assert AuditEntry.objects.filter(summary__startswith="demo cases generated").count() == 2


def test_command_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("demo_cases", "--organisation", "nowhere", stdout=StringIO())

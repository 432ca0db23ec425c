"""The demo generator: contacts shaped like the line's public figures, generated once by
`seed_demo`, deterministic by seed, identities encrypted, one audit entry per run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Min

from core.models import AuditEntry, Organisation
from core.tests.factories import OrganisationFactory
from hotline import demo
from hotline.codes import ContactKind, ContactStatus, Line
from hotline.models import (
    CaseHandover,
    Contact,
    FollowUp,
    MissingChildReport,
    OnlineReport,
)
from hotline.services.contacts import phone_index
from hotline.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_ngo() -> Organisation:
    return OrganisationFactory(slug=demo.ORGANISATION, name="Putokaz Demo NGO Belgrade")


def test_first_seed_generates_twenty_years_shaped_like_the_public_figures_and_later_seeds_add_nothing(
    demo_ngo,
):
    context = {"organisations": {demo.ORGANISATION: demo_ngo}}

    demo.seed(context)

    contacts = Contact.objects.filter(organisation=demo_ngo)
    total = contacts.count()
    assert 31_500 <= total <= 38_500  # "over 35,000 calls since 2002", ±10 %
    non_data = contacts.exclude(kind=ContactKind.DATA).count()
    assert 0.25 <= non_data / total <= 0.35
    by_line = dict(contacts.values_list("line").annotate(n=Count("id")))
    assert by_line[Line.SOS] > 5 * by_line[Line.MISSING_CHILDREN] > 0
    first_116000 = contacts.filter(line=Line.MISSING_CHILDREN).aggregate(first=Min("started_at"))
    assert first_116000["first"].year >= demo.MISSING_CHILDREN_LINE_FROM
    assert contacts.aggregate(first=Min("started_at"))["first"].year < 2011
    demo_ngo.refresh_from_db()
    assert demo_ngo.accepts_online_reports
    assert "contacts in" in "\n".join(context["report"])

    demo.seed(context)

    assert Contact.objects.filter(organisation=demo_ngo).count() == total
    assert "already there" in context["report"][-1]


def test_seed_adds_nothing_to_an_organisation_that_has_contacts(demo_ngo):
    ContactFactory(organisation=demo_ngo)

    demo.seed({"organisations": {demo.ORGANISATION: demo_ngo}})

    assert Contact.objects.filter(organisation=demo_ngo).count() == 1
    assert OnlineReport.objects.count() == 0


def test_names_phones_and_notes_are_stored_encrypted_with_a_blind_index(demo_ngo):
    demo.generate(demo_ngo, years=2, seed=5)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT caller_name, caller_phone, notes FROM hotline_contact "
            "WHERE caller_name <> '' OR caller_phone <> '' OR notes <> ''"
        )
        stored = [value for row in cursor.fetchall() for value in row if value]
    assert len(stored) > 100
    assert all(value.startswith("enc1:") for value in stored)
    with_phone = Contact.objects.filter(organisation=demo_ngo).exclude(caller_phone_index="")
    contact = with_phone.first()
    assert contact.caller_phone.startswith("+381 6")
    assert contact.caller_phone_index == phone_index(contact.caller_phone)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hotline_contact WHERE id = %s", [contact.pk])
        raw_row = " ".join(str(value) for value in cursor.fetchone())
    assert contact.caller_phone not in raw_row
    assert contact.caller_phone.replace(" ", "") not in raw_row
    named = Contact.objects.filter(organisation=demo_ngo, caller_name__isnull=False)
    for person in named[:200]:
        if person.caller_name:
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM hotline_contact WHERE id = %s", [person.pk])
                raw_row = " ".join(str(value) for value in cursor.fetchone())
            assert " " in person.caller_name
            assert person.caller_name not in raw_row


def test_many_callers_stay_anonymous(demo_ngo):
    demo.generate(demo_ngo, years=2, seed=5)

    data = Contact.objects.filter(organisation=demo_ngo, kind=ContactKind.DATA)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM hotline_contact WHERE caller_name <> ''")
        (named,) = cursor.fetchone()
    assert 0.1 < named / data.count() < 0.4


def test_the_same_seed_gives_the_same_contacts():
    first, second = OrganisationFactory(), OrganisationFactory()

    demo.generate(first, years=1, seed=11, extras=False)
    demo.generate(second, years=1, seed=11, extras=False)

    def shape(organisation):
        return list(
            Contact.objects.filter(organisation=organisation)
            .order_by("pk")
            .values_list("started_at", "line", "channel", "kind", "subject", "duration_seconds")
        )

    assert shape(first) == shape(second)


def test_the_extras_include_open_follow_ups_missing_children_online_reports_and_handovers(
    demo_ngo,
):
    demo.generate(demo_ngo, years=2, seed=3)

    assert FollowUp.objects.filter(organisation=demo_ngo, done_at__isnull=True).exists()
    reports = MissingChildReport.objects.filter(organisation=demo_ngo)
    assert 5 <= reports.count() <= 10
    assert all(report.events.exists() for report in reports)
    online = OnlineReport.objects.filter(organisation=demo_ngo)
    assert online.filter(contact__status=ContactStatus.RECEIVED).count() == 2
    assert online.exclude(contact__status=ContactStatus.RECEIVED).first().messages.count() == 2
    handovers = CaseHandover.objects.filter(organisation=demo_ngo)
    assert handovers.filter(status="requested").count() == 2
    codes = sorted(handovers.exclude(case_code="").values_list("case_code", flat=True))
    assert len(codes) == 2
    assert all(code.startswith("A-") and len(code.split("-")[2]) == 3 for code in codes)


def test_command_writes_one_audit_entry_per_run_and_prints_a_summary(demo_ngo):
    before = AuditEntry.objects.count()
    out = StringIO()

    call_command("demo_hotline", "--years", "1", "--seed", "4", stdout=out)

    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-sequence").first()
    total = Contact.objects.filter(organisation=demo_ngo).count()
    assert entry.summary == f"demo contacts generated: {total}"
    assert "non-data" in out.getvalue()
    assert "by line" in out.getvalue()


def test_command_refuses_to_add_to_existing_contacts_unless_asked_to_replace_them(demo_ngo):
    call_command("demo_hotline", "--years", "1", "--seed", "4", stdout=StringIO())
    total = Contact.objects.filter(organisation=demo_ngo).count()

    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_hotline", "--years", "1", stdout=StringIO())
    call_command("demo_hotline", "--years", "1", "--seed", "4", "--replace", stdout=StringIO())

    assert Contact.objects.filter(organisation=demo_ngo).count() == total


def test_command_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("demo_hotline", "--organisation", "nowhere", stdout=StringIO())

"""The contact page's hand-over part: waiting, case opened, declined, or the request form."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from core.tests.factories import MembershipFactory
from hotline.codes import HandoverStatus
from hotline.models import Contact
from hotline.tests.factories import ContactFactory, DraftContactFactory
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "hotline/includes/contact_handover.html"
CONSULTANT = {"RECORD_CONTACTS": True}
FORM = reverse("hotline:handover_request", args=[0]).replace("/0/", "/{}/")


def _render(contact, can=CONSULTANT):
    loaded = Contact.objects.select_related("handover").get(pk=contact.pk)
    return render_to_string(TEMPLATE, {"contact": loaded, "can": can})


def test_a_recorded_contact_offers_the_hand_over_form(organisation):
    contact = ContactFactory(organisation=organisation)

    html = _render(contact)

    assert FORM.format(contact.pk) in html
    assert 'name="reason"' in html
    assert "Hand over to a case manager" in html


def test_a_waiting_hand_over_says_so_and_offers_no_form(organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    html = _render(handover.contact)

    assert "waiting for a case manager since" in html
    assert 'name="reason"' not in html
    assert "shelter" not in html  # the reason is for the case managers' page


def test_an_opened_case_shows_its_code_and_who_opened_it(organisation):
    manager = MembershipFactory(organisation=organisation, role=Role.CASE_MANAGER).user
    handover = CaseHandoverFactory(
        contact__organisation=organisation,
        status=HandoverStatus.ACCEPTED,
        case_code="A-2026-017",
        decided_by=manager,
        decided_at=timezone.now(),
    )

    html = _render(handover.contact)

    assert '<strong class="case-code">A-2026-017</strong>' in html
    assert manager.get_full_name() in html
    assert 'name="reason"' not in html


def test_a_declined_hand_over_shows_the_reason_and_the_form_again(organisation):
    handover = CaseHandoverFactory(
        contact__organisation=organisation,
        status=HandoverStatus.DECLINED,
        decline_reason="Not our region.",
        decided_at=timezone.now(),
    )

    html = _render(handover.contact)

    assert "Not our region." in html
    assert 'name="reason"' in html


def test_a_draft_shows_nothing(organisation):
    assert _render(DraftContactFactory(organisation=organisation)).strip() == ""


def test_a_case_manager_gets_the_link_to_the_hand_over_and_no_form(organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    html = _render(handover.contact, can={"OPEN_CASES": True})

    assert reverse("hotline:handover", args=[handover.pk]) in html
    assert 'name="reason"' not in html

"""The contact page's missing-child part: the report's status and link, or the button to add one."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from hotline.codes import Line, Subject
from hotline.models import Contact
from hotline.tests.factories import ContactFactory, DraftContactFactory
from hotline.tests.factories_children import MissingChildReportFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "hotline/includes/contact_missing_child.html"
CONSULTANT = {"RECORD_CONTACTS": True}


def _render(contact, can=CONSULTANT):
    # As the contact page loads it: the report selected with the contact.
    loaded = Contact.objects.select_related("missing_child").get(pk=contact.pk)
    return render_to_string(TEMPLATE, {"contact": loaded, "can": can})


def test_a_contact_with_a_report_shows_its_status_and_link(organisation):
    report = MissingChildReportFactory(contact__organisation=organisation, status="searching")

    html = _render(report.contact)

    assert "Searching" in html
    assert reverse("hotline:missing_child", args=[report.pk]) in html
    assert "Milica" not in html


def test_a_116000_contact_without_a_report_offers_to_add_one(organisation):
    contact = ContactFactory(organisation=organisation, line=Line.MISSING_CHILDREN)

    html = _render(contact)

    assert "Add missing-child report" in html
    assert reverse("hotline:missing_child_new", args=[contact.pk]) in html


def test_an_sos_contact_about_a_missing_child_offers_it_too(organisation):
    contact = ContactFactory(organisation=organisation, subject=Subject.MISSING_CHILD)

    assert "Add missing-child report" in _render(contact)


def test_an_sos_contact_on_another_subject_shows_nothing(organisation):
    contact = ContactFactory(organisation=organisation, subject=Subject.JOB_OFFER)

    assert _render(contact).strip() == ""


def test_a_draft_or_a_reader_without_the_capability_gets_no_button(organisation):
    draft = DraftContactFactory(organisation=organisation, line=Line.MISSING_CHILDREN)
    recorded = ContactFactory(organisation=organisation, line=Line.MISSING_CHILDREN)

    assert "Add missing-child report" not in _render(draft)
    assert "Add missing-child report" not in _render(recorded, can={})


def test_rendering_runs_no_query_once_the_report_is_selected(
    organisation, django_assert_num_queries
):
    report = MissingChildReportFactory(contact__organisation=organisation)
    loaded = Contact.objects.select_related("missing_child").get(pk=report.contact.pk)

    with django_assert_num_queries(0):
        render_to_string(TEMPLATE, {"contact": loaded, "can": CONSULTANT})

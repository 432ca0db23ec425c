"""In a real browser: a case manager assesses the person's needs twice and sees what changed,
agrees a support plan with two goals, records a service, adds a note and uploads a PDF, and
finds it all on the case's timeline, newest first. Every screen passes axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.codes import NeedDomain
from cases.models import CaseDocument
from core.tests.browser import assert_accessible, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_case_manager_records_assistance_and_follows_it_on_the_timeline(
    page, live_server, case, case_manager
):
    today = timezone.localdate()
    url = live_server.url
    sign_in_with_second_factor(page, url, case_manager)

    # The first needs assessment, a week ago: urgent safety need, low elsewhere.
    page.goto(url + reverse("cases:needs_new", args=[case.pk]))
    assert_accessible(page)
    page.fill("#id_assessed_on", (today - timedelta(days=7)).isoformat())
    for domain in NeedDomain.values:
        page.check(f"#id_rating_{domain}_{3 if domain == 'safety' else 1}")
    page.fill("#id_note_safety", "The trafficker knows where she lives.")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("The needs assessment was recorded.")).to_be_visible()

    # Today: she moved to the shelter; the form starts from last week's ratings.
    page.get_by_role("link", name="Record a needs assessment").click()
    page.check("#id_rating_safety_1")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.locator(".need-down")).to_have_text("↓ better")
    expect(page.get_by_text("The trafficker knows where she lives.")).to_be_visible()
    assert_accessible(page)

    # A support plan with two goals.
    page.get_by_role("link", name="Support plans").click()
    page.get_by_role("link", name="Record a support plan").click()
    assert_accessible(page)
    page.fill("#id_review_on", (today + timedelta(days=30)).isoformat())
    page.fill("#id_person_view", "Wants to go back to school.")
    page.select_option("#id_goals-0-domain", "accommodation")
    page.fill("#id_goals-0-goal", "A safe place to live")
    page.fill("#id_goals-0-responsible", "Sigurna kuća")
    page.select_option("#id_goals-1-domain", "education")
    page.fill("#id_goals-1-goal", "Enrol in evening school")
    page.fill("#id_goals-1-deadline", (today + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_text("The support plan was recorded.")).to_be_visible()
    expect(page.get_by_text("Enrol in evening school")).to_be_visible()
    assert_accessible(page)

    # A service.
    page.get_by_role("link", name="Services").click()
    page.select_option("#id_kind", "psychological")
    page.fill("#id_delivered_on", today.isoformat())
    page.fill("#id_provider", "Savetovalište Atina")
    page.fill("#id_count", "3")
    page.get_by_role("button", name="Record the service").click()
    expect(page.get_by_text("The service was recorded.")).to_be_visible()
    assert_accessible(page)

    # A note and a document, from the timeline.
    page.get_by_role("link", name="Timeline").click()
    assert_accessible(page)
    page.fill("#id_text", "Met her at the shelter; she is calmer.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("The note was added.")).to_be_visible()
    page.fill("#id_title", "Plan, signed")
    page.set_input_files(
        "#id_file", files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Upload the document").click()
    expect(page.get_by_text("The document was uploaded.")).to_be_visible()
    assert_accessible(page)

    titles = page.locator("ol.timeline li strong").all_inner_texts()
    assert titles == [
        "Document: Plan, signed",
        "Note by " + (case_manager.get_full_name() or case_manager.get_username()),
        "Service: Psychological support",
        "Support plan agreed",
        "Needs assessment",
        "Needs assessment",
        "Case opened",
    ]
    expect(page.get_by_text("Met her at the shelter; she is calmer.")).to_be_visible()
    document = CaseDocument.objects.get()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download plan.pdf").click()
    assert download.value.suggested_filename == "plan.pdf"
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == PDF
    assert PDF not in bytes(document.content)

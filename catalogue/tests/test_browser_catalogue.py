"""The catalogue flow in a real browser: a coordinator working in Cyrillic publishes an accredited
programme, and the public catalogue shows it accessibly.

The interface is being translated while this test is written, so after switching to Cyrillic it
finds elements by name, id, CSS and URL, and asserts only on what it typed itself.
"""

import pytest
from django.urls import reverse

from catalogue.models import Accreditation, Programme
from catalogue.tests.factories import AccreditingBodyFactory
from core.models import Role
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE_LATIN = "Zdravstvene posledice trgovine ljudima"
TITLE_CYRILLIC = "Здравствене последице трговине људима"
DECISIONS = [
    ("153-02-00012/2024-01", "2024-02-15", "2024-03-01", "2026-02-28"),
    ("153-02-00077/2026-01", "2026-02-10", "2026-03-01", "2029-02-28"),
]
# The header holds the language switcher and sign-out forms; the page's own form is in <main>.
SUBMIT = "main form button[type=submit]"


def test_coordinator_in_cyrillic_publishes_an_accredited_programme_to_the_public_catalogue(
    page, live_server
):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    body = AccreditingBodyFactory(organisation=membership.organisation)
    sign_in_as(page, live_server.url, membership.user.username)

    page.click("button[name=language][value=sr]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr"

    page.goto(live_server.url + reverse("catalogue:programme_add"))
    assert_accessible(page)
    page.fill("#id_title_sr", TITLE_LATIN)
    page.fill("#id_summary_sr", "Program za zdravstvene radnike o prepoznavanju žrtava.")
    page.check("input[name=sectors][value=health]")
    page.fill("#id_professions_sr", "lekari, medicinske sestre")
    page.select_option("#id_format", "in_person")
    page.fill("#id_duration_days", "2")
    page.fill("#id_duration_hours", "16")
    page.select_option("#id_status", "active")
    page.click(SUBMIT)
    page.wait_for_url("**/catalogue/*/")
    programme_url = page.url

    assert page.locator("main h1").inner_text() == TITLE_CYRILLIC

    programme = Programme.objects.get()
    for number, decided, valid_from, valid_until in DECISIONS:
        page.goto(live_server.url + reverse("catalogue:accreditation_add", args=[programme.pk]))
        page.select_option("#id_body", str(body.pk))
        page.fill("#id_decision_number", number)
        page.fill("#id_decision_date", decided)
        page.fill("#id_valid_from", valid_from)
        page.fill("#id_valid_until", valid_until)
        page.click(SUBMIT)
        page.wait_for_url(programme_url)

    history = page.locator("main").inner_text()
    assert all(number in history for number, *_ in DECISIONS)

    page.goto(live_server.url + reverse("catalogue:public_list"))
    assert page.locator("main").get_by_text(TITLE_CYRILLIC).count() >= 1
    assert_accessible(page)

    page.goto(live_server.url + reverse("catalogue:public_detail", args=[programme.slug]))
    assert page.locator("main h1").inner_text() == TITLE_CYRILLIC
    assert_accessible(page)

    assert Programme.objects.filter(status="active", title_sr=TITLE_LATIN).count() == 1
    assert set(
        Accreditation.objects.filter(programme=programme).values_list("decision_number", flat=True)
    ) == {number for number, *_ in DECISIONS}

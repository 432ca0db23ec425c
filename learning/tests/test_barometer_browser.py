"""The Social Barometer in real browsers: the trainer shows a statement, three phones join with
the code and vote, the projector counts three votes without reloading, and the reveal shows the
answer on the projector and on the phones."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory
from learning.models import BarometerVote
from learning.tests.factories_barometer import BarometerSessionFactory, StatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(browser):
    context = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def test_three_phones_vote_and_the_projector_follows_then_reveals(
    page, browser, live_server, settings
):
    settings.SITE_URL = live_server.url
    trainer = MembershipFactory(role=Role.TRAINER)
    statement = StatementFactory(
        organisation=trainer.organisation,
        text_en="Trafficking always involves crossing a border.",
        explanation_en="Most trafficking in Serbia happens inside the country.",
    )
    session = BarometerSessionFactory(organisation=trainer.organisation)

    # The trainer shows the statement, results visible while people vote.
    sign_in_as(page, live_server.url, trainer.user.username)
    page.goto(live_server.url + reverse("learning:barometer_session", args=[session.pk]))
    page.get_by_role("combobox", name="Statement").select_option(str(statement.pk))
    page.get_by_role("combobox", name="Show the results").select_option("always")
    page.get_by_role("button", name="Show this statement").click()
    page.get_by_role("link", name="Open the projector view").click()
    votes = page.locator("[data-votes]")
    expect(page.locator("[data-statement]")).to_have_text(statement.text_en)
    expect(votes).to_have_text("0 votes")
    assert_accessible(page)
    page.evaluate("window.notReloaded = true")

    # Three phones: the first types the code, the others open the address behind the QR code.
    phones = []
    for index, answer in enumerate(["Disagree", "Disagree", "Agree"]):
        context, phone = _phone(browser)
        phones.append(context)
        if index == 0:
            phone.goto(live_server.url + reverse("learning:join"))
            phone.get_by_label("Code").fill(session.code.lower())
            phone.get_by_role("button", name="Join").click()
            expect(phone.locator("[data-phone-statement]")).to_have_text(statement.text_en)
            assert_accessible(phone)
        else:
            phone.goto(live_server.url + f"/join/{session.code}/")
        phone.get_by_role("button", name=answer, exact=True).click()
        expect(phone.locator("[data-phone-mine-label]")).to_have_text(answer)

    expect(votes).to_have_text("3 votes")
    expect(page.locator('[data-bar="disagree"] [data-bar-value]')).to_have_text("67% (2)")
    assert page.evaluate("window.notReloaded") is True
    assert BarometerVote.objects.count() == 3

    # The trainer reveals with the keyboard; the projector and the phones show the answer.
    page.keyboard.press("r")
    expect(page.locator("[data-reveal]")).to_be_visible()
    expect(page.locator("[data-correct]")).to_have_text("Disagree")
    expect(page.locator("[data-explanation]")).to_have_text(statement.explanation_en)
    assert_accessible(page)
    last_phone = phones[-1].pages[0]
    expect(last_phone.locator("[data-phone-correct]")).to_have_text("Disagree")
    expect(last_phone.locator("[data-phone-form]")).to_be_hidden()
    for context in phones:
        context.close()

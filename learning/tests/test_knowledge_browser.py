"""A participant takes the pre-test and the post-test on her phone; the trainer opens each phase
and the results page shows her gain."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory
from learning.models import QuestionKind
from learning.tests.factories_knowledge import KnowledgeTestFactory, QuestionFactory
from training.tests.factories import RegistrationFactory
from training.tokens import registration_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_completes_pre_and_post_tests_and_the_gain_is_shown(
    page, browser, live_server, settings
):
    settings.SITE_URL = live_server.url
    trainer = MembershipFactory(role=Role.TRAINER)
    organisation = trainer.organisation
    questions = [
        QuestionFactory(
            organisation=organisation,
            text_en="Victims of trafficking are always foreigners.",
            kind=QuestionKind.TRUE_FALSE,
            answers=[("Tačno", False), ("Netačno", True)],
        ),
        QuestionFactory(
            organisation=organisation,
            text_en="Which are signs of recruitment?",
            kind=QuestionKind.MULTIPLE,
            answers=[("Job offer abroad", True), ("Debt", True), ("School trip", False)],
        ),
    ]
    test = KnowledgeTestFactory(training__organisation=organisation, questions=questions)
    jelena = RegistrationFactory(training=test.training, first_name="Jelena")

    sign_in_as(page, live_server.url, trainer.user.username)
    page.goto(live_server.url + reverse("learning:knowledge_test", args=[test.training.pk]))
    page.get_by_role("button", name="Open the Pre-test").click()
    expect(page.locator(".messages")).to_contain_text("Pre-test is open.")
    assert_accessible(page)
    pre_url = page.get_by_role("link", name=f"/quiz/{test.token}/pre/").get_attribute("href")

    context = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    phone = context.new_page()
    phone.goto(
        live_server.url + reverse("training:registration", args=[registration_token(jelena.pk)])
    )
    phone.goto(pre_url)
    expect(phone.locator("main")).to_contain_text("Answering as Jelena.")
    assert_accessible(phone)
    phone.get_by_label("Tačno", exact=True).check()  # wrong: victims are often citizens
    phone.get_by_label("Job offer abroad").check()  # only half of the right set: wrong
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.locator(".quiz-score")).to_have_text("Your score: 0 of 2 points.")

    page.get_by_role("button", name="Close the Pre-test").click()
    page.get_by_role("button", name="Open the Post-test").click()
    expect(page.locator(".messages")).to_contain_text("Post-test is open.")

    phone.goto(pre_url.replace("/pre/", "/post/"))
    phone.get_by_label("Netačno", exact=True).check()
    phone.get_by_label("Job offer abroad").check()
    phone.get_by_label("Debt").check()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.locator(".quiz-score")).to_have_text("Your score: 2 of 2 points.")
    context.close()

    page.get_by_role("link", name="Results").click()
    row = page.get_by_role("row", name=jelena.full_name)
    expect(row).to_contain_text("0 / 2")
    expect(row).to_contain_text("2 / 2")
    expect(page.locator(".average-gain")).to_have_text("1.00")
    assert_accessible(page)
